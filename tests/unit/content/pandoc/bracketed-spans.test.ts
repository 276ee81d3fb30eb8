import { execFileSync } from "node:child_process";
import fc from "fast-check";
import rehypeStringify from "rehype-stringify";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { describe, expect, test } from "vitest";
import { parseMarkdown } from "../../../../src/lib/content/markdown-tree.ts";

/** The small-caps and underlined runs of an HTML text, in order, as "smallcaps:text" and "u:text". */
function styledRuns(html: string): string[] {
  return [...html.matchAll(/<span class="smallcaps">([\s\S]*?)<\/span>|<u>([\s\S]*?)<\/u>/g)].map((match) =>
    match[1] !== undefined ? `smallcaps:${match[1]}` : `u:${match[2]}`,
  );
}

function siteHtml(markdown: string): string {
  const processor = unified().use(remarkRehype).use(rehypeStringify);
  return String(processor.stringify(processor.runSync(parseMarkdown(markdown, "s.md"))));
}

// Words, and words with markup inside (the parser splits such a span into several nodes).
const words = fc.constantFrom("Small Caps", "ReScience", "a set", "note", "Table", "*Kalman* filter", "a `code` b");
const span = fc.oneof(
  words.map((text) => `[${text}]{.smallcaps}`),
  words.map((text) => `[${text}]{.underline}`),
  words.map((text) => `[${text}]{#span-id .other}`),
  words,
);

describe("Pandoc's bracketed spans", () => {
  test("small caps and underline are shown as Pandoc's HTML shows them; other spans as their text (pandoc is the oracle)", () => {
    const sentences = fc.sample(
      fc.array(span, { minLength: 1, maxLength: 6 }).map((parts) => `Some ${parts.join(" and ")} here.`),
      { numRuns: 40, seed: 22 },
    );
    const pandoc = (markdown: string) =>
      execFileSync("pandoc", ["-f", "markdown", "-t", "html", "--wrap=none"], { input: markdown, encoding: "utf8" });
    for (const sentence of sentences) {
      const site = siteHtml(sentence);
      expect(styledRuns(site), sentence).toEqual(styledRuns(pandoc(sentence)));
      expect(site).not.toMatch(/\]\{/);
    }
    expect(styledRuns(siteHtml(sentences.join("\n\n"))).length).toBeGreaterThan(20);
  });
});
