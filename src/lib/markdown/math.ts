import type { Element, ElementContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { Root } from "mdast";
import type { Math as DisplayMath, InlineMath } from "mdast-util-math";
import temml from "temml";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { ContentError } from "../content/content-error.ts";
import { isInlineDisplayMath } from "../content/pandoc/inline-display-math.ts";
import { type EquationInfo, equationId, splitLabel } from "../report/equations.ts";
import { expandColumnRepeats } from "./tex-columns.ts";

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
    // The tight cells of aligned and align (their columns meet at the "="): a class the stylesheet styles.
    if (/^padding-left:\s*0(?:em)?;\s*padding-right:\s*0(?:em)?;?$/.test(style.trim())) {
      const classes = Array.isArray(node.properties["className"]) ? node.properties["className"] : [];
      node.properties["className"] = [...classes, "tml-tight"];
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
    markup = temml.renderToString(expandColumnRepeats(tex), { displayMode, throwOnError: true, annotate: true });
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

/** Elements whose children after the first are scripts (set at about 70% of the base's size). */
const SCRIPTED = new Set(["msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts"]);

/**
 * About how many ems wide a formula is set: its characters, an operator with its spaces, scripts
 * and an inline fraction's parts smaller. An estimate (only the browser knows the width), tuned
 * to err wide: it decides which inline formulas may need to scroll on a phone.
 */
export function estimatedWidthEm(node: ElementContent | Element, scale = 1): number {
  if (node.type === "text") return 0;
  if (node.type !== "element") return 0;
  const text = (child: ElementContent) => (child.type === "text" ? child.value.trim().length : 0);
  if (["mi", "mn", "mtext"].includes(node.tagName))
    return node.children.reduce((sum, child) => sum + text(child), 0) * 0.6 * scale;
  if (node.tagName === "mo") return (0.5 + node.children.reduce((sum, child) => sum + text(child), 0) * 0.5) * scale;
  if (node.tagName === "annotation" || node.tagName === "annotation-xml") return 0;
  if (node.tagName === "mfrac")
    return Math.max(0, ...node.children.map((child) => estimatedWidthEm(child, scale * 0.7)));
  return node.children.reduce(
    (sum, child, index) => sum + estimatedWidthEm(child, SCRIPTED.has(node.tagName) && index > 0 ? scale * 0.7 : scale),
    0,
  );
}

/**
 * The widest inline formula, in ems, that always fits a 320 px phone's column (288 px of text at
 * the math's 1.05 × 17 px): a wider one may scroll in its box, so it takes keyboard focus.
 */
export const INLINE_MATH_FITS_EM = 12;

/** Options of {@link remarkMathml}. */
export interface MathOptions {
  /** The numbers and labels of a file's display equations, in order; unnumbered without it. */
  equationsOf?: (file: VFile) => readonly EquationInfo[] | undefined;
}

/**
 * Renders `$...$` and `$$...$$` (parsed by remark-math) to MathML at build time: no script, no
 * font download, read by screen readers, printed by the browser. A display equation labelled with
 * `\label{eq:name}` is numbered and carries the label as id; the others are not numbered.
 */
export function remarkMathml({ equationsOf }: MathOptions = {}) {
  return (tree: Root, file: VFile) => {
    const equations = equationsOf?.(file);
    let index = 0;
    let labelled = 0;
    visit(tree, (node) => {
      if (node.type !== "math" && node.type !== "inlineMath") return;
      const math = node as InlineMath | DisplayMath;
      const where = { file: file.path, line: math.position?.start.line };
      if (math.type === "inlineMath") {
        // `$$...$$` inside a paragraph of a .md file is display math, set apart but not numbered (as Pandoc does).
        const rendered = renderMath(math.value, isInlineDisplayMath(math), where);
        // A formula that may scroll in its box (rich-text.css) takes focus, so a keyboard can scroll it.
        if (estimatedWidthEm(rendered) > INLINE_MATH_FITS_EM) rendered.properties["tabIndex"] = 0;
        setElement(math, rendered);
        return;
      }
      const { tex, label } = splitLabel(math.value, where);
      // A file the analysis does not number (a page) numbers its labelled equations itself.
      if (label !== undefined) labelled += 1;
      const equation = equations?.[index] ?? {
        number: label === undefined ? undefined : labelled,
        label,
        line: where.line,
      };
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
          // Only a labelled equation is numbered, as in LaTeX, Quarto and pandoc-crossref.
          ...(equation.number === undefined
            ? []
            : [
                {
                  type: "element" as const,
                  tagName: "span",
                  properties: { className: ["equation-number"] },
                  children: [{ type: "text" as const, value: `(${equation.number})` }],
                },
              ]),
        ],
      });
    });
  };
}
