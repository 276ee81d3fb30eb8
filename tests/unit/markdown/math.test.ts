import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { estimatedWidthEm, remarkMathml, renderMath } from "../../../src/lib/markdown/math.ts";
import { renderError, renderHtml } from "./processor.ts";

const mathml = { remark: [remarkMathml] };

describe("remarkMathml", () => {
  test("inline math becomes MathML with its TeX as annotation, and no dollar sign is left", async () => {
    const html = await renderHtml("The mean of $n$ values is $\\frac{1}{n}$.\n", mathml);
    expect(html).toMatch(/^<p>The mean of <math><semantics><mi>n<\/mi>/);
    expect(html).toContain("<mfrac>");
    expect(html).toContain('<annotation encoding="application/x-tex">\\frac{1}{n}</annotation>');
    expect(html).not.toContain("$");
  });

  test("labelled display equations are numbered in order, the others not; a label becomes the id", async () => {
    const html = await renderHtml(
      "$$\ns^2 = x \\label{eq:variance}\n$$\n\n$$\ny = 2\n$$\n\n$$\nz = 3 \\label{eq:z}\n$$\n",
      mathml,
    );
    expect(html).toContain(
      '<div class="equation" id="eq-variance"><div class="equation-body" tabindex="0"><math display="block" class="tml-display">',
    );
    expect(html).not.toContain("\\label");
    expect([...html.matchAll(/<span class="equation-number">\((\d+)\)<\/span>/g)].map((match) => match[1])).toEqual([
      "1",
      "2",
    ]);
    expect(html.match(/<div class="equation"/g)).toHaveLength(3);
    expect(html).toContain('<div class="equation" id="eq-z">');
  });

  test("the numbers given by equationsOf are used, so numbering runs through the whole report", async () => {
    const html = await renderHtml("$$\nx \\label{eq:later}\n$$\n", {
      remark: [[remarkMathml, { equationsOf: () => [{ number: 7, label: "eq:later", line: 1 }] }]],
    });
    expect(html).toContain('<span class="equation-number">(7)</span>');
  });

  test("TeX that cannot be read stops the build with the file, the line and the formula", async () => {
    const error = await renderError("Text.\n\nMore $\\frac{a}{b$ here.\n", {
      ...mathml,
      path: "/tmp/pages/example.md",
    });
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem.file).toBe("/tmp/pages/example.md");
    expect((error as ContentError).problem.line).toBe(3);
    expect(error.message).toMatch(/the math "\$\\frac\{a\}\{b\$" cannot be read/);
  });

  test("colour commands are refused: the CSP would drop their inline styles", async () => {
    expect((await renderError("$\\color{red}{x}$\n", mathml)).message).toMatch(/uses colour or boxes/);
  });

  test("a label not of the form eq:name stops the build", async () => {
    expect((await renderError("$$\nx \\label{energy}\n$$\n", mathml)).message).toMatch(/is not of the form eq:name/);
  });
});

describe("inline formulas wider than a phone", () => {
  test("a formula that may not fit 320 px takes keyboard focus (it may scroll in its box); a short one does not", async () => {
    const html = await renderHtml(
      "Short $x + y$; long $VPI(s_t, a_1) = (Q(s_t, a_2)^H - Q(s_t, a_1)^H) P(Q(s_t, a_2)^H < Q(s_t, a_1)^H)$.\n",
      { remark: [remarkMathml] },
    );
    const maths = [...html.matchAll(/<math[^>]*>/g)].map((match) => match[0]);
    expect(maths).toHaveLength(2);
    expect(maths[0]).not.toContain("tabindex");
    expect(maths[1]).toContain('tabindex="0"');
  });

  test("the width estimate grows with the formula: a letter is 0.6 em", () => {
    const widths = ["x", "x + y", "x + y + z_1", "\\sum_{i=1}^{n} x_i + y_i + z_i + w_i"].map((tex) =>
      estimatedWidthEm(renderMath(tex, false, { file: "x.md", line: 1 })),
    );
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
    expect(widths[0]).toBeCloseTo(0.6);
  });
});
