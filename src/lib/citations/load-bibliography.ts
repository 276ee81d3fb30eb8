import fs from "node:fs";
import path from "node:path";
import { ContentError } from "../content-error.ts";
import { Cite, type CslItem } from "./citation-js.ts";

/** The report's bibliography as read from `content/`, with where each entry stands in its file. */
export interface Bibliography {
  /** The file it was read from, or undefined when the report has none. */
  file: string | undefined;
  items: CslItem[];
  /** 1-based line of each entry's key in the file. */
  lines: Map<string, number>;
}

/** File names the bibliography may have, in the formats Zotero exports. */
export const BIBLIOGRAPHY_FILES = ["references.bib", "references.json"] as const;

/** A function from character offset to 1-based line, built once per file (lookups are binary searches). */
function lineIndex(source: string): (offset: number) => number {
  const starts = [0];
  for (let index = source.indexOf("\n"); index !== -1; index = source.indexOf("\n", index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

function bibtexKeyLines(file: string, source: string): Map<string, number> {
  const lines = new Map<string, number>();
  const lineAt = lineIndex(source);
  for (const match of source.matchAll(/@(\w+)\s*\{\s*([^,\s{}]+)\s*,/g)) {
    if (/^(comment|preamble|string)$/i.test(match[1] ?? "")) continue;
    const key = match[2] ?? "";
    const line = lineAt(match.index);
    const earlier = lines.get(key);
    if (earlier !== undefined) {
      throw new ContentError({
        file,
        line,
        problem: `the citation key "${key}" is used twice (first on line ${earlier}).`,
        fix: `give one of the two entries another key, or delete the duplicate entry.`,
      });
    }
    lines.set(key, line);
  }
  return lines;
}

function jsonKeyLines(file: string, source: string, items: CslItem[]): Map<string, number> {
  const lines = new Map<string, number>();
  const lineAt = lineIndex(source);
  for (const item of items) {
    const offset = source.indexOf(`"${item.id}"`);
    const line = offset === -1 ? undefined : lineAt(offset);
    if (lines.has(item.id)) {
      throw new ContentError({
        file,
        line,
        problem: `the citation key "${item.id}" is used twice.`,
        fix: "give one of the two entries another id, or delete the duplicate entry.",
      });
    }
    if (line !== undefined) lines.set(item.id, line);
  }
  return lines;
}

function parseBibtex(file: string, source: string): CslItem[] {
  try {
    return new Cite(source, { forceType: "@biblatex/text" }).data as CslItem[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = /at line (\d+)/.exec(message)?.[1];
    throw new ContentError({
      file,
      line: line === undefined ? undefined : Number(line),
      problem: `the BibTeX cannot be read: ${message.split("\n")[0]}`,
      fix: "check the braces, commas and quotes of the entry on that line (re-exporting from Zotero gives valid BibTeX).",
    });
  }
}

function parseCslJson(file: string, source: string): CslItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new ContentError({
      file,
      problem: `the CSL-JSON cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      fix: "export the library again as CSL JSON, or repair the JSON syntax.",
    });
  }
  if (!Array.isArray(parsed) || parsed.some((item) => typeof item?.id !== "string")) {
    throw new ContentError({
      file,
      problem: "CSL-JSON must be an array of entries, each with a string id.",
      fix: "export the library again as CSL JSON.",
    });
  }
  return new Cite(parsed).data as CslItem[];
}

function withoutInternals(item: CslItem): CslItem {
  const { _graph: _unused, ...rest } = item;
  return rest as CslItem;
}

/** Reads and validates the bibliography in a content folder (BibTeX or CSL-JSON, not both). */
export function loadBibliography(contentDir: string): Bibliography {
  const present = BIBLIOGRAPHY_FILES.map((name) => path.join(contentDir, name)).filter((file) => fs.existsSync(file));
  if (present.length > 1) {
    throw new ContentError({
      file: present[1] ?? contentDir,
      problem: `the report has two bibliographies: ${present.map((file) => path.basename(file)).join(" and ")}.`,
      fix: "keep one of them (both formats hold the same data).",
    });
  }
  const file = present[0];
  if (file === undefined) return { file: undefined, items: [], lines: new Map() };
  const source = fs.readFileSync(file, "utf8");
  const isBibtex = file.endsWith(".bib");
  const lines = isBibtex ? bibtexKeyLines(file, source) : new Map<string, number>();
  const items = (isBibtex ? parseBibtex(file, source) : parseCslJson(file, source)).map(withoutInternals);
  if (!isBibtex) for (const [key, line] of jsonKeyLines(file, source, items)) lines.set(key, line);
  for (const item of items) {
    const hasAuthor = (item.author?.length ?? 0) > 0 || item["editor"] !== undefined;
    if (!hasAuthor && !item.title) {
      throw new ContentError({
        file,
        line: lines.get(item.id),
        problem: `the entry "${item.id}" has neither an author nor a title, so it cannot be cited or listed.`,
        fix: "add the author and title fields from the source.",
      });
    }
  }
  return { file, items, lines };
}
