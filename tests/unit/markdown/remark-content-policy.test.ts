import { describe, expect, test } from "vitest";
import { ContentError, ContentErrors } from "../../../src/lib/content/content-error.ts";
import { remarkContentPolicy } from "../../../src/lib/markdown/remark-content-policy.ts";
import { remarkTree, renderError } from "./processor.ts";

const policy = { remark: [remarkContentPolicy], path: "/r/sections/a.mdx" };

describe("remarkContentPolicy", () => {
  test("Markdown and the allowed elements pass unchanged", async () => {
    const markdown = 'Text with <abbr title="Alcoholics Anonymous">AA</abbr> and a [link](https://example.org).\n';
    const checked = await remarkTree(markdown, policy);
    expect(checked).toEqual(await remarkTree(markdown));
    expect(JSON.stringify(checked)).toContain('"name":"abbr"');
  });

  test("a script element stops the build with the file and line", async () => {
    const error = await renderError("Text.\n\n<script>alert(1)</script>\n", policy);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem.file).toBe("/r/sections/a.mdx");
    expect((error as ContentError).problem.line).toBe(3);
    expect(error.message).toMatch(/<script>/);
  });

  test("an expression is refused before the compiler could run it", async () => {
    expect((await renderError("The build ran on {process.env.HOME} today.\n", policy)).message).toMatch(
      /JavaScript expression/,
    );
  });

  test("a javascript: link is refused", async () => {
    expect((await renderError("[click](javascript:alert(1))\n", policy)).message).toMatch(/javascript:/);
  });

  test("several problems are reported together, each with its line", async () => {
    const error = await renderError("<script>a</script>\n\n{1 + 1}\n", policy);
    expect(error).toBeInstanceOf(ContentErrors);
    expect(error.message).toMatch(/a\.mdx:1[\s\S]*a\.mdx:3/);
  });
});
