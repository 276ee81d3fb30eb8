import { describe, expect, it } from "vitest";
import { readEnvironment } from "../../../src/lib/build/environment.ts";
import { epubFileName, epubSkipReason, singleFileName } from "../../../src/lib/editions/edition-availability.ts";

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
