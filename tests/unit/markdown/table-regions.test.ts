import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import type { Root } from "hast";
import type { MdxJsxFlowElementHast } from "mdast-util-mdx-jsx";
import { VFile } from "vfile";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { rehypeTableRegions } from "../../../src/lib/markdown/table-regions.ts";

// Astro's own Markdown processor, as a .md section meets it: raw HTML is parsed after the plugins.
const processor = await createMarkdownProcessor({
  gfm: true,
  syntaxHighlight: false,
  rehypePlugins: [rehypeTableRegions],
});
const fileURL = pathToFileURL(path.resolve("/report/content/sections/s.md"));
const render = async (markdown: string) => (await processor.render(markdown, { fileURL })).code;

describe("every table sits in a labelled region, whatever its source", () => {
  test("a raw HTML table inside other HTML in a .md file gets the region a pipe table gets", async () => {
    const html = await render(
      "<div>\n<table><tr><th>Group</th><th>Founded</th></tr><tr><td>AA</td><td>1935</td></tr></table>\n</div>\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
    );
    expect(html).toContain(
      '<div>\n<section class="table-scroll" tabindex="0" aria-label="Table: Group, Founded"><table><tbody><tr><th>Group</th>',
    );
    // The pipe table, not boxed by the Markdown readers here (Astro's processor alone), gets one too: never two.
    expect(html.match(/class="table-scroll"/g)).toHaveLength(2);
    expect(html).toContain('<section class="table-scroll" tabindex="0" aria-label="Table: A, B"><table>');
  });

  test("a table already in a region is left as it is", async () => {
    const tree: Root = {
      type: "root",
      children: [
        {
          type: "element",
          tagName: "section",
          properties: { className: ["table-scroll"], ariaLabelledby: "c" },
          children: [{ type: "element", tagName: "table", properties: {}, children: [] }],
        },
      ],
    };
    const before = structuredClone(tree);
    rehypeTableRegions()(tree, new VFile({ path: "s.mdx" }));
    expect(tree).toEqual(before);
  });

  test("a <table> written as HTML in MDX gets a region named by its headings", () => {
    const cell = (name: string, value: string): MdxJsxFlowElementHast => ({
      type: "mdxJsxFlowElement",
      name,
      attributes: [],
      children: [{ type: "text", value }],
    });
    const table: MdxJsxFlowElementHast = {
      type: "mdxJsxFlowElement",
      name: "table",
      attributes: [],
      children: [
        { type: "mdxJsxFlowElement", name: "tr", attributes: [], children: [cell("th", "Tool"), cell("th", "Year")] },
      ],
    };
    const tree: Root = { type: "root", children: [table as never] };
    const result = rehypeTableRegions()(tree, new VFile({ path: "s.mdx" }));
    expect(result.children[0]).toMatchObject({
      type: "element",
      tagName: "section",
      properties: { className: ["table-scroll"], ariaLabel: "Table: Tool, Year" },
      children: [table],
    });
  });

  test("a captioned table the readers could not number stops the build with its line and a fix", async () => {
    const error = await render(
      "Text.\n\n<div>\n<table><caption>Groups</caption><tr><td>a</td></tr></table>\n</div>\n",
    ).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem).toMatchObject({
      line: 4,
      problem: expect.stringMatching(/has a <caption> but cannot be numbered/),
      fix: expect.stringMatching(/outside other HTML/),
    });
  });
});
