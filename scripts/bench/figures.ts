import { markdownTable } from "markdown-table";
import type { BudgetCheck } from "./budgets.ts";

/** One row of the README's figures table: what was measured, the figure, and its budget's verdict. */
export interface FigureRow {
  measure: string;
  figure: string;
  /** "–" for a measure without a budget. */
  budget: string;
}

/** Where the bench writes its figures into the README, between these two lines. */
export const README_START = "<!-- bench:figures (written by npm run bench; do not edit by hand) -->";
export const README_END = "<!-- /bench:figures -->";

/** A count with thousands separators, as the README writes them: `11,019`. */
export function thousands(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** A budget's verdict for the README: `pass (≤ 5 s)`, `**missed** (≤ 25%)` or `not measured` (the figure says why). */
export function budgetCell(check: BudgetCheck | undefined): string {
  if (!check) return "–";
  // "<= 10000 B gzip" reads "≤ 10,000 B gzip", as the README writes numbers.
  const limit = check.limit.replace(/^<=\s*/, "≤ ").replace(/\d{4,}/g, (digits) => thousands(Number(digits)));
  if (check.status === "pass") return `pass (${limit})`;
  if (check.status === "FAIL") return `**missed** (${limit})`;
  return "not measured";
}

/** The figures table in Markdown, as the README shows it. */
export function figuresTable(rows: readonly FigureRow[]): string {
  return markdownTable([["measure", "figure", "budget"], ...rows.map((row) => [row.measure, row.figure, row.budget])]);
}

/** The README's figures block: when and where it was measured, then the table. */
export function figuresBlock(heading: string, rows: readonly FigureRow[]): string {
  return `${heading}\n\n${figuresTable(rows)}`;
}

/**
 * The README with its figures block replaced by `block`; throws when the README lacks the two
 * marker lines, so a full run never silently leaves old figures in place.
 */
export function replaceReadmeFigures(readme: string, block: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no figures block: add the lines "${README_START}" and "${README_END}".`);
  }
  return `${readme.slice(0, start + README_START.length)}\n${block}\n${readme.slice(end)}`;
}

/** The figures block the README holds now, or undefined without one. */
export function readmeFigures(readme: string): string | undefined {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + README_START.length, end).trim();
}
