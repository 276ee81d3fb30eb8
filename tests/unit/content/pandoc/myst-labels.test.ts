import { toString as mdastToString } from "mdast-util-to-string";
import { describe, expect, test } from "vitest";
import { parseMarkdown } from "../../../../src/lib/content/markdown-tree.ts";

const text = (markdown: string) => mdastToString(parseMarkdown(markdown, "/c/sections/s.md"));

describe("MyST's @label: a label without a kind names what the file labels so", () => {
  test("a labelled code block, figure or equation is referred to as its kind", () => {
    const markdown = [
      "As seen in @workspace, @export and @energy (ask me@example.org; cite @knuth84).",
      "",
      "```{code-block} toml",
      ":label: workspace",
      ":caption: The manifest.",
      "a = 1",
      "```",
      "",
      "```{figure} images/x.png",
      ":label: export",
      "Export.",
      "```",
      "",
      "```{math}",
      ":label: energy",
      "E = mc^2",
      "```",
    ].join("\n");
    expect(text(markdown)).toContain(
      "As seen in @lst:workspace, @fig:export and @eq:energy (ask me@example.org; cite @knuth84).",
    );
  });

  test("a name the file labels nothing with stays a citation; a prefixed label is left as written", () => {
    expect(text("See @workspace and @fig-x.\n")).toBe("See @workspace and @fig-x.");
  });
});
