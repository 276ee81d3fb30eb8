import { describe, expect, test } from "vitest";
import { calendarDateSchema, orcidChecksumValid, reportSchema } from "../../../../src/lib/content/schemas/report.ts";

describe("report metadata", () => {
  const minimal = { title: "T", published: "2026-11-26", language: "en", summary: "S" };

  test("fills defaults", () => {
    const report = reportSchema.parse(minimal);
    expect(report).toMatchObject({
      authors: [],
      keywords: [],
      pageSize: "Letter",
      pdfName: "report",
      furtherReading: [],
    });
    expect(report.published.toISOString()).toBe("2026-11-26T00:00:00.000Z");
  });

  test.each([
    [{ ...minimal, language: "English" }, "language"],
    [{ ...minimal, pageSize: "A5" }, "pageSize"],
    [{ ...minimal, pdfName: "My Report" }, "pdfName"],
    [{ ...minimal, authors: [{ given: "Ann" }] }, "authors"],
    [{ ...minimal, published: "someday" }, "published"],
  ])("refuses a bad %s", (input, field) => {
    const result = reportSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });
  test("ORCID iDs are checked with ORCID's own check digit (ISO 7064 MOD 11-2)", () => {
    // Examples from ORCID's documentation: one ends in a digit, one in X.
    expect(orcidChecksumValid("0000-0002-1825-0097")).toBe(true);
    expect(orcidChecksumValid("0000-0002-1694-233X")).toBe(true);
    expect(orcidChecksumValid("0000-0002-1825-0098")).toBe(false);
  });
});

describe("dates and languages", () => {
  test("dates are real calendar days", () => {
    expect(calendarDateSchema.parse("2024-02-29").toISOString()).toBe("2024-02-29T00:00:00.000Z");
    for (const bad of ["2026-02-30", "2026-13-01", "2026", 2026, "26-11-2026", "2026-1-5"]) {
      expect(calendarDateSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  test("languages are BCP 47 tags, kept canonical", () => {
    const base = { title: "T", published: "2026-11-26", summary: "S" };
    expect(reportSchema.parse({ ...base, language: "en-gb" }).language).toBe("en-GB");
    for (const bad of ["english", "en_GB", "e", "en--GB"]) {
      expect(reportSchema.safeParse({ ...base, language: bad }).success, bad).toBe(false);
    }
  });
});

describe("report.yaml URLs pass the URL gate", () => {
  const minimal = { title: "T", published: "2026-11-26", language: "en", summary: "S" };
  test.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,x",
    "//evil.example/",
    "creativecommons.org",
  ])("licenseUrl %s is refused", (licenseUrl) => {
    const result = reportSchema.safeParse({ ...minimal, licenseUrl });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/Fix: link to the license's web page/);
  });

  test("an accepted licenseUrl is serialized: a quote cannot end its attribute", () => {
    const report = reportSchema.parse({ ...minimal, licenseUrl: 'https://x.org/a"b' });
    expect(report.licenseUrl).toBe("https://x.org/a%22b");
  });

  test.each(["index", "404"])("pdfName %s would replace a page of the site", (pdfName) => {
    expect(reportSchema.safeParse({ ...minimal, pdfName }).success).toBe(false);
  });
});
