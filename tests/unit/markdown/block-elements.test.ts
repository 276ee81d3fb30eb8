import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import {
  rehypeTaskLists,
  remarkDefinitionListElements,
  remarkIndentedCode,
} from "../../../src/lib/markdown/block-elements.ts";
import { renderError, renderHtml } from "./processor.ts";

describe("rehypeTaskLists", () => {
  test("a task's checkbox becomes a box for the eye and Done:/To do: for screen readers", async () => {
    const html = await renderHtml("- [x] Write the methods\n- [ ] Check the results\n", { rehype: [rehypeTaskLists] });
    expect(html).not.toContain("<input");
    expect(html).toContain(
      '<li class="task-list-item"><span class="task-box" aria-hidden="true">☑︎</span><span class="visually-hidden">Done:</span> Write the methods</li>',
    );
    expect(html).toContain(
      '<span class="task-box" aria-hidden="true">☐︎</span><span class="visually-hidden">To do:</span> Check the results',
    );
  });

  test("without it, remark-gfm writes a disabled checkbox", async () => {
    expect(await renderHtml("- [x] Done\n")).toContain('<input type="checkbox" checked disabled>');
  });

  test("ordinary list items are left as they are", async () => {
    expect(await renderHtml("- one\n- two\n", { rehype: [rehypeTaskLists] })).toBe(
      "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
    );
  });
});

describe("remarkDefinitionListElements", () => {
  test("Pandoc's definition lists become dl, dt and dd", async () => {
    const html = await renderHtml("Mean\n: The sum of the values divided by their number.\n", {
      remark: [remarkDefinitionListElements],
    });
    expect(html).toBe("<dl><dt>Mean</dt><dd><p>The sum of the values divided by their number.</p></dd></dl>");
  });

  test("without it, the list's nodes have no element and come out as bare text", async () => {
    expect(await renderHtml("Mean\n: The sum.\n")).not.toContain("<dl>");
  });
});

describe("remarkIndentedCode", () => {
  test("in MDX, an indented code block is an error with its line, not silent prose", async () => {
    const error = await renderError("Text.\n\n    indented code\n", {
      remark: [remarkIndentedCode],
      path: "/r/sections/a.mdx",
    });
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem.line).toBe(3);
    expect(error.message).toMatch(/indented by four spaces[\s\S]*Fix: fence code with three backticks/);
  });

  test("inside a block quote the indentation counts from the quote's text", async () => {
    const error = await renderError("> Quoted.\n>\n>     indented in the quote\n", { remark: [remarkIndentedCode] });
    expect((error as ContentError).problem.line).toBe(3);
    expect(await renderHtml("> Quoted.\n>\n> not indented\n", { remark: [remarkIndentedCode] })).toContain(
      "<p>not indented</p>",
    );
  });

  test("fenced code and list items pass", async () => {
    const html = await renderHtml("```\ncode\n```\n\n- item\n\n  continued\n", { remark: [remarkIndentedCode] });
    expect(html).toContain("<pre><code>code\n</code></pre>");
  });
});
