import { markdownTable } from "markdown-table";

/** A cell of a table: numbers are right-aligned, text left-aligned. */
export type Cell = string | number;

/**
 * Formats rows under a header as a Markdown table (markdown-table), columns padded to their widest
 * cell, so that what the bench prints reads well in a terminal and pastes into Markdown as it is.
 * A column whose cells are all numbers is right-aligned.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const align = header.map((_, column) =>
    rows.length > 0 && rows.every((row) => typeof row[column] === "number") ? "r" : "l",
  );
  return markdownTable([[...header], ...rows.map((row) => header.map((_, column) => String(row[column] ?? "")))], {
    align,
  });
}

/** Milliseconds as seconds with two decimals, e.g. `4.27 s`. */
export function seconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "-";
}

/** Bytes as MiB with no decimals, e.g. `412 MiB`; `-` when unknown. */
export function mebibytes(bytes: number | null): string {
  return bytes === null || !Number.isFinite(bytes) ? "-" : `${Math.round(bytes / 2 ** 20)} MiB`;
}
