import { describe, expect, test } from "vitest";
import { checkContentFolder } from "../../../../src/lib/content/policy/check-content-folder.ts";
import { splitFrontmatter } from "../../../../src/lib/content/yaml-file.ts";

describe("the content folder", () => {
  test("keeps body lines where the file has them", () => {
    const split = splitFrontmatter("\uFEFF---\r\ntitle: A\r\n---\r\n\r\nText\r\n");
    expect(split.yaml).toBe("title: A");
    expect(split.body.split("\n")[4]).toBe("Text");
  });

  test("a folder that is not there says so", () => {
    expect(() => checkContentFolder("/nonexistent/content")).toThrow(
      /does not exist[\s\S]*Fix: set REPORT_CONTENT_DIR/,
    );
  });
});
