import path from "node:path";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { reportPluginOptions } from "../../../src/lib/markdown/pipeline.ts";
import { remarkContentChecks } from "../../../src/lib/markdown/remark-content-checks.ts";
import { type PluginRun, renderError, renderHtml } from "./processor.ts";

// The rich fixture has two sections: methods and findings.
const contentDir = path.resolve(import.meta.dirname, "../../fixtures/rich-report");
const checks = (base: string): PluginRun => ({
  remark: [[remarkContentChecks, reportPluginOptions({ contentDir, base }).contentChecks]],
  path: path.join(contentDir, "sections/findings.mdx"),
});

describe("remarkContentChecks", () => {
  test("a root link gets the site's base path; other links stay as written", async () => {
    expect(
      await renderHtml(
        "[Methods](/sections/methods/), [away](https://example.org/) and [here](#the-room).\n",
        checks("/course/"),
      ),
    ).toBe(
      '<p><a href="/course/sections/methods/">Methods</a>, <a href="https://example.org/">away</a> and <a href="#the-room">here</a>.</p>',
    );
    expect(await renderHtml("[Methods](/sections/methods/)\n", checks("/"))).toBe(
      '<p><a href="/sections/methods/">Methods</a></p>',
    );
  });

  test("a footnote reference without its note stops the build at its line, naming the nearest note", async () => {
    const error = await renderError(
      "Text.\n\nA claim.[^sorce] Another.[^2]\n\n[^source]: The note.\n\n[^2]: Two.\n",
      checks("/"),
    );
    expect(error).toBeInstanceOf(ContentError);
    expect(String(error)).toMatch(/findings\.mdx:3: the footnote \[\^sorce\] has no note/);
    expect(String(error)).toMatch(/Fix: did you mean \[\^source\]\?/);
    // A defined note passes, and so does the text "[^" in code.
    expect(await renderHtml("A claim.[^1] `[^x]`\n\n[^1]: The note.\n", checks("/"))).not.toContain("[^1]");
  });

  test("a relative link to a section file leads to its page; one to another file stops the build at its line", async () => {
    expect(
      await renderHtml(
        "See [methods](methods.mdx#how-groups-were-chosen) and [here](#the-room).\n",
        checks("/course/"),
      ),
    ).toBe(
      '<p>See <a href="/course/sections/methods/#how-groups-were-chosen">methods</a> and <a href="#the-room">here</a>.</p>',
    );
    const missing = await renderError("Text.\n\nSee [the methods](method.mdx).\n", checks("/"));
    expect(String(missing)).toMatch(/findings\.mdx:3: the link method\.mdx points to a file that does not exist/);
    expect(String(missing)).toMatch(/Fix: did you mean methods\.mdx\?/);
    const unpublished = await renderError("See [the data](../references.bib).\n", checks("/"));
    expect(String(unpublished)).toMatch(
      /findings\.mdx:1: the link \.\.\/references\.bib points to a file of the content folder/,
    );
  });

  test("a link to an id is checked against the report's ids: #id of another section leads there, an unknown one stops the build", async () => {
    // A bare #id of another section (a paper split into sections links as one file did): that section's page.
    expect(await renderHtml("See [the table](#tbl-groups) and [Figure 3](#fig-room).\n", checks("/course/"))).toBe(
      '<p>See <a href="/course/sections/methods/#tbl-groups">the table</a> and <a href="#fig-room">Figure 3</a>.</p>',
    );
    // The site's own ids (notes, references, paragraphs) pass as written.
    expect(await renderHtml("[note](#fn-1) [ref](#ref-smith) [p](#p-3)\n", checks("/"))).toContain('href="#fn-1"');
    const unknown = await renderError("Text.\n\nAs [shown](#the-rom).\n", checks("/"));
    expect(unknown).toBeInstanceOf(ContentError);
    expect(String(unknown)).toMatch(/findings\.mdx:3: the link #the-rom points to no id of this section or any other/);
    expect(String(unknown)).toMatch(/Fix: did you mean #the-room\?/);
    const elsewhere = await renderError("[M](methods.mdx#the-room)\n", checks("/"));
    expect(String(elsewhere)).toMatch(
      /findings\.mdx:1: the link \/sections\/methods\/#the-room points to no id of the section methods\.[\s\S]*Ids in methods: #/,
    );
  });

  test("a link to a section that does not exist suggests the nearest one", async () => {
    const error = await renderError("Text.\n\n[M](/sections/metods/)\n", checks("/"));
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem.line).toBe(3);
    expect(error.message).toMatch(/points to a section that does not exist[\s\S]*did you mean \/sections\/methods\//);
  });

  test("a level-1 heading and a skipped level are errors", async () => {
    expect((await renderError("# Title\n", checks("/"))).message).toMatch(/a level-1 heading \(#\)/);
    expect((await renderError("## Two\n\n#### Four\n", checks("/"))).message).toMatch(
      /the heading levels skip from h2 to h4[\s\S]*use ### for this heading/,
    );
  });

  test("an image without alternative text is an error", async () => {
    expect((await renderError("![](chart.png)\n", checks("/"))).message).toMatch(
      /the image chart\.png has no alternative text/,
    );
  });
});
