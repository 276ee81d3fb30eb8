import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { buildSite, projectRoot } from "./build-helpers.ts";

// Sections written as .md files in Pandoc's, Quarto's and MyST's syntax, built by the real build.
const fixture = path.join(projectRoot, "tests/fixtures/pandoc-markdown");

/** The article of a built page, without MathML (whose annotations hold the TeX as written). */
function article(outDir: string, page: string): string {
  const html = fs.readFileSync(path.join(outDir, page, "index.html"), "utf8");
  const body = /<article[\s\S]*<\/article>/.exec(html)?.[0] ?? "";
  return body.replace(/<math[\s\S]*?<\/math>/g, "<math></math>").replace(/<section class="cite-this"[\s\S]*$/, "");
}

test("Markdown sections build with Pandoc, Quarto and MyST syntax read, none of it left as text", async () => {
  const result = await buildSite(fixture);
  expect(result.exitCode, result.output).toBe(0);
  const pages = ["pandoc", "quarto", "myst", "authoring"].map((slug) => article(result.outDir, `sections/${slug}`));
  for (const html of pages) {
    expect(html).not.toMatch(/\{#|:::|\$\$|@(?:fig|tbl|eq|sec)[:-]|```|\(sec-myst-target\)=/);
  }
  const [pandoc = "", quarto = "", myst = "", authoring = ""] = pages;
  // Braces and < are text; comments are dropped; autolinks and <br> work.
  expect(pandoc).toContain("In Markdown, {braces} and a &#x3C; b are text.");
  expect(pandoc).not.toContain("comment");
  expect(pandoc).toContain('<a href="https://pandoc.org">https://pandoc.org</a>');
  expect(pandoc).toContain("a line break<br>inside");
  // Figures, tables and equations numbered across the sections; only labelled equations carry a number.
  expect(pandoc).toMatch(/<figure id="fig-dunes" class="figure figure-width-60">/);
  expect(pandoc).toMatch(/<figure id="tbl-langs" class="table-figure">[\s\S]*Table\u00a01\.<\/span> Markup languages/);
  expect(pandoc.match(/<div class="equation"/g)).toHaveLength(2);
  expect([...pandoc.matchAll(/equation-number">\((\d+)\)/g)].map((match) => match[1])).toEqual(["1"]);
  expect(quarto).toMatch(/<div class="equation" id="eq-half">[\s\S]*?equation-number">\(2\)/);
  expect(myst).toMatch(/<figure id="fig-myst-orbit" class="figure figure-width-50">[\s\S]*?Figure\u00a03\./);
  // Both cross-reference syntaxes link to the element's id, in the section or on another page.
  expect(pandoc).toContain('<a href="/sections/quarto/#fig-orbit" class="cross-reference">Figure\u00a02</a>');
  expect(pandoc).toContain('<a href="#tbl-langs" class="cross-reference">Table\u00a01</a>');
  expect(quarto).toContain('<a href="/sections/pandoc/#sec-figures" class="cross-reference">Section\u00a01.1</a>');
  expect(myst).toContain('<a href="#eq-myst" class="cross-reference">Equation\u00a03</a>');
  // MyST's roles read as citations and cross-references.
  expect(myst).toMatch(/With MyST’s roles: <span class="citation">\(<a href="\/references\/#ref-smith2018"/);
  expect(myst).toContain('and <a href="#fig-myst-orbit" class="cross-reference">Figure\u00a03</a> again.');
  expect(quarto).toContain(
    'Brackets: Figures\u00a0<a href="/sections/pandoc/#fig-dunes" class="cross-reference">1</a> and <a href="#fig-orbit" class="cross-reference">2</a>, see <a href="/sections/pandoc/#sec-figures" class="cross-reference">Section\u00a01.1</a>, <a href="#fig-orbit" class="cross-reference">Figure\u00a02</a> and <a href="/sections/pandoc/#eq-energy" class="cross-reference">1</a>.',
  );
  // Callouts are named asides; raw HTML within the allowlist is kept.
  expect(pandoc).toMatch(
    /<aside class="callout callout-note" role="note">\s*<p class="callout-title"><strong>Note: A callout<\/strong>/,
  );
  expect(myst).toContain('<aside class="callout callout-warning" role="note">');
  expect(pandoc).toContain('<abbr title="Portable Document Format">PDF</abbr>');
  // Code listings: numbered (the Quarto section's is the first), captioned above the code, referred to by all three syntaxes.
  expect(authoring).toMatch(
    /<figure id="lst-average" class="listing">\s*<figcaption><span class="caption-number">Listing\u00a02\.<\/span> The <em>mean<\/em> of a list<\/figcaption>\s*<pre/,
  );
  expect(authoring).toContain("Listing\u00a03.</span> A Quarto cell’s listing");
  expect(authoring).not.toContain("#|");
  expect(authoring).toContain(
    'See <a href="#lst-average" class="cross-reference">Listing\u00a02</a>, <a href="#lst-plot" class="cross-reference">Listing\u00a03</a> and <a href="#lst-myst" class="cross-reference">Listing\u00a04</a>.',
  );
  // Pandoc's fancy lists keep their numbering style.
  expect(authoring).toMatch(/<ol type="a">\s*<li>First, lettered\.<\/li>/);
  expect(authoring).toMatch(/<ol start="4" type="i">\s*<li>Roman, from four\.<\/li>/);
  expect(authoring).toMatch(/<ol>\s*<li>Numbered by Pandoc’s <code>#\.<\/code>\.<\/li>/);
  // A bare #id of another section leads to that section's page; an extended-format BibLaTeX name is a name.
  expect(authoring).toContain('<a href="/sections/pandoc/#sec-figures">to the figures</a>');
  expect(result.output).not.toMatch(/vanderberg2019[\s\S]*commas/);
  const references = fs.readFileSync(path.join(result.outDir, "references/index.html"), "utf8");
  // However the serializer writes "&" (&#38;, &#x26; or &amp;), the name is the reader's "van der Berg".
  expect(references).toMatch(/van der Berg, A\., &(?:#38|#x26|amp); Rossi, M\. \(2019\)/);
  // LaTeX algorithms (raw in the text, or in a {=latex} block) are numbered pseudo-code, no TeX left as text.
  expect(authoring).toMatch(
    /<figure id="alg-euclid" class="algorithm">\s*<figcaption><span class="caption-number">Algorithm\u00a01\.<\/span> Euclid’s algorithm for <math/,
  );
  expect(authoring).toMatch(
    /<p class="algorithm-line algorithm-depth-1"><strong>while<\/strong> <math><\/math> <strong>do<\/strong> ▷ the answer is/,
  );
  expect(authoring).toMatch(
    /<figure id="algorithm-2" class="algorithm">[\s\S]*?<p class="algorithm-line algorithm-depth-2"><math>/,
  );
  expect(authoring).toContain('As <a href="#alg-euclid" class="cross-reference">Algorithm\u00a01</a> shows');
  expect(authoring).not.toMatch(/\\(?:begin|State|STATE|newpage|Procedure)/);
  // Simple HTML tables are numbered, captioned tables: by their <caption>, a {#tbl-x} div or a MyST table directive.
  const tableCaptions = [...authoring.matchAll(/caption-number">Table\u00a0(\d+)\.<\/span> ([^<]*)/g)].map(
    (match) => `${match[1]} ${match[2]}`,
  );
  expect(tableCaptions).toEqual([
    "2 Tools, ",
    "3 An HTML table captioned by its div.",
    "4 An HTML table in a MyST directive",
  ]);
  expect(authoring).toMatch(/<td><strong>Pandoc<\/strong><\/td>/);
  expect(authoring).toContain(
    'See <a href="#tbl-html" class="cross-reference">Table\u00a03</a> and <a href="#tbl-myst-html"',
  );
  expect(authoring).not.toContain("<caption>");
  // The full report gives every target one id.
  const report = fs.readFileSync(path.join(result.outDir, "report/index.html"), "utf8");
  for (const id of [
    "fig-dunes",
    "fig-orbit",
    "fig-myst-orbit",
    "tbl-langs",
    "eq-energy",
    "eq-half",
    "eq-myst",
    "lst-mean",
    "lst-average",
    "lst-myst",
  ]) {
    expect(report.match(new RegExp(` id="${id}"`, "g")), id).toHaveLength(1);
  }
  fs.rmSync(result.outDir, { recursive: true, force: true });
}, 600_000);

test("the author's guide builds: its Markdown section is a .md file read the same way", async () => {
  const result = await buildSite(path.join(projectRoot, "guide"));
  expect(result.exitCode, result.output).toBe(0);
  const html = article(result.outDir, "sections/markdown");
  expect(html).toContain("braces such as {1, 2} and a comparison such as\na &#x3C; b are text here");
  fs.rmSync(result.outDir, { recursive: true, force: true });
}, 600_000);
