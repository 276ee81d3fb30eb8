import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { describe, expect, test } from "vitest";
import {
  asciiSlug,
  HeadingIdAllocator,
  isReservedId,
  rehypeHeadingIdsAscii,
  reportHeadingId,
  reportSectionId,
} from "../../../src/lib/content/heading-ids.ts";

describe("heading ids", () => {
  test("are ASCII slugs of the heading text", () => {
    expect(asciiSlug("Über die Größe")).toBe("uber-die-grosse");
    expect(asciiSlug("  Self-Help   Groups: 1935!  ")).toBe("self-help-groups-1935");
  });

  test("never take a reserved id, and repeat with -2, -3", () => {
    const ids = new HeadingIdAllocator();
    expect(
      ["Background", "Background", "References", "Contents", "P. values", "关于"].map((text) => ids.allocate(text)),
    ).toEqual(["background", "background-2", "references-section", "contents-section", "section-p-values", "section"]);
    expect(isReservedId("p-alcoholics-were")).toBe(true);
    expect(isReservedId("background")).toBe(false);
  });

  test("the plugin sets them on a page's headings, leaving hidden helper text out", async () => {
    const html = String(
      await unified()
        .use(remarkParse)
        .use(remarkRehype)
        .use(rehypeHeadingIdsAscii)
        .use(rehypeStringify)
        .process("## Background\n\n## Background\n\n## References\n\n### Café"),
    );
    expect([...html.matchAll(/id="([^"]+)"/g)].map((match) => match[1])).toEqual([
      "background",
      "background-2",
      "references-section",
      "cafe",
    ]);
  });

  test("on the full report, a section's headings carry its id", () => {
    expect(reportSectionId("introduction")).toBe("introduction");
    expect(reportSectionId("references")).toBe("section-references");
    expect(reportHeadingId("introduction", "background")).toBe("introduction--background");
  });
});
