import { describe, expect, test } from "vitest";
import { pageSchema } from "../../../src/lib/content/schemas/page.ts";
import { reportSchema } from "../../../src/lib/content/schemas/report.ts";
import { sectionSchema } from "../../../src/lib/content/schemas/section.ts";

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("section frontmatter", () => {
  test("accepts a title and an order", () => {
    expect(sectionSchema.parse({ title: " Introduction ", order: 1 })).toEqual({ title: "Introduction", order: 1 });
  });

  test.each([
    [{ order: 1 }, /every section needs a title\. Fix: add `title:/],
    [{ title: "", order: 1 }, /the title is empty/],
    [{ title: "A", order: "two" }, /order must be a whole number\. Fix/],
    [{ title: "A", order: 1.5 }, /whole number/],
    [{ title: "A", order: 0 }, /1 or more/],
    [{ title: "A", order: 1, titel: "B" }, /unknown frontmatter key\(s\): titel\. Fix: remove or correct it/],
  ])("refuses %j", (input, message) => {
    const result = sectionSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(messages(result).join(" ")).toMatch(message);
  });
});

describe("page frontmatter", () => {
  test("refuses unknown keys", () => {
    expect(messages(pageSchema.safeParse({ title: "About", order: 1 })).join(" ")).toMatch(
      /unknown frontmatter key\(s\): order/,
    );
  });
});

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
});
