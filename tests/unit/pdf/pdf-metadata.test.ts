import { describe, expect, it } from "vitest";
import { type ReportMetadata, reportSchema } from "../../../src/lib/content/schemas/report.ts";
import { pdfFileName, pdfMetadata } from "../../../src/lib/pdf/pdf-metadata.ts";

function report(fields: Record<string, unknown> = {}): ReportMetadata {
  return reportSchema.parse({
    title: "Self-Help Group Report",
    published: "2026-11-26",
    language: "en",
    summary: "Self-help groups are associations of people meeting regularly.",
    keywords: ["self-help groups", "mutual support"],
    pdfName: "self-help-group-report",
    ...fields,
  });
}

describe("pdfFileName", () => {
  it("names the PDF after the report", () => {
    expect(pdfFileName(report())).toBe("self-help-group-report.pdf");
  });
});

describe("pdfMetadata", () => {
  it("takes title, subject, keywords and language from report.yaml", () => {
    const metadata = pdfMetadata(report());
    expect(metadata.title).toBe("Self-Help Group Report");
    expect(metadata.subject).toBe("Self-help groups are associations of people meeting regularly.");
    expect(metadata.keywords).toEqual(["self-help groups", "mutual support"]);
    expect(metadata.language).toBe("en");
    expect(metadata.creationDate.toISOString()).toBe("2026-11-26T00:00:00.000Z");
  });

  it("names no author when the report names none", () => {
    expect(pdfMetadata(report({ authors: [] })).author).toBeUndefined();
  });

  it("names the authors in byline order", () => {
    const authors = [{ given: "Thomasina", family: "Borkman" }, { family: "Boyce" }];
    expect(pdfMetadata(report({ authors })).author).toBe("Thomasina Borkman and Boyce");
  });
});
