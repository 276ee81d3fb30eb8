import { expect, test } from "vitest";
import { parseMarkdown } from "../../../src/lib/content/markdown-tree.ts";
import { parseMdx } from "../../../src/lib/content/mdx-tree.ts";
import { contentStylesheets } from "../../../src/lib/markdown/content-stylesheets.ts";
import { contentFeatures, mergeFeatures } from "../../../src/lib/report/content-features.ts";

test("plain paragraphs need no extra stylesheet; code, math and block elements do", () => {
  expect(contentStylesheets(contentFeatures(parseMdx("Just a paragraph.\n\nAnother one.")))).toEqual([]);
  expect(contentStylesheets(contentFeatures(parseMdx("Some `code`.")))).toEqual(["code.css"]);
  expect(contentStylesheets(contentFeatures(parseMdx("> A quote.")))).toEqual(["rich-text.css"]);
  expect(contentStylesheets(contentFeatures(parseMdx("Math $x$.")))).toEqual(["rich-text.css"]);
  expect(contentStylesheets(contentFeatures(parseMdx("Note.[^1]\n\n[^1]: Text.")))).toEqual(["rich-text.css"]);
  const both = mergeFeatures([contentFeatures(parseMdx("`a`")), contentFeatures(parseMdx("---"))]);
  expect(contentStylesheets(both)).toEqual(["code.css", "rich-text.css"]);
});

test("figures, images and tables load the figures stylesheet, and only they", () => {
  const sheets = (body: string) => contentStylesheets(contentFeatures(parseMdx(body)));
  expect(sheets("| a | b |\n| - | - |\n| 1 | 2 |")).toEqual(["figures.css"]);
  expect(sheets("![A chart of the groups.](chart.png)")).toEqual(["figures.css"]);
  expect(sheets('<Figure src="chart.png" alt="A chart." caption="Groups." />')).toEqual(["figures.css"]);
  expect(sheets("<table><tr><td>1</td></tr></table>")).toEqual(["figures.css"]);
  expect(sheets('A [link](https://example.org) and <abbr title="x">X</abbr>.')).toEqual([]);
  const all = mergeFeatures([contentFeatures(parseMdx("`a`")), contentFeatures(parseMdx("![A.](a.png)"))]);
  expect(contentStylesheets(all)).toEqual(["code.css", "figures.css"]);
});

test("a numbered listing loads the figures stylesheet too (its caption, and its print rule that lets it run on)", () => {
  const listing = parseMarkdown('```{.toml #lst-manifest lst-cap="The manifest."}\na = 1\n```\n', "/c/sections/s.md");
  expect(contentStylesheets(contentFeatures(listing))).toEqual(["code.css", "figures.css"]);
});
