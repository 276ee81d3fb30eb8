import fc from "fast-check";
import type { Heading } from "mdast";
import { describe, expect, test } from "vitest";
import { parseMarkdown } from "../../../../src/lib/content/markdown-tree.ts";

const depths = (markdown: string) =>
  parseMarkdown(markdown, "/c/sections/s.md")
    .children.filter((node): node is Heading => node.type === "heading")
    .map((heading) => heading.depth);

describe("a Markdown section's outline starts at its shallowest heading", () => {
  test("a file cut from a Quarto paper at its ## headings: ### is h2, #### is h3", () => {
    expect(depths("Text.\n\n### Standards\n\nText.\n\n#### Example\n\n### Other\n")).toEqual([2, 3, 2]);
  });

  test("a file whose headings start at ## (or has none) is unchanged", () => {
    expect(depths("## A\n\n### B\n\n## C\n")).toEqual([2, 3, 2]);
    expect(depths("Text only.\n")).toEqual([]);
  });

  test("a skip inside the file still stops the build at its line", () => {
    expect(() => parseMarkdown("### A\n\n##### B\n", "s.md")).not.toThrow();
    // The content check (not the reader) names the skip; the shifted depths keep the gap.
    expect(depths("### A\n\n##### B\n")).toEqual([2, 4]);
  });

  test("property: any outline written from level n reads as the same outline from h2", () => {
    const outline = fc
      .array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 8 })
      .map((steps) => [0, ...steps.slice(1)]);
    fc.assert(
      fc.property(outline, fc.integer({ min: 2, max: 4 }), (relative, top) => {
        const markdown = relative.map((level, index) => `${"#".repeat(top + level)} H${index}\n\nText.\n`).join("\n");
        expect(depths(markdown)).toEqual(relative.map((level) => level + 2));
      }),
      { numRuns: 60 },
    );
  });
});
