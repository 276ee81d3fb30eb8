import type { Root } from "mdast";
import { toString as mdastToString } from "mdast-util-to-string";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../../src/lib/content/content-error.ts";
import { parseMarkdown } from "../../../../src/lib/content/markdown-tree.ts";
import { figureWidth } from "../../../../src/lib/content/pandoc/pandoc-tree.ts";
import { checkMdxTree } from "../../../../src/lib/content/policy/check-mdx-tree.ts";

interface Jsx {
  type: string;
  name?: string;
  attributes?: Array<{ name: string; value: string }>;
  children?: Jsx[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
  value?: string;
}

const blocks = (markdown: string) => parseMarkdown(markdown, "/c/sections/s.md").children as unknown as Jsx[];
const attributes = (node: Jsx | undefined) =>
  Object.fromEntries((node?.attributes ?? []).map((item) => [item.name, item.value]));

function problemOf(markdown: string): { line: number | undefined; problem: string; fix: string } {
  try {
    parseMarkdown(markdown, "/c/sections/s.md");
  } catch (error) {
    if (error instanceof ContentError) return error.problem as never;
    throw error;
  }
  throw new Error("no error");
}

describe("Pandoc Markdown read into the report's shapes", () => {
  test("braces, < and comments: text is text, comments are dropped", () => {
    const tree = parseMarkdown("A set {1, 2}, and a < b. <!-- hidden -->\n\n<!-- block -->\n", "s.md");
    expect(mdastToString(tree)).toBe("A set {1, 2}, and a < b. ");
    expect(tree.children).toHaveLength(1);
  });

  test("a captioned image alone in its paragraph is a figure; its attributes give label, width and alt", () => {
    const [figure] = blocks('![Dunes on *Mars* [@upper1974].](dunes.jpg){#fig-dunes width=60% fig-alt="Sand."}\n');
    expect(figure?.name).toBe("Figure");
    expect(attributes(figure)).toEqual({ src: "dunes.jpg", alt: "Sand.", id: "fig:dunes", width: "60%" });
    // The caption keeps its Markdown: emphasis and the citation stay nodes and text for the pipeline.
    expect(JSON.stringify(figure?.children)).toContain('"type":"emphasis"');
    expect(mdastToString(figure as never)).toBe("Dunes on Mars [@upper1974].");
    // Without fig-alt the caption's words (its citations left out) are the alt text, as Pandoc does.
    expect(attributes(blocks("![A chart [@key].](c.png){#fig:c}\n")[0]).alt).toBe("A chart.");
    // An image without a caption, or inside text, stays an image.
    expect(blocks("![](c.png)\n")[0]?.type).toBe("paragraph");
    expect(blocks("See ![x](c.png){width=50%} here.\n")[0]?.type).toBe("paragraph");
  });

  test("widths in %, px, in, cm and \\textwidth become the figure steps", () => {
    expect(["60%", "33%", "300px", "3in", "8cm", "0.5\\textwidth", "2000px", "10%"].map(figureWidth)).toEqual([
      60, 35, 45, 40, 45, 50, 100, 20,
    ]);
    expect(figureWidth("wide")).toBeUndefined();
    expect(problemOf("![A](a.png){width=wide}\n")).toMatchObject({
      line: 1,
      problem: expect.stringMatching(/width "wide"/),
    });
  });

  test("a table with `: Caption {#tbl-x}` before or after it is a <Table>", () => {
    for (const markdown of [
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Caption {#tbl-ab}\n",
      "Table: Caption {#tbl:ab}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    ]) {
      const [table] = blocks(markdown);
      expect(table?.name, markdown).toBe("Table");
      expect(attributes(table)).toEqual({ id: "tbl:ab" });
      expect(table?.children?.map((child) => child.type)).toEqual(["paragraph", "table"]);
      expect(mdastToString(table?.children?.[0] as never)).toBe("Caption");
    }
  });

  test("equations: a label after $$ becomes \\label{eq:…}; $$…$$ alone in a paragraph is display math", () => {
    const [fenced, inline, plain] = blocks("$$\nE = mc^2\n$$ {#eq-energy}\n\n$$ a = b $$ {#eq:ab}\n\n$$\nc\n$$\n");
    expect(fenced).toMatchObject({ type: "math", value: "E = mc^2\n\\label{eq:energy}" });
    expect(inline).toMatchObject({ type: "math", value: "a = b\n\\label{eq:ab}" });
    expect(plain).toMatchObject({ type: "math", value: "c" });
  });

  test("headings keep their {#id}, drop their classes; MyST (label)= names the next heading", () => {
    const [first, second] = blocks("## Methods {#sec-methods .unnumbered}\n\n(sec-more)=\n## More\n");
    expect(mdastToString(first as never)).toBe("Methods");
    expect(first?.data?.hProperties).toEqual({ id: "sec-methods" });
    expect(second?.data?.hProperties).toEqual({ id: "sec-more" });
    expect(problemOf("## Notes {#p-1}\n")).toMatchObject({
      line: 1,
      problem: expect.stringMatching(/"#p-1" is one the site gives/),
    });
  });

  test("fenced divs: callouts become named asides, #fig- divs composite figures, other divs their content", () => {
    const [callout, figure, plain] = blocks(
      "::: {.callout-tip}\n## Mind\nText.\n:::\n\n:::: {#fig-panels}\n![A](a.png)\n![B](b.png)\n\nTwo panels.\n::::\n\n::: {.column-margin}\nKept.\n:::\n",
    );
    expect(callout?.data).toEqual({
      hName: "aside",
      hProperties: { className: ["callout", "callout-tip"], role: "note" },
    });
    expect(mdastToString(callout as never)).toBe("Tip: MindText.");
    expect(figure?.name).toBe("Figure");
    expect(attributes(figure)).toEqual({ id: "fig:panels" });
    // The panels (two images on consecutive lines: one paragraph), then the caption.
    expect(figure?.children?.map((child) => child.type)).toEqual(["paragraph", "paragraph"]);
    expect(JSON.stringify(figure?.children?.[0]).match(/"type":"image"/g)).toHaveLength(2);
    expect(plain).toMatchObject({ type: "paragraph" });
    expect(mdastToString(plain as never)).toBe("Kept.");
  });

  test("a fence's problems name its line", () => {
    expect(problemOf("Text.\n\n::: {.callout-note}\nOpen.\n")).toMatchObject({
      line: 3,
      problem: expect.stringMatching(/never closed/),
    });
    expect(problemOf("Text.\n:::\n")).toMatchObject({ line: 2, problem: expect.stringMatching(/never opened/) });
    expect(problemOf("::: {.callout-fancy}\nX\n:::\n")).toMatchObject({
      line: 1,
      problem: expect.stringMatching(/callout-fancy/),
    });
    expect(problemOf("![A figure](a.png){#chart}\n")).toMatchObject({
      line: 1,
      fix: expect.stringMatching(/\{#fig-chart\}/),
    });
  });

  test("MyST directives: figure, table, math, admonitions and code-block", () => {
    const tree = parseMarkdown(
      "```{figure} a.png\n:name: fig-a\n:width: 40%\n\nThe caption.\n```\n\n```{math}\n:label: eq-y\ny = x\n```\n\n:::{warning}\nCareful.\n:::\n\n```{code-block} python\n:caption: Mean\nprint(1)\n```\n",
      "s.md",
    );
    const [figure, math, warning, code] = tree.children as unknown as Jsx[];
    expect(attributes(figure)).toEqual({ src: "a.png", alt: "The caption.", id: "fig:a", width: "40%" });
    expect(math).toMatchObject({ type: "math", value: "y = x\n\\label{eq:y}" });
    expect(warning?.data?.hProperties?.["className"]).toEqual(["callout", "callout-warning"]);
    // A code-block with a caption is a numbered listing (see the listings test).
    expect(code).toMatchObject({
      name: "Listing",
      children: [{ type: "paragraph" }, { type: "code", lang: "python", value: "print(1)" }],
    });
  });

  test("a bracketed span keeps its text; what is not read stops the build at its line, never shown raw", () => {
    expect(mdastToString(parseMarkdown("A [Small Caps]{.smallcaps} word, and [a set]{#x}.\n", "s.md"))).toBe(
      "A Small Caps word, and a set.",
    );
    expect(problemOf("Text.\n\nA claim.^[An inline note.]\n")).toMatchObject({
      line: 3,
      problem: expect.stringMatching(/inline note \^\[\.\.\.\] is not read/),
    });
    expect(problemOf("Text.\n\n$$ x = 1\n+ 2\n$$\n")).toMatchObject({
      line: 3,
      fix: expect.stringMatching(/put \$\$ on a line of its own/),
    });
    expect(problemOf("```{list-table} Caption\n* - a\n```\n")).toMatchObject({
      line: 1,
      problem: expect.stringMatching(/\{list-table\} is not one the report reads/),
    });
    expect(problemOf(":::{pull-quote}\nQuote.\n:::\n")).toMatchObject({ line: 1 });
  });

  test("MyST roles for citations and references read as the Pandoc syntax; {math} is inline math", () => {
    const tree = parseMarkdown(
      "As {cite:t}`hume48` says {cite:p}`a, b`. See {numref}`fig-x`, {eq}`circ` and {ref}`the part <sec-y>`; {math}`x^2`.\n",
      "s.md",
    );
    expect(mdastToString(tree)).toBe("As @hume48 says [@a; @b]. See @fig-x, @eq:circ and @sec-y; x^2.");
    expect(JSON.stringify(tree)).toContain('"type":"inlineMath","value":"x^2"');
    // Another role stays as written, and so does code after ordinary braces.
    expect(mdastToString(parseMarkdown("A {sub}`2` and {x} `y`.\n", "s.md"))).toBe("A {sub}2 and {x} y.");
  });

  test("a Pandoc code fence's attributes give its language; a Quarto cell is shown as code, its #| options read", () => {
    const [pandoc, quarto] = blocks("```{.python .numberLines}\nx = 1\n```\n\n```{r}\n#| echo: false\nplot(x)\n```\n");
    expect(pandoc).toMatchObject({ type: "code", lang: "python", value: "x = 1" });
    expect(quarto).toMatchObject({ type: "code", lang: "r", value: "plot(x)" });
  });

  test("a captioned or lst-labelled code block is a numbered listing, as Pandoc, Quarto and MyST write it", () => {
    const listings = blocks(
      [
        '```{.python #lst-mean lst-cap="The *mean*"}\nm = 1\n```',
        '```{#lst:sum .haskell caption="Sum"}\ns = 2\n```',
        '```{r}\n#| lst-label: lst-plot\n#| lst-cap: "A \\"cell\\""\nplot(x)\n```',
        "```{code-block} python\n:caption: MyST\n:name: lst-myst\n\nprint(1)\n```",
        '```{.python lst-cap="No label"}\nn = 3\n```',
      ].join("\n\n"),
    );
    expect(
      listings.map((node) => [node.name, attributes(node).id, mdastToString(node.children?.[0] as never)]),
    ).toEqual([
      ["Listing", "lst:mean", "The mean"],
      ["Listing", "lst:sum", "Sum"],
      ["Listing", "lst:plot", 'A "cell"'],
      ["Listing", "lst:myst", "MyST"],
      ["Listing", undefined, "No label"],
    ]);
    // The code is shown without the cell's options, in its language.
    expect(listings.map((node) => node.children?.[1])).toMatchObject([
      { type: "code", lang: "python", value: "m = 1" },
      { type: "code", lang: "haskell", value: "s = 2" },
      { type: "code", lang: "r", value: "plot(x)" },
      { type: "code", lang: "python", value: "print(1)" },
      { type: "code", lang: "python", value: "n = 3" },
    ]);
    expect(problemOf('Text.\n\n```{.python #code-x lst-cap="C"}\nx\n```\n')).toMatchObject({
      line: 3,
      problem: expect.stringMatching(/id "code-x" does not start with lst-/),
      fix: expect.stringMatching(/@lst-x/),
    });
  });
});

describe("raw blocks for other formats", () => {
  test("{=html} is HTML under the allowlist; {=typst} and other formats are left out, as Pandoc does for HTML", () => {
    const [html, text] = blocks(
      '```{=html}\n<abbr title="x">X</abbr>\n```\n\n```{=typst}\n#pagebreak()\n```\n\nText.\n',
    );
    expect(html).toMatchObject({ type: "html", value: '<abbr title="x">X</abbr>' });
    expect(text?.type).toBe("paragraph");
    const refused = checkMdxTree(parseMarkdown('```{=html}\n<iframe src="x"></iframe>\n```\n', "s.md") as Root, "s.md");
    expect(refused[0]).toMatchObject({ line: 1, problem: expect.stringMatching(/iframe/) });
  });
});

describe("simple HTML tables", () => {
  test("a <table> is a Markdown table; with a <caption> a numbered one; cells keep their inline Markdown", () => {
    const [captioned, bare] = blocks(
      "<table>\n<caption>Tools, *compared*</caption>\n<thead><tr><th>Tool</th><th>Year</th></tr></thead>\n<tbody><tr><td><em>Pandoc</em></td><td>$2006$</td></tr>\n<tr><td>MyST</td></tr></tbody>\n</table>\n\n<table><tr><td>a</td></tr></table>\n",
    );
    expect(captioned?.name).toBe("Table");
    expect(mdastToString(captioned?.children?.[0] as never)).toBe("Tools, compared");
    const table = captioned?.children?.[1] as unknown as { type: string; children: Array<{ children: unknown[] }> };
    expect(table.type).toBe("table");
    // Rows in order, header first; a short row is padded to the table's width.
    expect(table.children.map((row) => row.children.map((cell) => mdastToString(cell as never)))).toEqual([
      ["Tool", "Year"],
      ["<em>Pandoc</em>", "2006"],
      ["MyST", ""],
    ]);
    expect(JSON.stringify(table)).toContain('"type":"inlineMath","value":"2006"');
    expect(bare?.type).toBe("table");
  });

  test("a spanning cell and a blank line inside the table stop the build at their lines; a refused attribute is left to the policy", () => {
    expect(
      problemOf('Text.\n\n<table>\n<tr><td>a</td></tr>\n<tr><td colspan="2">b</td></tr>\n</table>\n'),
    ).toMatchObject({
      line: 5,
      problem: expect.stringMatching(/spans 2 columns/),
    });
    expect(problemOf("<table>\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\n")).toMatchObject({
      line: 1,
      fix: expect.stringMatching(/remove the blank lines/),
    });
    expect(blocks('<table onclick="x()"><tr><td>a</td></tr></table>\n')[0]?.type).toBe("html");
  });
});

describe("raw HTML in Markdown meets the content policy's allowlist", () => {
  const problems = (markdown: string) => checkMdxTree(parseMarkdown(markdown, "s.md") as Root, "s.md");

  test("allowed elements pass; others, their attributes and their URLs are refused at their line", () => {
    expect(
      problems('<abbr title="x">X</abbr>, a<br>b, <sub>2</sub>\n\n<details><summary>S</summary>\n\nT\n</details>\n'),
    ).toEqual([]);
    expect(problems('Text\n\n<iframe src="https://example.org"></iframe>\n')).toMatchObject([
      { line: 3, problem: expect.stringMatching(/<iframe> is not allowed/) },
    ]);
    expect(problems('A <span class="x">b</span>.\n')).toMatchObject([
      { line: 1, problem: expect.stringMatching(/attribute class/) },
    ]);
    expect(problems('<div>\n<a href="javascript:alert(1)">x</a>\n</div>\n')).toMatchObject([
      { line: 2, problem: expect.stringMatching(/javascript: scheme/) },
    ]);
    expect(problems('<img src="https://example.org/a.png" alt="">\n')).toMatchObject([
      { problem: expect.stringMatching(/on another host/) },
    ]);
  });
});

describe("an event handler in a Pandoc attribute block is code, refused as in HTML", () => {
  test.each([
    ["an image", 'Text.\n\n![A chart](chart.png){onclick="alert(1)"}\n', 3],
    ["an inline image", "See ![a](c.png){width=50% onmouseover=x} here.\n", 1],
    ["a heading", "# Intro {#sec-intro ONLOAD='x'}\n", 1],
    ["a span", "A [word]{.smallcaps onfocus=x} here.\n", 1],
    ["a fenced div", '::: {.callout-note onclick="x"}\nNote.\n:::\n', 1],
  ])("on %s: the file, its line, the attribute and the fix", (_name, markdown, line) => {
    let thrown: unknown;
    try {
      parseMarkdown(markdown, "/c/sections/s.md");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContentError);
    expect((thrown as ContentError).problem.line).toBe(line);
    expect((thrown as ContentError).message).toMatch(/is an event handler.*runs JavaScript/);
    expect((thrown as ContentError).message).toMatch(/Fix: remove on\w+=/i);
  });

  test("the attributes the site reads still pass", () => {
    expect(() =>
      parseMarkdown('![A chart](chart.png){#fig-a width=50% fig-alt="A bar chart" height=3in}\n', "s.md"),
    ).not.toThrow();
  });
});
