import { markdownTable } from "markdown-table";
import type { BudgetCheck } from "./budgets.ts";

/** One row of the guide's figures table: what was measured, the figure, and its budget's verdict. */
export interface FigureRow {
  measure: string;
  figure: string;
  /** "–" for a measure without a budget. */
  budget: string;
}

/** The guide's section that quotes the figures of the last full run (MDX, so the markers are MDX comments). */
export const FIGURES_FILE = "guide/sections/benchmarks.mdx";

/** Where the bench writes its figures into {@link FIGURES_FILE}, between these two lines. */
export const FIGURES_START = "{/* bench:figures (written by npm run bench; do not edit by hand) */}";
export const FIGURES_END = "{/* /bench:figures */}";

/** A count with thousands separators, as the guide writes them: `11,019`. */
export function thousands(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** A budget's verdict for the guide: `pass (≤ 5 s)`, `**missed** (≤ 25%)` or `not measured` (the figure says why). */
export function budgetCell(check: BudgetCheck | undefined): string {
  if (!check) return "–";
  // "<= 10000 B gzip" reads "≤ 10,000 B gzip", as the guide writes numbers.
  const limit = check.limit.replace(/^<=\s*/, "≤ ").replace(/\d{4,}/g, (digits) => thousands(Number(digits)));
  if (check.status === "pass") return `pass (${limit})`;
  if (check.status === "FAIL") return `**missed** (${limit})`;
  return "not measured";
}

/** The figures table in Markdown, as the guide shows it. */
export function figuresTable(rows: readonly FigureRow[]): string {
  return markdownTable([["measure", "figure", "budget"], ...rows.map((row) => [row.measure, row.figure, row.budget])]);
}

/** The guide's figures block: when and where it was measured, then the table. */
export function figuresBlock(heading: string, rows: readonly FigureRow[]): string {
  return `${heading}\n\n${figuresTable(rows)}`;
}

/**
 * The text of {@link FIGURES_FILE} with its figures block replaced by `block`; throws when it lacks
 * the two marker lines, so a full run never silently leaves old figures in place.
 */
export function replaceFigures(text: string, block: string): string {
  const start = text.indexOf(FIGURES_START);
  const end = text.indexOf(FIGURES_END);
  if (start < 0 || end < start) {
    throw new Error(`${FIGURES_FILE} has no figures block: add the lines "${FIGURES_START}" and "${FIGURES_END}".`);
  }
  return `${text.slice(0, start + FIGURES_START.length)}\n${block}\n${text.slice(end)}`;
}

/** The figures block the text holds now, or undefined without one. */
export function quotedFigures(text: string): string | undefined {
  const start = text.indexOf(FIGURES_START);
  const end = text.indexOf(FIGURES_END);
  if (start < 0 || end < start) return undefined;
  return text.slice(start + FIGURES_START.length, end).trim();
}
