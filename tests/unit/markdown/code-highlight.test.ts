import { describe, expect, test } from "vitest";
import { codePaletteCss, rehypeCodeHighlight, tokenClasses } from "../../../src/lib/markdown/code-highlight.ts";
import { renderHtml } from "./processor.ts";

const highlight = { rehype: [rehypeCodeHighlight] };

describe("rehypeCodeHighlight", () => {
  test("a fenced block in a known language is highlighted with classes, never inline styles", async () => {
    const html = await renderHtml("```python\ndef mean(values):\n    return sum(values)\n```\n", highlight);
    expect(html).toMatch(/^<pre class="code-block" tabindex="0" data-language="python"><code>/);
    expect(html).not.toMatch(/\sstyle=/);
    // The themes' keyword colours: github-light-default #cf222e, github-dark-default #ff7b72.
    expect(html).toContain('<span class="cl-cf222e cd-ff7b72">def</span>');
  });

  test("every colour class it writes has a rule in the code stylesheet", async () => {
    const html = await renderHtml("```js\nconst answer = 42; // a comment\n```\n", highlight);
    const css = await codePaletteCss();
    const used = new Set([...html.matchAll(/\b(c[ld]-[0-9a-f]+)\b/g)].map((match) => match[1]));
    expect(used.size).toBeGreaterThan(2);
    for (const name of used) expect(css, name).toContain(`.${name}{`);
  });

  test("a block in an unknown language or none is kept as plain text in the same box", async () => {
    const html = await renderHtml("```nosuchlanguage\nplain <text>\n```\n\n```\nno language\n```\n", highlight);
    expect(html).toContain('<pre class="code-block" tabindex="0" data-language="nosuchlanguage"><code');
    expect(html).toContain("plain &#x3C;text>");
    expect(html).toContain('<pre class="code-block" tabindex="0"><code>no language');
  });

  test("inline code is left alone", async () => {
    expect(await renderHtml("Some `code` here.\n", highlight)).toBe("<p>Some <code>code</code> here.</p>");
  });
});

describe("tokenClasses", () => {
  test("Shiki's token styles become colour and font-style classes", () => {
    expect(tokenClasses("--shiki-light:#CF222E;--shiki-dark:#FF7B72")).toEqual(["cl-cf222e", "cd-ff7b72"]);
    expect(tokenClasses("--shiki-light:#111;--shiki-light-font-style:italic;--shiki-dark-font-style:italic")).toEqual([
      "cl-111",
      "fi",
    ]);
  });
});
