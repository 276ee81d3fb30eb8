/**
 * The Pandoc constructs CommonMark's block parser cannot see, made visible to it without moving
 * a character: a fenced div's fence line (`::: {.callout-note}`, `:::`) becomes a thematic break
 * (`***` and spaces), and the label after a display equation's closing `$$` (`$$ {#eq-x}`,
 * MyST's `$$ (x)`) becomes spaces, and a fancy list marker (`a.`, `(iv)`) a decimal one of its width. What was written is kept here by line, and every offset and
 * line of the text stays the author's, so errors and citations point at the file as written.
 */

import { type FancyListItem, rewriteFancyLists } from "./fancy-lists.ts";
import { findSimpleTables, findUnreadTables, type UnreadTable } from "./simple-tables.ts";

/** A fenced div's fence line. */
export interface DivFence {
  line: number;
  /** Number of colons. */
  colons: number;
  /** What follows the colons on an opening fence (`{.callout-note}`, `warning`, `{note} Title`); "" on a closing one. */
  info: string;
}

/** What {@link markPandocSource} found, by line (1-based). */
export interface PandocSourceMarks {
  fences: Map<number, DivFence>;
  /** Equation labels written after a closing `$$`, as written (`eq-x`, `eq:x`, or a MyST name). */
  equationLabels: Map<number, string>;
  /** Lines where display math opens with TeX on the `$$` line and closes on a later line. */
  mathOpenedWithText: number[];
  /** Raw LaTeX environments written in the text (`\begin{algorithm}` … `\end{algorithm}`), by their first line. */
  latexBlocks: Map<number, string>;
  /** Lines that open an item of Pandoc's example list (`(@)`, `(@label)`), which the site does not read. */
  exampleItems: number[];
  /** Items written with Pandoc's fancy list markers (`a.`, `(iv)`, `#.`), rewritten as decimal ones. */
  listItems: Map<number, FancyListItem>;
  /** Pandoc's simple tables, fenced as code (same widths) for the tree to read: first line to last line. */
  simpleTables: Map<number, number>;
  /** The first lines of Pandoc's grid, multiline and headerless tables, which the site does not read. */
  unreadTables: { line: number; kind: UnreadTable }[];
}

const CODE_FENCE = /^\s*(`{3,}|~{3,})/;
const DIV_FENCE = /^(\s*)(:{3,})(.*)$/;
const MATH_FENCE = /^\s*\$\$\s*$/;
/** `$$` closing a display equation, then `{#eq-x}` (Pandoc, Quarto) or `(x)` (MyST). */
const MATH_LABEL = /^(.*\$\$)(\s*(?:\{#([^\s{}]+)\}|\((\S+)\)))\s*$/;

/** A LaTeX environment the tree reads when it stands in the text on lines of its own. */
const LATEX_BEGIN = /^\s{0,3}\\begin\{(algorithm\*?|algorithmic)\}/;

/** A code fence as long as the line it replaces, so that every offset after it stays the author's. */
function fenceOfWidth(line: string): string {
  return `\`\`\`${" ".repeat(Math.max(0, line.length - 3))}`;
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, " ");
}

/** Reads the fences and equation labels of a Markdown text and returns the text CommonMark can parse. */
export function markPandocSource(source: string): { text: string; marks: PandocSourceMarks } {
  const marks: PandocSourceMarks = {
    fences: new Map(),
    equationLabels: new Map(),
    mathOpenedWithText: [],
    latexBlocks: new Map(),
    exampleItems: [],
    listItems: new Map(),
    simpleTables: new Map(),
    unreadTables: [],
  };
  const lines = source.split("\n");
  // Lines of code and math, where a list marker is text.
  const verbatim = new Set<number>();
  let codeFence: string | undefined;
  let inMath = false;
  lines.forEach((line, index) => {
    const number = index + 1;
    if (codeFence !== undefined) {
      verbatim.add(index);
      const close = CODE_FENCE.exec(line)?.[1];
      if (close && close[0] === codeFence[0] && close.length >= codeFence.length && line.trim() === close) {
        codeFence = undefined;
      }
      return;
    }
    // A raw LaTeX algorithm, as Pandoc's raw_tex reads it: fenced as code (same widths), read by the tree.
    const latex = inMath ? undefined : LATEX_BEGIN.exec(line)?.[1];
    if (latex !== undefined) {
      const end = lines.findIndex((later, at) => at > index && later.includes(`\\end{${latex}}`));
      if (end > index) {
        marks.latexBlocks.set(number, latex);
        lines[index] = fenceOfWidth(line);
        lines[end] = fenceOfWidth(lines[end] ?? "");
        codeFence = "```";
        verbatim.add(index);
        return;
      }
    }
    const open = CODE_FENCE.exec(line)?.[1];
    if (open && !inMath) {
      verbatim.add(index);
      codeFence = open;
      return;
    }
    if (MATH_FENCE.test(line)) {
      verbatim.add(index);
      inMath = !inMath;
      return;
    }
    const label = MATH_LABEL.exec(line);
    if (label && (inMath || /^\s*\$\$.*\S.*\$\$$/.test(label[1] ?? ""))) {
      inMath = false;
      marks.equationLabels.set(number, label[3] ?? label[4] ?? "");
      lines[index] = (label[1] ?? "") + blank(line.slice((label[1] ?? "").length));
      return;
    }
    if (inMath) {
      verbatim.add(index);
      return;
    }
    // `$$ x = 1` with its `$$` on a later line: CommonMark's math reads the first line as a label.
    if (/^\s*\$\$(?!.*\$\$)\s*\S/.test(line)) marks.mathOpenedWithText.push(number);
    if (/^\s{0,3}\(@[\w-]*\)\s+\S/.test(line)) marks.exampleItems.push(number);
    const fence = DIV_FENCE.exec(line);
    if (!fence) return;
    const indent = fence[1] ?? "";
    const colons = fence[2] ?? "";
    // Pandoc lets an opening fence end with colons too: `::: {.note} :::`.
    const info = (fence[3] ?? "").replace(/\s*:*\s*$/, "").trim();
    // A MyST role or a text that merely starts with colons is no fence: an info starts with a space, a { or a word.
    if (info !== "" && !/^\s|^\{/.test(fence[3] ?? "") && !/^[A-Za-z]/.test(fence[3] ?? "")) return;
    marks.fences.set(number, { line: number, colons: colons.length, info });
    lines[index] = indent + "*".repeat(colons.length) + blank(line.slice(indent.length + colons.length));
  });
  marks.unreadTables = findUnreadTables(lines, (index) => verbatim.has(index)).map(({ line, kind }) => ({
    line: line + 1,
    kind,
  }));
  // A simple table's header and rows would be setext headings to CommonMark: fenced as code, read by the tree.
  for (const table of findSimpleTables(lines, (index) => verbatim.has(index))) {
    marks.simpleTables.set(table.start + 1, table.end + 1);
    for (let index = table.start; index <= table.end; index++) verbatim.add(index);
    lines[table.start] = fenceOfWidth(lines[table.start] ?? "");
    lines[table.end] = fenceOfWidth(lines[table.end] ?? "");
  }
  marks.listItems = rewriteFancyLists(lines, (index) => verbatim.has(index));
  return { text: lines.join("\n"), marks };
}
