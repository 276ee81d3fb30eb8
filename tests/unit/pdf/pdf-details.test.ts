import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  fillDetailsHtml,
  fillPdfDetails,
  fillPdfDetailsHtml,
  formatFileSize,
  formatPdfDetails,
} from "../../../src/lib/pdf/pdf-details.ts";

describe("formatFileSize", () => {
  it("gives kilobytes below a megabyte, rounded, never 0", () => {
    expect(formatFileSize(66_542)).toBe("65 KB");
    expect(formatFileSize(100)).toBe("1 KB");
  });

  it("gives megabytes with one decimal from a megabyte on", () => {
    expect(formatFileSize(1_572_864)).toBe("1.5 MB");
  });
});

describe("formatPdfDetails", () => {
  it("says the page count and the size, singular for one page", () => {
    expect(formatPdfDetails(12, 146_432)).toBe("(12 pages, 143 KB)");
    expect(formatPdfDetails(1, 2048)).toBe("(1 page, 2 KB)");
  });
});

describe("fillPdfDetailsHtml", () => {
  const link = '<a href="/r.pdf" data-pdf-link>Download PDF</a><span data-pdf-details></span> of the report';

  it("fills the empty placeholder, with a space after the link", () => {
    expect(fillPdfDetailsHtml(link, "(3 pages, 40 KB)")).toBe(
      '<a href="/r.pdf" data-pdf-link>Download PDF</a><span data-pdf-details> (3 pages, 40 KB)</span> of the report',
    );
  });

  it("replaces details filled by an earlier print", () => {
    const once = fillPdfDetailsHtml(link, "(3 pages, 40 KB)");
    expect(fillPdfDetailsHtml(once, "(4 pages, 41 KB)")).toContain("<span data-pdf-details> (4 pages, 41 KB)</span>");
    expect(fillPdfDetailsHtml(once, "(4 pages, 41 KB)")).not.toContain("3 pages");
  });

  it("leaves pages without a placeholder alone", () => {
    const html = "<p><span>(3 pages)</span></p>";
    expect(fillPdfDetailsHtml(html, "(1 page, 1 KB)")).toBe(html);
  });
});

describe("fillPdfDetails", () => {
  it("fills every HTML page of a built site that offers the PDF and counts them", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-details-"));
    fs.mkdirSync(path.join(dist, "sections", "one"), { recursive: true });
    fs.writeFileSync(path.join(dist, "index.html"), "<span data-pdf-details></span>");
    fs.writeFileSync(path.join(dist, "sections", "one", "index.html"), "<span data-pdf-details></span>");
    fs.writeFileSync(path.join(dist, "references.bib"), "<span data-pdf-details></span>");
    fs.writeFileSync(path.join(dist, "404.html"), "<p>Not found</p>");

    expect(fillPdfDetails(dist, "(2 pages, 9 KB)")).toBe(2);
    expect(fs.readFileSync(path.join(dist, "sections", "one", "index.html"), "utf8")).toContain("(2 pages, 9 KB)");
    expect(fs.readFileSync(path.join(dist, "references.bib"), "utf8")).toBe("<span data-pdf-details></span>");
    fs.rmSync(dist, { recursive: true });
  });
});

describe("fillDetailsHtml", () => {
  it("fills the empty placeholder and a filled one again, escaping the text", () => {
    const html = "<a data-epub-link>EPUB</a><span data-epub-details></span>; <span data-pdf-details></span>";
    const once = fillDetailsHtml(html, "data-epub-details", "(12 KB)");
    expect(once).toBe(
      "<a data-epub-link>EPUB</a><span data-epub-details> (12 KB)</span>; <span data-pdf-details></span>",
    );
    expect(fillDetailsHtml(once, "data-epub-details", "(<13 KB)")).toContain(
      "<span data-epub-details> (&lt;13 KB)</span>",
    );
  });
});
