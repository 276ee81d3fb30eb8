import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AstroIntegrationLogger } from "astro";
import { describe, expect, it } from "vitest";
import { editionsIntegration } from "../../../src/integrations/editions-integration.ts";
import { readEnvironment } from "../../../src/lib/build/environment.ts";
import { fillDetailsHtml } from "../../../src/lib/editions/download-details.ts";
import { epubFileName, epubSkipReason, singleFileName } from "../../../src/lib/editions/edition-availability.ts";
import { singleFileCsp } from "../../../src/lib/editions/single-file-html.ts";
import { writeAtomically } from "../../../src/lib/editions/write-atomically.ts";
import { projectRoot } from "../../build/build-helpers.ts";

describe("edition availability", () => {
  it("skips the EPUB only for REPORT_EPUB=off", () => {
    expect(epubSkipReason(readEnvironment({ REPORT_EPUB: "off" }))).toBe("EPUB skipped: REPORT_EPUB=off.");
    expect(epubSkipReason(readEnvironment({}))).toBeUndefined();
    expect(epubSkipReason(readEnvironment({ REPORT_PDF: "off" }))).toBeUndefined();
  });

  it("names both editions after pdfName", () => {
    expect(epubFileName({ pdfName: "my-report" })).toBe("my-report.epub");
    expect(singleFileName({ pdfName: "my-report" })).toBe("my-report.html");
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

describe("singleFileCsp", () => {
  it("allows styles only by hash and loads nothing but data: images and fonts", () => {
    const policy = singleFileCsp(["abc=", "def="]);
    expect(policy).toContain("style-src 'sha256-abc=' 'sha256-def=';");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/'self'|unsafe|https?:/);
  });
});

describe("writeAtomically", () => {
  it("writes the whole file and leaves no temporary file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atomic-"));
    writeAtomically(path.join(dir, "a.epub"), "complete");
    expect(fs.readdirSync(dir)).toEqual(["a.epub"]);
    expect(fs.readFileSync(path.join(dir, "a.epub"), "utf8")).toBe("complete");
  });

  it("leaves neither the target nor a partial file when the write fails", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atomic-"));
    // A folder in the way makes the final rename fail after the bytes were written.
    fs.mkdirSync(path.join(dir, "a.epub"));
    fs.writeFileSync(path.join(dir, "a.epub", "keep"), "");
    expect(() => writeAtomically(path.join(dir, "a.epub"), "bytes")).toThrow();
    expect(fs.readdirSync(dir)).toEqual(["a.epub"]);
    expect(fs.statSync(path.join(dir, "a.epub")).isDirectory()).toBe(true);
  });
});

describe("the editions step of the build", () => {
  const logger = { info: () => {}, warn: () => {}, error: () => {} } as unknown as AstroIntegrationLogger;

  it("fails on a site without its report page and writes neither edition", async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "editions-dist-"));
    fs.writeFileSync(path.join(dist, "index.html"), "<p>home</p>");
    const integration = editionsIntegration({ contentDir: path.join(projectRoot, "content") });
    const done = integration.hooks["astro:build:done"] as (options: {
      dir: URL;
      logger: AstroIntegrationLogger;
    }) => Promise<void>;
    await expect(done({ dir: new URL(`file://${dist}/`), logger })).rejects.toThrow(
      /report[/\\]index\.html is missing/,
    );
    expect(fs.readdirSync(dist)).toEqual(["index.html"]);
    fs.rmSync(dist, { recursive: true, force: true });
  });
});
