import { describe, expect, test } from "vitest";
import { parseMdx } from "../../../../src/lib/content/mdx-tree.ts";
import { checkMdxTree } from "../../../../src/lib/content/policy/check-mdx-tree.ts";

const problems = (mdx: string) => checkMdxTree(parseMdx(mdx), "a.mdx").map((problem) => problem.problem);

describe("content policy on the MDX tree", () => {
  test("plain Markdown, the allowed elements and the project's components pass", () => {
    expect(
      problems(
        'Text *em* [link](https://example.org) [in site](/sections/a/#p-x) [mail](mailto:a@b.c) [top](#x)\n\n<abbr title="World Health Organization">WHO</abbr> H<sub>2</sub>O\n\n<Timeline />\n\n{/* a comment */}\n\n![alt](/images/a.png)',
      ),
    ).toEqual([]);
  });

  test.each([
    ["{process.env.HOME}", /JavaScript expression/],
    ['import x from "../../x.js"', /import and export run code/],
    ["export const a = 1", /import and export run code/],
    ["<Chart />", /not one of the report's components/],
    ["<script>alert(1)</script>", /<script> is not allowed/],
    ['<img src="/a.png" alt="a" onerror="x" />', /event-handler attribute onerror/],
    ['<span style="color:red">a</span>', /attribute style is not allowed/],
    ['<a href="java\tscript:alert(1)">a</a>', /javascript: scheme/],
    ["[a](vbscript:x)", /vbscript: scheme/],
    ["![a](https://example.org/a.png)", /on another host/],
    ["<Timeline when={1} />", /JavaScript expression/],
    ['<Timeline from="1935" />', /takes no attribute "from"/],
    ["<>text</>", /fragment/],
  ])("%s is refused", (mdx, expected) => {
    const found = problems(mdx);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join(" ")).toMatch(expected);
  });

  test("every violation is listed with its line", () => {
    const found = checkMdxTree(parseMdx("a\n\n<script />\n\n{x}\n"), "a.mdx");
    expect(found.map((problem) => problem.line)).toEqual([3, 5]);
  });
});
