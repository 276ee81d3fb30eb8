import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import { describe, expect, test } from "vitest";
import { readSectionFiles } from "../../../src/lib/content/section-sources.ts";
import { codePaletteCss } from "../../../src/lib/markdown/code-highlight.ts";
import { reportMarkdownPlugins } from "../../../src/lib/markdown/pipeline.ts";
import { analyzeSections } from "../../../src/lib/report/report-analysis.ts";

// The whole report pipeline over the text-elements fixture (code, math, footnotes and block
// elements in two sections): what each plugin does alone is tested in its own file.
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
});

describe("math", () => {
  test("inline and display math become MathML; labelled display equations are numbered through the report", async () => {
    const methods = await renderSection("methods");
    expect(methods).not.toContain("$");
    expect(methods).toMatch(/The mean of <math><semantics><mi>n<\/mi>/);
    expect(methods).toContain(
      '<div class="equation" id="eq-variance"><div class="equation-body" tabindex="0"><math display="block" class="tml-display">',
    );
    // Only the labelled equation has a number: the unlabelled one after it has none.
    expect([...methods.matchAll(/<span class="equation-number">\((\d+)\)<\/span>/g)].map((m) => m[1])).toEqual(["1"]);
    expect(methods.match(/<div class="equation"/g)).toHaveLength(2);
    // A cross-reference says the number the equation shows, and links to its id.
    expect(await renderSection("results")).toMatch(
      /<a href="\/sections\/methods\/#eq-variance" class="cross-reference">Equation\s1<\/a>/u,
    );
    const analyses = analyzeSections([...sections.values()]);
    expect(analyses.get("methods")?.equations.map(({ number, label }) => ({ number, label }))).toEqual([
      { number: 1, label: "eq:variance" },
      { number: undefined, label: undefined },
    ]);
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
});
