import { describe, expect, it } from "vitest";
import { fillDetailsHtml } from "../../../src/lib/editions/download-details.ts";

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
