import fs from "node:fs";
import path from "node:path";
import { location } from "vfile-location";
import { contentKeyedCacheDir } from "../build/cache-dir.ts";
import { type ContentMemo, openContentMemo } from "../build/content-memo.ts";
import { readEnvironment } from "../build/environment.ts";
import { processWide } from "../build/process-wide.ts";
import { webAddress } from "../build/url-gate.ts";
import { ContentError, type ContentProblem, formatContentProblem } from "../content/content-error.ts";
import { readContentFile } from "../content/content-files.ts";
import { citationCodeHash } from "./citation-code-hash.ts";
import { Cite, type CslItem } from "./citation-js.ts";
import { readBibtex } from "./read-bibtex.ts";

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

function jsonKeyLines(file: string, source: string, items: CslItem[]): Map<string, number> {
  const lines = new Map<string, number>();
  const place = location(source);
  for (const item of items) {
    const offset = source.indexOf(`"${item.id}"`);
    const line = offset === -1 ? undefined : place.toPoint(offset)?.line;
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

/** Every problem of a bibliography at once: the first is the error's own, the others follow in its message. */
export class BibliographyError extends ContentError {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const [first, ...rest] = sorted as [ContentProblem, ...ContentProblem[]];
    super(first);
    this.problems = sorted;
    if (rest.length > 0) {
      this.message = `${sorted.length} problems in the bibliography:\n${sorted.map(formatContentProblem).join("\n")}`;
      this.stack = `${this.name}: ${this.message}`;
    }
  }
}

// The build checks the bibliography before Vite starts (so an error names no unrelated file) and the
// Markdown plugins read it again later in the same process: one reading serves both.
const cache = processWide("bibliography", () => new Map<string, { stamp: string; result: Bibliography }>());

/** Reads and validates the bibliography in a content folder (BibTeX or CSL-JSON, not both). */
export function loadBibliography(contentDir: string): Bibliography {
  const stamp = BIBLIOGRAPHY_FILES.map((name) => {
    const file = path.join(contentDir, name);
    if (!fs.existsSync(file)) return "-";
    const stat = fs.statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  }).join("|");
  const cached = cache.get(contentDir);
  if (cached?.stamp === stamp) return cached.result;
  const result = readBibliography(contentDir);
  cache.set(contentDir, { stamp, result });
  return result;
}

function readBibliography(contentDir: string): Bibliography {
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
  const source = readContentFile(file);
  return { file, ...readEntriesKept(file, source) };
}

/** What a bibliography file holds, as a memo keeps it. */
type KeptReading = { items: CslItem[]; lines: Array<[string, number]> };

/**
 * The entries of a bibliography file and the line of each key, kept between builds by the file's
 * bytes and kind, never its path (`memo`, the build's by default); a file with a problem is never kept.
 */
export function readEntriesKept(
  file: string,
  source: string,
  memo: ContentMemo<KeptReading> = keptReadings(),
): { items: CslItem[]; lines: Map<string, number> } {
  const read = memo.get(`${path.extname(file)}\0${source}`, () => {
    const { items, lines } = readEntries(file, source);
    return { items, lines: [...lines] };
  });
  return { items: read.items, lines: new Map(read.lines) };
}

/** The entries of a bibliography file and the line of each key; throws every problem at once. */
function readEntries(file: string, source: string): { items: CslItem[]; lines: Map<string, number> } {
  const isBibtex = file.endsWith(".bib");
  const reading = isBibtex ? readBibtex(file, source) : undefined;
  const lines = reading?.lines ?? new Map<string, number>();
  const problems: ContentProblem[] = reading?.problems ?? [];
  const items = (reading?.items ?? parseCslJson(file, source)).map(withoutInternals);
  if (!isBibtex) for (const [key, line] of jsonKeyLines(file, source, items)) lines.set(key, line);
  for (const item of items) {
    const hasAuthor = (item.author?.length ?? 0) > 0 || item["editor"] !== undefined;
    if (!hasAuthor && !item.title && !reading?.unreadable.has(item.id)) {
      problems.push({
        file,
        line: lines.get(item.id),
        problem: `the entry "${item.id}" has neither an author nor a title, so it cannot be cited or listed.`,
        fix: "add the author and title fields from the source.",
      });
    }
    const url = typeof item.URL === "string" ? item.URL.trim() : undefined;
    const address = url === undefined || url === "" ? undefined : webAddress(url);
    if (address && "problem" in address) {
      problems.push({
        file,
        line: lines.get(item.id),
        problem: `the entry "${item.id}" has the url "${url}", which is not an address starting with https:// or http:// (${address.problem}), so readers' browsers would not open it.`,
        fix: `write the full address with its scheme, for example "https://${url?.replace(/^[a-z][a-z0-9+.-]*:\/*/i, "")}".`,
      });
    } else if (address) {
      // The address as browsers serialize it: a " or < in it is percent-encoded, never markup.
      item.URL = address.href;
    }
  }
  if (problems.length > 0) throw new BibliographyError(problems);
  return { items, lines };
}

let kept: ContentMemo<KeptReading> | undefined;

/**
 * Bibliographies read in earlier builds, in `REPORT_CACHE_DIR/by-content/bibliography/`: reading
 * 4,000 BibTeX entries takes some 6 s (the parser's TeX), so a rebuild reads only a changed file.
 */
function keptReadings(): ContentMemo<KeptReading> {
  kept ??= openContentMemo(
    contentKeyedCacheDir(readEnvironment().cacheDir, process.cwd(), "bibliography"),
    citationCodeHash(),
  );
  return kept;
}
