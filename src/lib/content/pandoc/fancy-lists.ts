/**
 * Pandoc's fancy list markers (`a.`, `B)`, `(iv)`, `#.`), which CommonMark does not know: each is
 * rewritten to a decimal marker of the same width (`1.`, `111)`), so the block parser makes the list
 * and every column and offset stays the author's, and the list's numbering style is kept by line.
 */

/** How a list numbers its items, as HTML's `<ol type>` writes it ("1" for decimal). */
export type ListStyle = "1" | "a" | "A" | "i" | "I";

/** A rewritten list item: its list's style and the item's own number. */
export interface FancyListItem {
  style: ListStyle;
  /** `#.` (Pandoc's default marker) has no number of its own: its list counts from 1. */
  value: number;
  /** True for `#.`, whose list Pandoc renders without a type, as a decimal list. */
  plain: boolean;
}

/** `(a)`, `a)`, `a.`: a marker, then the spaces before the item's text. */
const MARKER = /^(\s*)(\(([A-Za-z]+|\d{1,9}|#)\)|([A-Za-z]+|\d{1,9}|#)([.)]))(\s+)(?=\S)/;

const ROMAN: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** The value of a lower- or upper-case Roman numeral, or undefined when it is not one. */
export function romanValue(written: string): number | undefined {
  const lower = written.toLowerCase();
  if (!/^m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/.test(lower) || lower === "") return undefined;
  let total = 0;
  for (let index = 0; index < lower.length; index++) {
    const value = ROMAN[lower[index] ?? ""] ?? 0;
    const next = ROMAN[lower[index + 1] ?? ""] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** Reads a marker's text in a list of the given style (or, for a list's first item, any style Pandoc tries). */
function readMarker(
  text: string,
  style: ListStyle | undefined,
): { style: ListStyle; value: number; plain: boolean } | undefined {
  // Pandoc's `#` continues a list of any style.
  if (text === "#") return { style: style ?? "1", value: 1, plain: style === undefined };
  if (/^\d+$/.test(text))
    return style === undefined || style === "1" ? { style: "1", value: Number(text), plain: false } : undefined;
  const upper = text === text.toUpperCase();
  const letter = /^[A-Za-z]$/.test(text) ? text.toLowerCase().charCodeAt(0) - 96 : undefined;
  const roman = romanValue(text);
  // As Pandoc's parser: a first item i or I is Roman, any other single letter alphabetic; later items follow the first.
  const tryAlpha =
    style === undefined ? letter !== undefined && text.toLowerCase() !== "i" : style.toLowerCase() === "a";
  if (tryAlpha && letter !== undefined && (style === undefined || (style === "A") === upper)) {
    return { style: upper ? "A" : "a", value: letter, plain: false };
  }
  const tryRoman = style === undefined || style.toLowerCase() === "i";
  if (tryRoman && roman !== undefined && (style === undefined || (style === "I") === upper)) {
    return { style: upper ? "I" : "i", value: roman, plain: false };
  }
  return undefined;
}

/** One line's marker: a fancy one this module reads, or a decimal one CommonMark reads itself. */
interface LineMarker {
  indent: number;
  width: number;
  /** How it is written: `(x)`, `x)` or `x.`; Pandoc starts a new list when this changes. */
  enclosure: "()" | ")" | ".";
  item: FancyListItem;
  /** `1.` or `1)`: CommonMark's own. */
  native: boolean;
}

function lineMarker(line: string, style: ListStyle | undefined): LineMarker | undefined {
  const match = MARKER.exec(line);
  if (!match) return undefined;
  const inner = match[3] ?? match[4] ?? "";
  const enclosure = match[3] !== undefined ? "()" : match[5] === ")" ? ")" : ".";
  const read = readMarker(inner, style);
  if (!read) return undefined;
  // Pandoc: a capital letter (or I, V, X, L, C, D, M) with a period needs two spaces after it, so that "B. Russell" stays text.
  const capital = read.style === "A" || (read.style === "I" && [1, 5, 10, 50, 100, 500, 1000].includes(read.value));
  if (enclosure === "." && capital && !/^(?: \s|\t)/.test(match[6] ?? "")) return undefined;
  return {
    indent: (match[1] ?? "").length,
    width: (match[2] ?? "").length,
    enclosure,
    item: read,
    native: enclosure !== "()" && /^\d+$/.test(inner),
  };
}

/** A list still open at a marker's indentation. */
interface OpenList {
  style: ListStyle;
  enclosure: LineMarker["enclosure"];
  /** The delimiter its items are rewritten with, so CommonMark ends it where Pandoc does. */
  delimiter: "." | ")";
}

/**
 * Rewrites the fancy list markers of the given lines in place (lines inside code or math are passed
 * as `skip`), and returns each rewritten item by its 1-based line number. A list starts after a blank
 * line or inside another list, as in Pandoc (a marker inside a paragraph's text stays text). Where
 * Pandoc starts a new list (its style or enclosure changes) and CommonMark would not (the same `.` or
 * `)`), the new list's items take the other delimiter.
 */
export function rewriteFancyLists(lines: string[], skip: (index: number) => boolean): Map<number, FancyListItem> {
  const items = new Map<number, FancyListItem>();
  const open = new Map<number, OpenList>();
  let previousBlank = true;
  lines.forEach((line, index) => {
    if (skip(index)) {
      previousBlank = false;
      return;
    }
    if (line.trim() === "") {
      previousBlank = true;
      return;
    }
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    for (const column of open.keys()) if (column > indent) open.delete(column);
    const current = open.get(indent);
    const continued = current ? lineMarker(line, current.style) : undefined;
    const marker = continued && continued.enclosure === current?.enclosure ? continued : lineMarker(line, undefined);
    if (marker && (previousBlank || open.size > 0)) {
      const continuing = marker === continued && current !== undefined;
      const natural = marker.enclosure === "." ? "." : ")";
      const delimiter = continuing
        ? current.delimiter
        : current?.delimiter === natural
          ? natural === "."
            ? ")"
            : "."
          : natural;
      open.set(marker.indent, { style: marker.item.style, enclosure: marker.enclosure, delimiter });
      if (!marker.native) items.set(index + 1, marker.item);
      if (!marker.native || delimiter !== natural) {
        const digits = marker.native
          ? line.slice(marker.indent, marker.indent + marker.width - 1)
          : "1".repeat(Math.max(1, marker.width - 1));
        lines[index] =
          `${line.slice(0, marker.indent)}${digits}${delimiter}${line.slice(marker.indent + marker.width)}`;
      }
    } else if (previousBlank && indent === 0) {
      open.clear();
    }
    previousBlank = false;
  });
  return items;
}
