import type { Element, ElementContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { Root } from "mdast";
import type { Math as DisplayMath, InlineMath } from "mdast-util-math";
import temml from "temml";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { ContentError } from "../content-error.ts";

/** `\label{eq:name}` in display math: the equation's id, for cross-references (`@eq:name`). */
const LABEL = /\\label\{([^}]*)\}/g;
const LABEL_FORM = /^eq:[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** A display equation's TeX without its label, and the label. */
export interface LabelledTex {
  tex: string;
  label: string | undefined;
}

/**
 * The HTML id of an equation label: `eq:energy` becomes `eq-energy` (a colon is not safe in ids,
 * CSS selectors and fragment links). Cross-references `@eq:energy` link to `#eq-energy`.
 */
export function equationId(label: string): string {
  return label.replace(/^eq:/, "eq-");
}

/** A display equation as the report numbers it. */
export interface EquationInfo {
  /** Its number, counted through the whole report in reading order. */
  number: number;
  /** Its label, e.g. `eq:energy` (id `eq-energy`, see {@link equationId}), when the author labelled it. */
  label: string | undefined;
  line: number | undefined;
}

/**
 * Takes the `\label{eq:name}` out of a display equation. A label of another form, or two labels,
 * is an error naming the equation's line.
 */
export function splitLabel(tex: string, where: { file: string; line: number | undefined }): LabelledTex {
  const labels = [...tex.matchAll(LABEL)].map((match) => match[1] ?? "");
  if (labels.length > 1) {
    throw new ContentError({
      ...where,
      problem: `the equation has ${labels.length} labels (${labels.map((label) => `\\label{${label}}`).join(", ")}).`,
      fix: "give each display equation one label at most.",
    });
  }
  const label = labels[0];
  if (label !== undefined && !LABEL_FORM.test(label)) {
    throw new ContentError({
      ...where,
      problem: `the equation label \\label{${label}} is not of the form eq:name.`,
      fix: `write \\label{eq:${label.replace(/^eq:/, "").replace(/[^A-Za-z0-9_-]+/g, "-") || "name"}}: "eq:", then letters, digits, - or _.`,
    });
  }
  return { tex: tex.replace(LABEL, "").trim(), label };
}

/** Numbers the display equations of a section, continuing from `first`, and checks their labels. */
export function numberEquations(tree: Root, file: string, first: number): EquationInfo[] {
  const equations: EquationInfo[] = [];
  visit(tree, "math", (node: DisplayMath) => {
    const line = node.position?.start.line;
    const { label } = splitLabel(node.value, { file, line });
    equations.push({ number: first + equations.length, label, line });
  });
  return equations;
}

/** Inline styles the site's CSP would refuse; temml writes them only for these constructs. */
function refuseStyles(element: Element, where: { file: string; line: number | undefined }, tex: string): void {
  visit(element, "element", (node: Element) => {
    const style = node.properties["style"];
    if (typeof style !== "string") return;
    if (/color|background|border/.test(style)) {
      throw new ContentError({
        ...where,
        problem: `the math "${tex}" uses colour or boxes (\\color, \\colorbox, \\fbox ...), which the site cannot show: its security policy refuses inline styles.`,
        fix: "remove the colour command; to stress a term, say so in the text.",
      });
    }
    delete node.properties["style"];
  });
}

/** Renders TeX to a MathML `<math>` element at build time, or fails naming the file and line. */
export function renderMath(
  tex: string,
  displayMode: boolean,
  where: { file: string; line: number | undefined },
): Element {
  let markup: string;
  try {
    markup = temml.renderToString(tex, { displayMode, throwOnError: true, annotate: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Temml parse error:\s*/, "") : String(error);
    throw new ContentError({
      ...where,
      problem: `the math "${displayMode ? "$$" : "$"}${tex}${displayMode ? "$$" : "$"}" cannot be read: ${reason}`,
      fix: "correct the LaTeX (temml supports the commands KaTeX does); write a plain dollar sign as \\$.",
    });
  }
  const math = fromHtml(markup, { fragment: true }).children.find(
    (node): node is Element => node.type === "element" && node.tagName === "math",
  );
  if (!math) throw new Error(`temml gave no <math> element for ${tex}`);
  refuseStyles(math, where, tex);
  return math;
}

function setElement(node: InlineMath | DisplayMath, element: Element): void {
  node.data = {
    ...node.data,
    hName: element.tagName,
    hProperties: element.properties,
    hChildren: element.children as ElementContent[],
  };
}

/** Options of {@link remarkMathml}. */
export interface MathOptions {
  /** The numbers and labels of a file's display equations, in order; unnumbered without it. */
  equationsOf?: (file: VFile) => readonly EquationInfo[] | undefined;
}

/**
 * Renders `$...$` and `$$...$$` (parsed by remark-math) to MathML at build time: no script, no
 * font download, read by screen readers, printed by the browser. Display equations are numbered,
 * and carry their `\label{eq:name}` as id.
 */
export function remarkMathml({ equationsOf }: MathOptions = {}) {
  return (tree: Root, file: VFile) => {
    const equations = equationsOf?.(file);
    let index = 0;
    visit(tree, (node) => {
      if (node.type !== "math" && node.type !== "inlineMath") return;
      const math = node as InlineMath | DisplayMath;
      const where = { file: file.path, line: math.position?.start.line };
      if (math.type === "inlineMath") {
        setElement(math, renderMath(math.value, false, where));
        return;
      }
      const { tex, label } = splitLabel(math.value, where);
      const equation = equations?.[index] ?? { number: index + 1, label, line: where.line };
      index += 1;
      const rendered = renderMath(tex, true, where);
      setElement(math, {
        type: "element",
        tagName: "div",
        properties: { className: ["equation"], ...(label ? { id: equationId(label) } : {}) },
        children: [
          {
            // A wide equation scrolls in its own box on a phone, and the box takes keyboard focus.
            type: "element",
            tagName: "div",
            properties: { className: ["equation-body"], tabIndex: 0 },
            children: [rendered],
          },
          {
            type: "element",
            tagName: "span",
            properties: { className: ["equation-number"] },
            children: [{ type: "text", value: `(${equation.number})` }],
          },
        ],
      });
    });
  };
}
