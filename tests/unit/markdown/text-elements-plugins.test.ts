import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { parseMdx } from "../../../src/lib/content/mdx-tree.ts";
import { readSectionFiles } from "../../../src/lib/content/section-sources.ts";
import { remarkIndentedCode } from "../../../src/lib/markdown/block-elements.ts";
import { codePaletteCss, tokenClasses } from "../../../src/lib/markdown/code-highlight.ts";
import { contentStylesheets } from "../../../src/lib/markdown/content-stylesheets.ts";
import { reportMarkdownPlugins } from "../../../src/lib/markdown/pipeline.ts";
import { contentFeatures, mergeFeatures } from "../../../src/lib/report/content-features.ts";
import { equationId, splitLabel } from "../../../src/lib/report/equations.ts";
import { analyzeSections } from "../../../src/lib/report/report-analysis.ts";
import { navigationFor } from "../../../src/lib/site/navigation.ts";

const contentDir = path.resolve(import.meta.dirname, "../../fixtures/text-elements");
const processor = await createMarkdownProcessor({
  gfm: false,
  syntaxHighlight: false,
  ...reportMarkdownPlugins({ contentDir, base: "/" }),
});
const sections = new Map(readSectionFiles(contentDir).map((section) => [section.slug, section]));

async function renderSection(slug: string): Promise<string> {
  const section = sections.get(slug);
  if (!section) throw new Error(`no fixture section ${slug}`);
  return (await processor.render(section.body, { fileURL: pathToFileURL(section.file) })).code;
}

// Loading Shiki's grammars and temml takes seconds on a busy machine: once, outside any test's timeout.
await renderSection("methods");

/** Renders Markdown as a file outside the report's sections (a standalone page). */
async function renderPage(markdown: string): Promise<string> {
  return (await processor.render(markdown, { fileURL: pathToFileURL("/tmp/pages/example.md") })).code;
}

async function renderError(markdown: string): Promise<ContentError> {
  const error = await renderPage(markdown).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ContentError);
  return error as ContentError;
}

describe("code highlighting", () => {
  test("three languages are highlighted with classes, never inline styles", async () => {
    const html = await renderSection("methods");
    expect(html).not.toMatch(/\sstyle=/);
    expect([...html.matchAll(/<pre class="code-block" tabindex="0" data-language="(\w+)">/g)].map((m) => m[1])).toEqual(
      ["python", "js", "bash"],
    );
    expect(html).toContain('<span class="cl-cf222e cd-ff7b72">def</span>');
  });

  test("every colour class the blocks use has a rule in the code stylesheet", async () => {
    const html = await renderSection("methods");
    const css = await codePaletteCss();
    const used = new Set([...html.matchAll(/\b(c[ld]-[0-9a-f]+)\b/g)].map((match) => match[1]));
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(css, name).toContain(`.${name}{`);
    // Dark colours only on screens that ask for them: print stays light.
    const [light, dark] = css.split("@media screen and (prefers-color-scheme: dark)");
    expect(light).not.toContain(".cd-");
    expect(dark).toContain(".cd-ff7b72{color:#ff7b72}");
  });

  test("a block in an unknown language or none is kept as plain text in the same box", async () => {
    const html = await renderPage("```nosuchlanguage\nplain <text>\n```\n\n```\nno language\n```");
    expect(html).toContain('<pre class="code-block" tabindex="0" data-language="nosuchlanguage"><code');
    expect(html).toContain("plain &#x3C;text>");
    expect(html).toContain('<pre class="code-block" tabindex="0"><code>no language');
  });

  test("Shiki's token styles become colour and font-style classes", () => {
    expect(tokenClasses("--shiki-light:#CF222E;--shiki-dark:#FF7B72")).toEqual(["cl-cf222e", "cd-ff7b72"]);
    expect(tokenClasses("--shiki-light:#111;--shiki-light-font-style:italic;--shiki-dark-font-style:italic")).toEqual([
      "cl-111",
      "fi",
    ]);
  });
});

