import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { nestingProblem } from "../../../src/lib/content/content-limits.ts";
import { parseMdxFile } from "../../../src/lib/content/mdx-tree.ts";

const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- a`).join("\n");

describe("nesting is measured before any parser sees the text", () => {
  test("a 2,000-level nested list stops quickly, naming the line and the fix", () => {
    const started = performance.now();
    expect(() => parseMdxFile("/c/sections/deep.mdx", `Text.\n\n${nestedList(2000)}\n`)).toThrow(
      /deep\.mdx:53: the line is indented by 102 columns.*\n\s+Fix: nest lists a few levels at most/,
    );
    expect(performance.now() - started).toBeLessThan(500);
  });

  test("3,000 nested quotes stop at their line", () => {
    expect(() => parseMdxFile("/c/sections/quotes.mdx", `a\n\n${">".repeat(3000)} deep\n`)).toThrow(
      /quotes\.mdx:3: the line stands in 3000 nested block quotes/,
    );
  });

  test("a run of thousands of brackets or asterisks stops", () => {
    expect(nestingProblem("f.mdx", `${"[".repeat(3000)}a`)?.problem).toMatch(/257 or more "\[" in a row/);
    expect(nestingProblem("f.mdx", `${"*".repeat(3000)}a`)?.problem).toMatch(/"\*" in a row/);
  });

  test("a frontmatter blanked out with spaces, however long its lines, nests nothing", () => {
    expect(nestingProblem("f.mdx", `${" ".repeat(400)}\n${" ".repeat(300)}\r\nText.\n`)).toBeUndefined();
  });

  test("lists opened on one line (1. 1. 1. ..., 1) 1) ..., - - ...) count as nesting: 2,000 of them stop at their line", () => {
    for (const marker of ["1. ", "1) ", "- ", "* ", "+ ", "12. ", "-\t"]) {
      const started = performance.now();
      expect(() => parseMdxFile("/c/sections/deep.md", `Text.\n\n${marker.repeat(2000)}x\n`), marker).toThrow(
        /deep\.md:3: the line is indented by \d+ columns.*\n\s+Fix: nest lists a few levels at most/,
      );
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  test("property: a line of containers (quotes, list markers, indents) is refused or parses within the stack", () => {
    const container = fc.constantFrom("- ", "* ", "+ ", "1. ", "2) ", "999999999. ", "> ", "  ", "\t", "-\t");
    fc.assert(
      fc.property(fc.array(container, { minLength: 1, maxLength: 3000 }), (parts) => {
        const text = `Text.\n\n${parts.join("")}x\n`;
        if (nestingProblem("/c/sections/f.md", text) !== undefined) return;
        expect(() => parseMdxFile("/c/sections/f.md", text)).not.toThrow();
      }),
      { numRuns: 60 },
    );
  });

  test("thousands of HTML tags or components opened inside one another stop at their line, in .md and .mdx", () => {
    const deep = (open: string, close: string) => `Text.\n\n${open.repeat(3000)}x${close.repeat(3000)}\n`;
    for (const file of ["/c/sections/tags.md", "/c/sections/tags.mdx"]) {
      expect(() => parseMdxFile(file, deep("<sup>", "</sup>")), file).toThrow(
        /tags\.mdx?:3: elements nest more than 128 levels deep.*\n\s+Fix: close the HTML tags/,
      );
    }
    // Opened on lines of their own, as HTML blocks.
    expect(() => parseMdxFile("/c/sections/blocks.md", `Text.\n\n${"<div>\n\n".repeat(400)}x\n`)).toThrow(
      /blocks\.md:\d+: elements nest more than 128 levels/,
    );
    expect(() => parseMdxFile("/c/sections/abbr.mdx", deep("<abbr title='a'>", "</abbr>"))).toThrow(
      /abbr\.mdx:3: elements nest more than 128 levels/,
    );
  });

  test("tags that open nothing (void, self-closing) and ones closed in turn never add up", () => {
    const flat = `Text.\n\n${"<br /> <img src='a.png' alt='a' /> <sup>1</sup> <Timeline /> ".repeat(2000)}\n`;
    expect(() => parseMdxFile("/c/sections/flat.mdx", flat)).not.toThrow();
  });

  test("emphasis nested thousands deep (* or _, over one line or many) stops before the parser, at its line", () => {
    for (const [open, close] of [
      ["_a ", " a_"],
      ["*a ", " a*"],
      ["**a ", " a**"],
    ] as const) {
      const started = performance.now();
      expect(() => parseMdxFile("/c/sections/em.md", `Text.\n\n${open.repeat(4000)}x${close.repeat(4000)}\n`)).toThrow(
        /em\.md:3: the paragraph opens more than 128 emphasis markers.*\n\s+Fix: close each \* or _/,
      );
      expect(performance.now() - started).toBeLessThan(500);
    }
    expect(nestingProblem("f.md", `Text.\n\n${"*a\n".repeat(200)}x\n`)?.line).toBe(131);
  });

  test("brackets left unbalanced in a paragraph (thousands of [a or a]) stop before the parser, at their line", () => {
    const started = performance.now();
    expect(() => parseMdxFile("/c/sections/br.md", `Text.\n\n${"a]".repeat(50_000)}\n`)).toThrow(
      /br\.md:3: the paragraph has more than 256 "\]" that close no "\[".*\n\s+Fix: close each \[ with \]/,
    );
    expect(() => parseMdxFile("/c/sections/br.mdx", `Text.\n\n${"[a\n".repeat(300)}\n`)).toThrow(
      /br\.mdx:259: the paragraph has more than 256 "\[" that no "\]" closes/,
    );
    expect(performance.now() - started).toBeLessThan(500);
    // Balanced links, escaped brackets and new paragraphs never add up.
    for (const text of ["[a](b) [c][d] \\] ".repeat(2000), "a]\n\n".repeat(2000), "\\[x\\]\n".repeat(2000)]) {
      expect(nestingProblem("f.md", text)).toBeUndefined();
    }
  });

  test("emphasis that closes, snake_case, list bullets, pointers in fenced code and new paragraphs never add up", () => {
    const prose = "Some *emphasis*, __strong__, snake_case_name, 2 * 3 and a_b.\n".repeat(500);
    const bullets = "* item\n".repeat(500);
    const code = `\`\`\`c\n${"int *p = *q;\n".repeat(500)}\`\`\`\n`;
    const paragraphs = "*open\n\n".repeat(500);
    for (const text of [prose, bullets, code, paragraphs]) expect(nestingProblem("f.md", text)).toBeUndefined();
  });

  test("ordinary nesting passes: twelve list levels, four quotes, a code block", () => {
    expect(nestingProblem("f.mdx", `${nestedList(12)}\n\n>>>> q\n\n\`\`\`\n        code\n\`\`\`\n`)).toBeUndefined();
  });

  test("property: the check takes time linear in the text, and passes every text within the limits", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("- ", "  ", "> ", "a", "*", "[", "\n", "1. ", "\t"), { maxLength: 400 }),
        (parts) => {
          const text = parts.join("");
          const problem = nestingProblem("f.mdx", text);
          if (problem === undefined) return;
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.fix.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
    const started = performance.now();
    nestingProblem("f.mdx", "- a\n".repeat(250_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
