/**
 * LaTeX's repeated columns in an array's column specification, `*{n}{spec}` (or `*4{c}`, the count
 * a single digit), written out as temml reads them: `{*4{c}}` is `{cccc}`. temml (like KaTeX and
 * Pandoc's texmath) refuses the star, although LaTeX and amsmath read it in every array.
 */

import { braceEnd } from "../content/tex-braces.ts";

/** The largest count written out: LaTeX has no limit, but a real array has no thousand columns. */
const MAX_REPEAT = 100;

/** A column specification with every `*{n}{spec}` written out; anything it cannot read is kept. */
export function expandColumnSpec(spec: string): string {
  let out = "";
  let index = 0;
  while (index < spec.length) {
    const char = spec[index] ?? "";
    if (char === "\\") {
      out += spec.slice(index, index + 2);
      index += 2;
      continue;
    }
    if (char === "{") {
      const end = braceEnd(spec, index);
      if (end === -1) return out + spec.slice(index);
      out += spec.slice(index, end);
      index = end;
      continue;
    }
    if (char !== "*") {
      out += char;
      index += 1;
      continue;
    }
    // The count: a brace group of digits, or one digit.
    let count: number | undefined;
    let after = index + 1;
    while (/\s/.test(spec[after] ?? "")) after += 1;
    if (spec[after] === "{") {
      const end = braceEnd(spec, after);
      const digits = end === -1 ? undefined : /^\s*(\d+)\s*$/.exec(spec.slice(after + 1, end - 1))?.[1];
      if (digits !== undefined) {
        count = Number(digits);
        after = end;
      }
    } else if (/\d/.test(spec[after] ?? "")) {
      count = Number(spec[after]);
      after += 1;
    }
    while (/\s/.test(spec[after] ?? "")) after += 1;
    const end = spec[after] === "{" ? braceEnd(spec, after) : -1;
    if (count === undefined || count > MAX_REPEAT || end === -1) {
      // Not a repeat LaTeX reads either: left to temml, whose error names it.
      out += char;
      index += 1;
      continue;
    }
    out += expandColumnSpec(spec.slice(after + 1, end - 1)).repeat(count);
    index = end;
  }
  return out;
}

/** TeX with the column specification of every array (`\begin{array}[pos]{spec}`) written out. */
export function expandColumnRepeats(tex: string): string {
  if (!tex.includes("*")) return tex;
  const begin = /\\begin\s*\{(?:array|darray|subarray)\}\s*(?:\[[^\]]*\]\s*)?/g;
  let out = "";
  let last = 0;
  for (let match = begin.exec(tex); match !== null; match = begin.exec(tex)) {
    const start = match.index + match[0].length;
    if (tex[start] !== "{") continue;
    const end = braceEnd(tex, start);
    if (end === -1) break;
    out += `${tex.slice(last, start)}{${expandColumnSpec(tex.slice(start + 1, end - 1))}}`;
    last = end;
    begin.lastIndex = end;
  }
  return out + tex.slice(last);
}
