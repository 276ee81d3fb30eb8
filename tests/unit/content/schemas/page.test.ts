import { describe, expect, test } from "vitest";
import { pageSchema } from "../../../../src/lib/content/schemas/page.ts";

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("page frontmatter", () => {
  test("refuses unknown keys", () => {
    expect(messages(pageSchema.safeParse({ title: "About", order: 1 })).join(" ")).toMatch(
      /unknown frontmatter key\(s\): order/,
    );
  });
});
