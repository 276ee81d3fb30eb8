import { execFileSync } from "node:child_process";
import fc from "fast-check";
import rehypeStringify from "rehype-stringify";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { describe, expect, test } from "vitest";
import { parseMarkdown } from "../../../../src/lib/content/markdown-tree.ts";
import { rewriteFancyLists, romanValue } from "../../../../src/lib/content/pandoc/fancy-lists.ts";

/** The HTML the site's Markdown reading gives (before the report's own plugins). */
function siteHtml(markdown: string): string {
  const processor = unified().use(remarkRehype).use(rehypeStringify);
  return String(processor.stringify(processor.runSync(parseMarkdown(markdown, "s.md"))));
}

/** Pandoc itself, the oracle. */
function pandocHtml(markdown: string): string {
  return execFileSync("pandoc", ["-f", "markdown", "-t", "html"], { input: markdown, encoding: "utf8" });
}

/**
 * What a reader sees of the lists: each <ol>'s type and start (HTML's defaults filled in: no type
 * is "1", no start is 1), and the words, in order; tags and spacing are left out.
 */
function listShape(html: string): string[] {
  const shape: string[] = [];
  for (const match of html.matchAll(/<ol([^>]*)>|<\/ol>|<li>|<[^>]*>|([^<>]+)/g)) {
    const [, attributes, text] = match;
    if (attributes !== undefined) {
      const type = /type="([^"]+)"/.exec(attributes)?.[1] ?? "1";
      const start = /start="(\d+)"/.exec(attributes)?.[1] ?? "1";
      shape.push(`ol ${type} ${start}`);
    } else if (match[0] === "</ol>") shape.push("/ol");
    else if (match[0] === "<li>") shape.push("li");
    else if (text?.trim()) shape.push(...text.trim().split(/\s+/));
  }
  return shape;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"];

/** A marker's text for a style and value: `c`, `IV`, `7`, `#`. */
function markerText(style: string, value: number): string {
  if (style === "a" || style === "A") {
    const letter = LETTERS[(value - 1) % 26] ?? "a";
    return style === "A" ? letter.toUpperCase() : letter;
  }
  if (style === "i" || style === "I")
    return style === "I" ? (ROMANS[value - 1] ?? "i").toUpperCase() : (ROMANS[value - 1] ?? "i");
  return style === "#" ? "#" : String(value);
}

const item = fc.constantFrom("alpha", "beta", "gamma", "delta");
const list = fc.record({
  style: fc.constantFrom("a", "A", "i", "I", "1", "#"),
  enclosure: fc.constantFrom(".", ")", "()"),
  start: fc.integer({ min: 1, max: 12 }),
  items: fc.array(item, { minLength: 1, maxLength: 3 }),
  nested: fc.option(fc.constantFrom("a", "i", "1"), { nil: undefined }),
  after: fc.constantFrom("", "Some text.\n\n"),
});

type ListCase = typeof list extends fc.Arbitrary<infer T> ? T : never;

function listMarkdown({ style, enclosure, start, items, nested, after }: ListCase): string {
  const lines = items.map((word, index) => {
    const text = markerText(style, start + index);
    const marker = enclosure === "()" ? `(${text})` : `${text}${enclosure}`;
    // Pandoc wants two spaces after a capital letter and a period; the item's text lines up after the marker.
    const sub =
      nested && index === 0
        ? `\n\n${" ".repeat(marker.length + 2)}${markerText(nested, 1)}${enclosure === "()" ? ")" : enclosure} inner\n`
        : "";
    return `${marker}  ${word}${sub}`;
  });
  return `${lines.join("\n")}\n\n${after}`;
}

describe("Pandoc's fancy lists", () => {
  test("Roman numerals are read by their value", () => {
    expect(["i", "iv", "ix", "xiv", "XL", "mcmxcix"].map(romanValue)).toEqual([1, 4, 9, 14, 40, 1999]);
    expect(romanValue("iiii")).toBeUndefined();
    expect(romanValue("ab")).toBeUndefined();
  });

  test("a marker becomes a decimal one of its own width, so every column stays the author's", () => {
    const lines = ["(iv) four", "(v)  five", "", "B.  bee", "C.  sea", "", "B. Russell", "", "text", "a. not a list"];
    const items = rewriteFancyLists(lines, () => false);
    expect(lines).toEqual([
      "111) four",
      "11)  five",
      "",
      "1.  bee",
      "1.  sea",
      "",
      "B. Russell",
      "",
      "text",
      "a. not a list",
    ]);
    expect([...items]).toEqual([
      [1, { style: "i", value: 4, plain: false }],
      [2, { style: "i", value: 5, plain: false }],
      [4, { style: "A", value: 2, plain: false }],
      [5, { style: "A", value: 3, plain: false }],
    ]);
  });

  test("Pandoc's example lists (@) stop the build at their line", () => {
    expect(() => parseMarkdown("Text.\n\n(@good) An example.\n", "s.md")).toThrow(
      /s\.md:3: Pandoc's example list item/,
    );
  });

  test("markers in code and math stay as written", () => {
    expect(siteHtml("```\na. code\n```\n\n$$\na. x\n$$\n")).not.toContain("<ol");
  });

  test("lists render as Pandoc renders them (pandoc -f markdown -t html is the oracle)", () => {
    fc.assert(
      fc.property(fc.array(list, { minLength: 1, maxLength: 3 }), (lists) => {
        const markdown = lists.map(listMarkdown).join("");
        expect(listShape(siteHtml(markdown)), markdown).toEqual(listShape(pandocHtml(markdown)));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
