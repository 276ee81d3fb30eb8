import { execFileSync } from "node:child_process";
import fc from "fast-check";
import type { Nodes } from "mdast";
import type { Math as DisplayMath, InlineMath } from "mdast-util-math";
import { visit } from "unist-util-visit";
import { describe, expect, test } from "vitest";
import { parseMarkdown } from "../../../../src/lib/content/markdown-tree.ts";
import { isInlineDisplayMath } from "../../../../src/lib/content/pandoc/inline-display-math.ts";
import { remarkMathml } from "../../../../src/lib/markdown/math.ts";
import { remarkPandocMarkdown } from "../../../../src/lib/markdown/remark-pandoc-markdown.ts";
import { renderHtml } from "../../markdown/processor.ts";

/** Each formula of a Markdown text, in order, as "inline" or "display" and its TeX, as the site reads it. */
function siteFormulas(markdown: string): string[] {
  const found: string[] = [];
  visit(parseMarkdown(markdown), (node: Nodes) => {
    if (node.type === "inlineMath") {
      const math = node as InlineMath;
      found.push(`${isInlineDisplayMath(math) ? "display" : "inline"} ${math.value.trim()}`);
    } else if (node.type === "math") found.push(`display ${(node as DisplayMath).value.trim()}`);
  });
  return found;
}

/** The same, as Pandoc reads it (its JSON AST): the oracle. */
function pandocFormulas(markdown: string): string[] {
  const json = execFileSync("pandoc", ["-f", "markdown", "-t", "json"], { input: markdown, encoding: "utf8" });
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const node = value as { t?: string; c?: unknown };
      if (node.t === "Math" && Array.isArray(node.c)) {
        const [kind, tex] = node.c as [{ t: string }, string];
        found.push(`${kind.t === "DisplayMath" ? "display" : "inline"} ${tex.trim()}`);
      } else Object.values(node).forEach(walk);
    }
  };
  walk(JSON.parse(json));
  return found;
}

const tex = fc.constantFrom(
  "x",
  "y_1",
  "\\alpha",
  "a+b",
  "p(s_0, pl)",
  "p(s_0, em) \\simeq 0.3",
  "\\frac{1}{2}",
  "R^2",
);
const word = fc.constantFrom("text", "and", "the", "before", "devaluation.", "In", "model,", "(see");
const part = fc.oneof(
  word,
  tex.map((value) => `$${value}$`),
  fc.tuple(tex, fc.constantFrom("", " ")).map(([value, space]) => `$$${space}${value}${space}$$`),
);
/** A paragraph of words and formulas, with line breaks, never starting a line with math (a block there). */
const paragraph = fc
  .tuple(word, fc.array(fc.tuple(fc.constantFrom(" ", " ", "\n"), part), { minLength: 1, maxLength: 10 }))
  .map(([first, rest]) =>
    rest.reduce<string>(
      (text, [gap, next]) => `${text}${gap === "\n" && next.startsWith("$") ? " " : gap}${next}`,
      first,
    ),
  );

describe("$$...$$ inside a paragraph", () => {
  test("is display math where Pandoc reads display math, inline where it reads inline (pandoc -t json is the oracle)", () => {
    const paragraphs = fc.sample(paragraph, { numRuns: 60, seed: 22 });
    // One Pandoc run for all: paragraphs apart, in order.
    const text = paragraphs.join("\n\n");
    expect(siteFormulas(text)).toEqual(pandocFormulas(text));
    expect(siteFormulas(text).filter((formula) => formula.startsWith("display")).length).toBeGreaterThan(20);
  });

  test("the paper's sentence: the two formulas are set apart as display MathML inside the paragraph, unnumbered", async () => {
    const sentence = "In our implementation, $$p(s_0, pl) \\simeq 0.7$$ and $$p(s_0, em) \\simeq 0.3$$ before $x$.\n";
    expect(siteFormulas(sentence)).toEqual(pandocFormulas(sentence));
    const html = await renderHtml(sentence, {
      remark: [remarkPandocMarkdown, remarkMathml],
      path: "/report/sections/results.md",
    });
    expect(html.match(/<math display="block"/g)).toHaveLength(2);
    expect(html.match(/<math[ >]/g)).toHaveLength(3);
    expect(html).toMatch(/^<p>In our implementation, <math display="block"[ >]/);
    expect(html).not.toContain("equation-number");
  });
});
