import type { Root } from "mdast";
import type { Math as DisplayMath } from "mdast-util-math";
import { visit } from "unist-util-visit";
import { ContentError } from "../content/content-error.ts";

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
  /**
   * Its number, counted through the whole report in reading order; only a labelled equation has one,
   * as in LaTeX, Quarto and pandoc-crossref, so that "Equation 4" in the text is the fourth labelled one.
   */
  number: number | undefined;
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

/**
 * The display equations of a section in order, the labelled ones numbered from `first` on, and
 * checks their labels.
 */
export function numberEquations(tree: Root, file: string, first: number): EquationInfo[] {
  const equations: EquationInfo[] = [];
  let next = first;
  visit(tree, "math", (node: DisplayMath) => {
    const line = node.position?.start.line;
    const { label } = splitLabel(node.value, { file, line });
    equations.push({ number: label === undefined ? undefined : next++, label, line });
  });
  return equations;
}

/** How many of these equations carry a number. */
export function numberedCount(equations: readonly EquationInfo[]): number {
  return equations.filter((equation) => equation.number !== undefined).length;
}
