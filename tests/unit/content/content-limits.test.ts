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
