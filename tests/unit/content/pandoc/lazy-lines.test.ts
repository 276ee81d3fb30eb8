import { execFileSync } from "node:child_process";
import fc from "fast-check";
import type { FootnoteDefinition, Paragraph } from "mdast";
import { toString as mdastToString } from "mdast-util-to-string";
import { describe, expect, test } from "vitest";
import { parseMarkdown } from "../../../../src/lib/content/markdown-tree.ts";

const parse = (markdown: string) => parseMarkdown(markdown, "/c/sections/s.md");

/** Pandoc's own reading of a text, as plain text (the oracle). */
function pandocText(markdown: string): string {
  return execFileSync("pandoc", ["-f", "markdown", "-t", "plain", "--wrap=none"], {
    input: markdown,
    encoding: "utf8",
  });
}

const words = (text: string) =>
  text
    .replace(/\[\^?\w+\]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/ ([.)])/g, "$1")
    .trim();

describe("a number wrapped onto a line of its own inside a note or quote", () => {
  test("`2005.` after a footnote's line ends the note, as Pandoc reads it", () => {
    const tree = parse("Text[^5].\n\n[^5]: First published by Martin\nFowler [on his blog](https://x.org) in\n2005.\n");
    const note = tree.children.find((node): node is FootnoteDefinition => node.type === "footnoteDefinition");
    expect(mdastToString(note)).toBe("First published by Martin\nFowler on his blog in\n2005.");
    expect(tree.children.map((node) => node.type)).toEqual(["paragraph", "footnoteDefinition"]);
  });

  test("in a quote, a number other than 1 with text after it continues the paragraph too", () => {
    const tree = parse("> The first edition came out in\n2005) and a second later.\n");
    const quote = tree.children[0];
    expect(quote?.type).toBe("blockquote");
    expect(mdastToString(quote)).toBe("The first edition came out in\n2005) and a second later.");
  });

  test("a list after a blank line, or one starting at 1, is a list as written", () => {
    expect(parse("> a\n\n2005.\n").children.map((node) => node.type)).toEqual(["blockquote", "list"]);
    expect(parse("Text:\n\n1. one\n2. two\n").children.map((node) => node.type)).toEqual(["paragraph", "list"]);
    const items = parse("> quoted\n\n3. three\n4. four\n").children[1];
    expect(items?.type).toBe("list");
  });

  test("property: a note wrapped before a number reads as Pandoc reads it (pandoc is the oracle)", () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 2, max: 2100 }),
        fc.constantFrom(".", ")"),
        fc.array(word, { maxLength: 3 }),
        (before, number, delimiter, after) => {
          const markdown = `Text[^n].\n\n[^n]: ${before.join(" ")}\n${number}${delimiter}${after.length ? ` ${after.join(" ")}` : ""}\n`;
          const tree = parse(markdown);
          const note = tree.children.find((node): node is FootnoteDefinition => node.type === "footnoteDefinition");
          const ours = `${mdastToString(tree.children[0] as Paragraph)} ${mdastToString(note)}`;
          expect(words(ours)).toBe(words(pandocText(markdown)));
        },
      ),
      { numRuns: 25 },
    );
  });
});