describe("math", () => {
  test("inline and display math become MathML; display equations are numbered through the report", async () => {
    const methods = await renderSection("methods");
    expect(methods).not.toContain("$");
    expect(methods).toMatch(/The mean of <math><semantics><mi>n<\/mi>/);
    expect(methods).toContain(
      '<div class="equation" id="eq-variance"><div class="equation-body" tabindex="0"><math display="block" class="tml-display">',
    );
    expect([...methods.matchAll(/<span class="equation-number">\((\d+)\)<\/span>/g)].map((m) => m[1])).toEqual([
      "1",
      "2",
    ]);
    // A cross-reference says the number the equation shows, and links to its id.
    expect(await renderSection("results")).toMatch(
      /<a href="\/sections\/methods\/#eq-variance" class="cross-reference">Equation\s1<\/a>/u,
    );
    const analyses = analyzeSections([...sections.values()]);
    expect(analyses.get("methods")?.equations.map(({ number, label }) => ({ number, label }))).toEqual([
      { number: 1, label: "eq:variance" },
      { number: 2, label: undefined },
    ]);
  });

  test("labels: eq:name becomes the id eq-name; any other form is an error naming the line", () => {
    expect(equationId("eq:energy")).toBe("eq-energy");
    expect(splitLabel("E = mc^2 \\label{eq:energy}", { file: "a.mdx", line: 3 })).toEqual({
      tex: "E = mc^2",
      label: "eq:energy",
    });
    expect(() => splitLabel("x \\label{energy}", { file: "a.mdx", line: 3 })).toThrow(
      /a\.mdx:3: the equation label \\label\{energy\} is not of the form eq:name[\s\S]*Fix: write \\label\{eq:energy\}/,
    );
  });

  test("a label used twice in the report is an error naming both places", () => {
    const body = "$$\nx \\label{eq:same}\n$$\n";
    expect(() =>
      analyzeSections([
        { slug: "a", body, file: "/r/sections/a.mdx" },
        { slug: "b", body: `Text.\n\n${body}`, file: "/r/sections/b.mdx" },
      ]),
    ).toThrow(/b\.mdx:3: the label \\label\{eq:same\} is also used by the equation at \/r\/sections\/a\.mdx:1/);
  });

  test("TeX that cannot be read stops the build with the file, the line and the formula", async () => {
    const error = await renderError("Text.\n\nMore $\\frac{a}{b$ here.\n");
    expect(error.problem.file).toBe("/tmp/pages/example.md");
    expect(error.problem.line).toBe(3);
    expect(error.message).toMatch(/the math "\$\\frac\{a\}\{b\$" cannot be read/);
  });

  test("colour commands are refused: the CSP would drop their inline styles", async () => {
    const error = await renderError("$\\color{red}{x}$\n");
    expect(error.message).toMatch(/uses colour or boxes/);
  });
});

