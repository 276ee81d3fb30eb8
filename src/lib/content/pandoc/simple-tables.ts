/**
 * Pandoc's simple tables: a header line, a line of dash groups under it (one group a column), rows
 * of one line each, ended by a blank line or a line of dashes. CommonMark reads the dashes under a
 * line as a setext heading, so the header and rows became headings; here the block is found in
 * the text as written and read as Pandoc reads it: each row cut at the columns' starts, and each
 * column aligned by where its header sits over its dashes.
 */

import type { AlignType, PhrasingContent, Table, TableRow } from "mdast";

/** A simple table's lines in the file (0-based indices, inclusive). */
export interface SimpleTableBlock {
  /** The header line. */
  start: number;
  /** The last line: a row, or the closing line of dashes. */
  end: number;
}

/** A line of two or more groups of dashes, as under a simple table's header (`-----  ----`). */
const DASH_GROUPS = /^ {0,3}-{2,}(?: +-{2,})+ *$/;

const isBlank = (line: string | undefined) => line === undefined || line.trim() === "";

/**
 * The simple tables of a text: a non-blank line after a blank one (or the file's start), then a
 * line of dash groups, then at least one row, up to a blank line. Lines `isVerbatim` says are code or
 * math are never part of one.
 */
export function findSimpleTables(lines: readonly string[], isVerbatim: (index: number) => boolean): SimpleTableBlock[] {
  const found: SimpleTableBlock[] = [];
  for (let index = 1; index < lines.length; index++) {
    const header = index - 1;
    if (!DASH_GROUPS.test(lines[index] ?? "") || isVerbatim(index) || isVerbatim(header)) continue;
    if (isBlank(lines[header]) || !isBlank(lines[header - 1]) || DASH_GROUPS.test(lines[header] ?? "")) continue;
    let end = index;
    while (!isBlank(lines[end + 1]) && !isVerbatim(end + 1)) end += 1;
    if (end === index) continue;
    // A closing line of dashes directly under the separator is no row: nothing was written between.
    if (end === index + 1 && DASH_GROUPS.test(lines[end] ?? "")) continue;
    found.push({ start: header, end });
    index = end;
  }
  return found;
}

/** The tables Pandoc reads that the site does not. */
export type UnreadTable = "grid" | "multiline" | "headerless";

/** A grid table's border (`+----+:---:+`, `+====+`). */
const GRID_BORDER = /^ {0,3}\+(?:[-=:]+\+)+ *$/;
/** A multiline table's opening line: dashes alone, under no header. */
const FULL_DASHES = /^ {0,3}-{3,} *$/;

/**
 * The first lines of Pandoc's grid tables (`+---+---+` over `| a | b |`), multiline tables (a
 * line of dashes, a header, a line of dash groups) and headerless simple tables in a text, which
 * the site does not read:
 * CommonMark would show their borders as text or make headings of their rows.
 */
export function findUnreadTables(
  lines: readonly string[],
  isVerbatim: (index: number) => boolean,
): { line: number; kind: UnreadTable }[] {
  const found: { line: number; kind: UnreadTable }[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (isVerbatim(index) || !isBlank(lines[index - 1])) continue;
    const line = lines[index] ?? "";
    if (GRID_BORDER.test(line) && /^ {0,3}[|+]/.test(lines[index + 1] ?? "")) {
      found.push({ line: index, kind: "grid" });
      continue;
    }
    // A headerless simple table: dash groups over its rows, closed by dash groups before a blank line.
    if (DASH_GROUPS.test(line) && !isBlank(lines[index + 1])) {
      let end = index + 1;
      while (!isBlank(lines[end + 1])) end += 1;
      if (end > index + 1 && DASH_GROUPS.test(lines[end] ?? "")) found.push({ line: index, kind: "headerless" });
      continue;
    }
    if (!FULL_DASHES.test(line) || isBlank(lines[index + 1])) continue;
    // A header of one or more lines, then the dash groups (before any blank line).
    for (let next = index + 2; next < lines.length && !isBlank(lines[next]); next++) {
      if (DASH_GROUPS.test(lines[next] ?? "")) {
        found.push({ line: index, kind: "multiline" });
        break;
      }
    }
  }
  return found;
}

/** The columns a line of dash groups sets: where each starts, and where its dashes end. */
function columnsOf(dashes: string): { start: number; dashEnd: number }[] {
  return [...dashes.matchAll(/-+/g)].map((match) => ({ start: match.index, dashEnd: match.index + match[0].length }));
}

/** Pandoc's alignment of a column from its header: flush left, flush right, centred, or default. */
function alignmentOf(header: string, column: { start: number; dashEnd: number }, next: number | undefined): AlignType {
  const cell = header.slice(column.start, next ?? header.length);
  if (cell.trim() === "") return null;
  const spaceLeft = /^\s/.test(cell);
  const spaceRight = column.start + cell.trimEnd().length < column.dashEnd;
  if (spaceLeft && spaceRight) return "center";
  if (spaceLeft) return "right";
  if (spaceRight) return "left";
  return null;
}

/** A line cut at the columns' starts (the last column runs to the line's end), each cell trimmed. */
function cells(line: string, starts: readonly number[]): string[] {
  return starts.map((start, column) => line.slice(start, starts[column + 1] ?? line.length).trim());
}

/**
 * The table a simple table's lines (header, dashes, rows, an optional closing line of dashes) make,
 * each cell read as inline Markdown by `inline`, which is given the cell's text and its line
 * offset within the block.
 */
export function readSimpleTable(
  lines: readonly string[],
  inline: (markdown: string, lineInBlock: number) => PhrasingContent[],
): Table {
  const [header = "", dashes = ""] = lines;
  const rows = lines.slice(2);
  if (rows.length > 0 && DASH_GROUPS.test(rows.at(-1) ?? "")) rows.pop();
  const columns = columnsOf(dashes);
  const starts = columns.map((column) => column.start);
  const row = (line: string, lineInBlock: number): TableRow => ({
    type: "tableRow",
    children: cells(line, starts).map((text) => ({
      type: "tableCell",
      children: text === "" ? [] : inline(text, lineInBlock),
    })),
  });
  return {
    type: "table",
    align: columns.map((column, index) => alignmentOf(header, column, columns[index + 1]?.start)),
    children: [row(header, 0), ...rows.map((line, index) => row(line, index + 2))],
  };
}
