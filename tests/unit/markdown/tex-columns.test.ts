import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { renderMath } from "../../../src/lib/markdown/math.ts";
import { expandColumnRepeats, expandColumnSpec } from "../../../src/lib/markdown/tex-columns.ts";

const where = { file: "sections/methods.md", line: 3 };

describe("expandColumnSpec", () => {
  test("writes out *{n}{spec} and *n{spec} as LaTeX reads them, nested too", () => {
    expect(expandColumnSpec("*4{c}")).toBe("cccc");
    expect(expandColumnSpec("*{3}{c}")).toBe("ccc");
    expect(expandColumnSpec("l|*{2}{r|}c")).toBe("l|r|r|c");
    expect(expandColumnSpec("*{2}{l*{2}{c}}")).toBe("lcclcc");
    expect(expandColumnSpec("@{}*{2}{p{2cm}}@{}")).toBe("@{}p{2cm}p{2cm}@{}");
  });

  test("keeps what is no repeat for temml to name: a star without a count or a group", () => {
    expect(expandColumnSpec("c*")).toBe("c*");
    expect(expandColumnSpec("*{x}{c}")).toBe("*{x}{c}");
    expect(expandColumnSpec("*{1000}{c}")).toBe("*{1000}{c}");
  });

  test("a repeat is its columns written out, whatever the columns and counts", () => {
    const column = fc.constantFrom("c", "l", "r", "|", "p{1cm}", "@{}");
    const part = fc.oneof(
      column.map((spec) => ({ written: spec, expanded: spec })),
      fc.tuple(fc.integer({ min: 1, max: 12 }), fc.array(column, { minLength: 1, maxLength: 3 })).map(([n, cols]) => ({
        written: `*{${n}}{${cols.join("")}}`,
        expanded: cols.join("").repeat(n),
      })),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 5 }), (parts) => {
        expect(expandColumnSpec(parts.map((p) => p.written).join(""))).toBe(parts.map((p) => p.expanded).join(""));
      }),
    );
  });
});

describe("expandColumnRepeats", () => {
  test("touches only the column specification of an array", () => {
    expect(expandColumnRepeats("a^* \\begin{array}[t]{*3{c}} 1 & 2 & 3 \\end{array} b^*")).toBe(
      "a^* \\begin{array}[t]{ccc} 1 & 2 & 3 \\end{array} b^*",
    );
    expect(expandColumnRepeats("x^* + y^*")).toBe("x^* + y^*");
  });

  test("Viejo, Girard & Khamassi (2016)'s covariance matrix renders as its four columns written out would", () => {
    const rows = "cov \\times \\eta & 0 & \\ldots & 0 \\\\ 0 & cov \\times \\eta & \\ldots & \\vdots";
    const withoutAnnotation = (tex: string) =>
      JSON.stringify(renderMath(tex, false, where)).replace(/"annotation"[\s\S]*$/, "");
    expect(withoutAnnotation(`\\Sigma = \\left(\\begin{array}{*4{c}} ${rows} \\end{array}\\right)`)).toBe(
      withoutAnnotation(`\\Sigma = \\left(\\begin{array}{cccc} ${rows} \\end{array}\\right)`),
    );
  });
});