describe("footnotes", () => {
  test("two sections with the same labels get ids of their own, and each link finds its note", async () => {
    const ids: string[] = [];
    for (const slug of ["methods", "results"]) {
      const html = await renderSection(slug);
      const pageIds = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] ?? "");
      ids.push(...pageIds);
      for (const [, target] of html.matchAll(/href="#([^"]+)"/g))
        expect(pageIds, `${slug}: #${target}`).toContain(target);
      expect(html).toContain(`<a href="#${slug}-fn-1" id="${slug}-fnref-1" data-footnote-ref`);
      expect(html).toContain(`aria-describedby="${slug}-footnotes"`);
      expect(html).toContain(`<h2 class="footnotes-heading" id="${slug}-footnotes">Notes</h2>`);
      expect(html).not.toContain("user-content-");
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("block elements", () => {
  test("definition lists, task lists, rules and nested lists render as HTML lists", async () => {
    const results = await renderSection("results");
    expect(results).toContain("<dl><dt>Mean</dt><dd><p>The sum of the values divided by their number.</p></dd>");
    expect(results).toMatch(/<hr\s*\/?>/);
    const methods = await renderSection("methods");
    expect(methods).not.toContain("<input");
    expect(methods).toContain(
      '<span class="task-box" aria-hidden="true">☑︎</span><span class="visually-hidden">Done:</span> Write the methods',
    );
    expect(methods).toMatch(/<li>a nested item\n<ol>\n<li>and a numbered item inside it<\/li>/);
  });

  test("in MDX, an indented code block is an error with its line, not silent prose", async () => {
    const mdx = unified().use(remarkParse).use(remarkMdx).use(remarkIndentedCode);
    const file = new VFile({ path: "/r/sections/a.mdx", value: "Text.\n\n    indented code\n" });
    const error = await mdx.run(mdx.parse(file), file).then(
      () => undefined,
      (caught: unknown) => caught as ContentError,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect(error?.problem.line).toBe(3);
    expect(error?.message).toMatch(/indented by four spaces[\s\S]*Fix: fence code with three backticks/);
  });
});

describe("content features and word counts", () => {
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

  test("text in HTML blocks counts; components such as <Timeline /> do not", () => {
    const words = (body: string) => analyzeSections([{ slug: "s", body }]).get("s")?.stats.words;
    expect(words("One two three.\n\n<div>\n  <p>Four five six seven.</p>\n</div>\n")).toBe(7);
    expect(words("One two three.\n\n<Timeline />\n")).toBe(3);
  });

  test("figure and table captions count, as a plain table's cells do", () => {
    const words = (body: string) => analyzeSections([{ slug: "s", body }]).get("s")?.stats.words;
    const figure = '<Figure id="fig:a" src="./a.png" alt="Two bars.">\n  Meetings per month.\n</Figure>\n';
    expect(words(`One two.\n\n${figure}`)).toBe(5);
    // The one-line form counts the same.
    expect(words('One two.\n\n<Figure id="fig:a" src="./a.png" alt="Two bars.">Meetings per month.</Figure>\n')).toBe(
      5,
    );
    const table = "| Group | Size |\n|---|---|\n| Open | 12 |\n";
    expect(words(`One two.\n\n<Table id="tbl:a">\nGroups visited.\n\n${table}</Table>\n`)).toBe(
      words(`One two.\n\nGroups visited.\n\n${table}`) ?? 0,
    );
    expect(words(`One two.\n\n<Table id="tbl:a">\nGroups visited.\n\n${table}</Table>\n`)).toBe(8);
    expect(words("- One\n- two\n\n> Three\n>\n> four.\n")).toBe(4);
  });
});

describe("optional parts", () => {
  test("a report without timeline data has no Timeline link", () => {
    expect(navigationFor({ timeline: false }).map((link) => link.label)).not.toContain("Timeline");
    expect(navigationFor({ timeline: true }).map((link) => link.label)).toContain("Timeline");
  });
});

describe("MDX errors name the content file", () => {
  test("a content error keeps its own file and line as Astro's error location", () => {
    const error = new ContentError({ file: "/r/sections/a.mdx", line: 9, problem: "p.", fix: "f." });
    // Astro's MDX plugin assigns the file it was compiling; the content's own place must stay.
    (error as unknown as { loc: unknown }).loc = { file: "/r/sections/other.mdx", line: 0, column: 0 };
    expect((error as unknown as { loc: unknown }).loc).toEqual({ file: "/r/sections/a.mdx", line: 9, column: 1 });
  });

  test("an MDX syntax error names the construct, the file and the line", () => {
    expect(() => analyzeSections([{ slug: "a", body: "Text.\n\n<Timeline\n", file: "/r/sections/a.mdx" }])).toThrow(
      /\/r\/sections\/a\.mdx:4: the MDX cannot be read in “<Timeline”/,
    );
  });
});
