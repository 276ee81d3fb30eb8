import { execFileSync } from "node:child_process";
import fc from "fast-check";
import rehypeStringify from "rehype-stringify";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { describe, expect, test } from "vitest";
import { parseMarkdown } from "../../../../src/lib/content/markdown-tree.ts";
import { findSimpleTables } from "../../../../src/lib/content/pandoc/simple-tables.ts";

/** The HTML the site's Markdown reading gives (before the report's own plugins). */
function siteHtml(markdown: string): string {
  const processor = unified().use(remarkRehype).use(rehypeStringify);
  return String(processor.stringify(processor.runSync(parseMarkdown(markdown, "s.md"))));
}

/** Pandoc itself, the oracle. */
function pandocHtml(markdown: string): string {
  // --mathjax: math as its TeX, \(x\), not turned into Unicode letters.
  return execFileSync("pandoc", ["-f", "markdown", "-t", "html", "--mathjax"], { input: markdown, encoding: "utf8" });
}

/**
 * What a reader sees of the tables: per cell, header or data, its alignment and its words; the
 * text around them as words, so a table read as headings or paragraphs differs.
 */
function tableShape(html: string): string[] {
  const shape: string[] = [];
  for (const match of html.matchAll(/<(t[hd])(\s[^>]*)?>([\s\S]*?)<\/t[hd]>|<(h[1-6]|p)\b/g)) {
    const [, cell, attributes = "", content = "", block] = match;
    if (block) {
      shape.push(block);
      continue;
    }
    const align = /align="(\w+)"|text-align: (\w+)/.exec(attributes);
    // Math is Pandoc's \(x\) and the site's x (MathML comes later): the same TeX.
    const text = content
      .replace(/<[^>]+>/g, "")
      .replace(/^\\\(|\\\)$/g, "")
      .trim();
    shape.push(`${cell}:${align?.[1] ?? align?.[2] ?? "default"}:${text}`);
  }
  return shape;
}

const viejo = [
  "The parameters are as follows :",
  "",
  "",
  "Name               Description                               Value",
  "------------------ ----------------------------------------- -------------------------",
  "$\\sigma$           Updating rate of the average reward       0.02",
  "depth              Depth of search in graph exploration      3",
  "------------------ ----------------------------------------- -------------------------",
  "",
  "We describe the algorithm.",
  "",
].join("\n");

describe("Pandoc's simple tables", () => {
  test("Viejo, Girard & Khamassi (2016)'s parameter table is a table, its cells inline Markdown, not headings", () => {
    const html = siteHtml(viejo);
    expect(html).not.toMatch(/<h[1-6]/);
    expect(html).toContain('<th align="left">Name</th>');
    expect(html).toMatch(/<td align="left"><code class="language-math math-inline">\\sigma<\/code>/);
    expect(tableShape(html)).toEqual(tableShape(pandocHtml(viejo)));
  });

  test("a table's caption (Table: …) and label make it a numbered table", () => {
    const [table] = parseMarkdown("  Size  Count\n------  -----\n    12      3\n\nTable: Sizes. {#tbl-sizes}\n", "s.md")
      .children as unknown as Array<{ type: string; name?: string; attributes?: Array<{ value: string }> }>;
    expect(table?.type).toBe("mdxJsxFlowElement");
    expect(table?.name).toBe("Table");
    expect(table?.attributes?.[0]?.value).toBe("tbl:sizes");
  });

  test("dashes that are not under a header, in code, or a thematic break are no table", () => {
    const lines = ["```", "a b", "--- ---", "c d", "```", "", "- - -", "", "--- ---", "", "x", "-----"];
    expect(findSimpleTables(lines, (index) => index < 5)).toEqual([]);
  });

  test("grid, multiline and headerless tables, which Pandoc reads as tables, stop the build at their first line", () => {
    const grid = "Text.\n\n+-----+-----+\n| a   | b   |\n+=====+=====+\n| 1   | 2   |\n+-----+-----+\n";
    const multiline =
      "Text.\n\n----------------\nName    Value\n------  --------\nx       one\n        line\n\ny       2\n----------------\n";
    const headerless = "Text.\n\n-------  ------\n12       3\n4        5\n-------  ------\n\nMore.\n";
    for (const [markdown, kind] of [
      [grid, "grid"],
      [multiline, "multiline"],
      [headerless, "headerless"],
    ] as const) {
      expect(pandocHtml(markdown)).toContain("<table");
      expect(() => parseMarkdown(markdown, "s.md")).toThrow(new RegExp(`s\\.md:3: Pandoc's ${kind} table is not read`));
    }
    // A thematic break over a paragraph is neither.
    expect(siteHtml("Text.\n\n-----\n\nMore.\n")).toContain("<hr>");
  });

  test("tables read as Pandoc reads them (pandoc -f markdown -t html is the oracle)", () => {
    const word = fc.stringMatching(/^[a-z]{1,6}$/);
    const column = fc.record({
      header: word,
      dashes: fc.integer({ min: 2, max: 9 }),
      // Where the header sits over its dashes: flush left, flush right, or centred.
      place: fc.constantFrom("left", "right", "center"),
    });
    const table = fc
      .tuple(fc.array(column, { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 3 }), fc.boolean())
      .chain(([columns, rows, closed]) =>
        fc.record({
          columns: fc.constant(columns),
          rows: fc.array(fc.array(word, { minLength: columns.length, maxLength: columns.length }), {
            minLength: rows,
            maxLength: rows,
          }),
          closed: fc.constant(closed),
        }),
      );
    fc.assert(
      fc.property(table, ({ columns, rows, closed }) => {
        const widths = columns.map((column, index) =>
          Math.max(column.dashes, column.header.length + 2, ...rows.map((row) => (row[index] ?? "").length)),
        );
        const cell = (text: string, width: number, place: string) => {
          const room = width - text.length;
          const left = place === "left" ? 0 : place === "right" ? room : Math.floor(room / 2);
          return " ".repeat(left) + text + " ".repeat(room - left);
        };
        const line = (texts: string[], places: string[]) =>
          texts
            .map((text, index) => cell(text, widths[index] ?? 0, places[index] ?? "left"))
            .join("  ")
            .trimEnd();
        const dashes = widths.map((width) => "-".repeat(width)).join("  ");
        const markdown = [
          "Before.",
          "",
          line(
            columns.map((column) => column.header),
            columns.map((column) => column.place),
          ),
          dashes,
          ...rows.map((row) =>
            line(
              row,
              columns.map((column) => column.place),
            ),
          ),
          ...(closed ? [dashes] : []),
          "",
          "After.",
          "",
        ].join("\n");
        expect(tableShape(siteHtml(markdown)), markdown).toEqual(tableShape(pandocHtml(markdown)));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
