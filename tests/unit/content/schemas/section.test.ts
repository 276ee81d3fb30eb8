import { describe, expect, test } from "vitest";
import { sectionSchema } from "../../../../src/lib/content/schemas/section.ts";

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
