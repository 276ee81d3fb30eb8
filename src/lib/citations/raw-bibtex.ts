/** BibTeX as written: entries and their fields with raw values and lines, for checks that need the text itself. */
import { location } from "vfile-location";
import { braceEnd } from "../content/tex-braces.ts";

/** One field of an entry as written in the file: its name, raw value (braces and backslashes kept) and line. */
export interface RawField {
  name: string;
  value: string;
  line: number;
}

/** One entry as written in the file. */
export interface RawEntry {
  type: string;
  key: string;
  line: number;
  fields: RawField[];
}

/** The entries of a BibTeX/BibLaTeX file with their fields as written; what cannot be read is skipped (the reader reports it). */
export function rawEntries(source: string): RawEntry[] {
  const place = location(source);
  const lineAt = (offset: number) => place.toPoint(offset)?.line ?? 1;
  const entries: RawEntry[] = [];
  for (const match of source.matchAll(/^[ \t]*@(\w+)\s*\{\s*([^,\s{}]+)\s*,/gm)) {
    const type = (match[1] ?? "").toLowerCase();
    if (type === "comment" || type === "string" || type === "preamble") continue;
    const open = match.index + match[0].indexOf("{");
    const end = braceEnd(source, open);
    if (end === -1) continue;
    const entry: RawEntry = {
      type,
      key: match[2] ?? "",
      line: lineAt(match.index + match[0].indexOf("@")),
      fields: [],
    };
    let at = match.index + match[0].length;
    const field = /\s*([\w.:-]+)\s*=\s*/y;
    while (at < end - 1) {
      field.lastIndex = at;
      const head = field.exec(source);
      if (!head) break;
      const start = head.index + head[0].length;
      let stop = start;
      // A value is {…}, "…" or a bare word (number or @string name), joined by # into one.
      for (;;) {
        const char = source[stop];
        if (char === "{") stop = braceEnd(source, stop);
        else if (char === '"') {
          let index = stop + 1;
          let depth = 0;
          for (; index < end; index += 1) {
            const inner = source[index];
            if (inner === "\\") index += 1;
            else if (inner === "{") depth += 1;
            else if (inner === "}") depth -= 1;
            else if (inner === '"' && depth === 0) break;
          }
          stop = index + 1;
        } else stop = (/^[^,#}\s]*/.exec(source.slice(stop))?.[0].length ?? 0) + stop;
        if (stop <= 0) break;
        const joined = /^\s*#\s*/.exec(source.slice(stop));
        if (!joined) break;
        stop += joined[0].length;
      }
      if (stop <= start) break;
      entry.fields.push({
        name: (head[1] ?? "").toLowerCase(),
        value: source.slice(start, stop).trim(),
        line: lineAt(start),
      });
      const comma = /^\s*,?/.exec(source.slice(stop));
      at = stop + (comma?.[0].length ?? 0);
    }
    entries.push(entry);
  }
  return entries;
}

/** The value without its outer braces or quotes. */
export function unwrapped(value: string): string {
  if ((value.startsWith("{") && value.endsWith("}")) || (value.startsWith('"') && value.endsWith('"')))
    return value.slice(1, -1);
  return value;
}

/** Whether a raw value is one braced group, `{{...}}` or `"{...}"`: BibTeX then keeps its case as written. */
export function isBracedWhole(value: string): boolean {
  const inner = unwrapped(value).trim();
  return inner.startsWith("{") && braceEnd(inner, 0) === inner.length;
}
