import fs from "node:fs";
import zlib from "node:zlib";

/** One public .bib file of the oracle corpus, as a Debian package installs it, and which of its entries to cite. */
export interface CorpusSource {
  name: string;
  /** Where Debian's texlive-bibtex-extra puts it (gzipped files are read through gunzip). */
  file: string;
  /** Keeps an entry when true. */
  select: (key: string) => boolean;
}

/** The three sources: see tests/fixtures/bibliography-corpus/README.md for why these and their licences. */
export const CORPUS_SOURCES: readonly CorpusSource[] = [
  {
    name: "biblatex-examples.bib",
    file: "/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib",
    select: () => true,
  },
  {
    name: "biblatex-apa-test-references.bib",
    file: "/usr/share/doc/texlive-doc/latex/biblatex-apa/biblatex-apa-test-references.bib.gz",
    // The APA manual's journal articles (10.1), books (10.2) and theses (10.6).
    select: (key) => /^10\.[126]:/.test(key),
  },
  {
    name: "apa5ex.bib",
    file: "/usr/share/doc/texlive-doc/bibtex/apacite/apa5ex.bib.gz",
    // The author-date citation examples of the APA manual (5th ed., 3.94-3.103).
    select: (key) => /^3\.(9\d|10\d)-/.test(key),
  },
];

/** The text of a corpus file, or undefined when its package is not installed. */
export function readSource(source: CorpusSource): string | undefined {
  if (!fs.existsSync(source.file)) return undefined;
  const bytes = fs.readFileSync(source.file);
  return (source.file.endsWith(".gz") ? zlib.gunzipSync(bytes) : bytes).toString("utf8");
}

interface Chunk {
  kind: string;
  key: string | undefined;
  text: string;
}

function chunks(text: string): Chunk[] {
  return text.split(/\n(?=@)/).map((chunk) => {
    const match = /^@(\w+)\s*[{(]\s*([^,\s]+)\s*,/.exec(chunk);
    return { kind: (/^@(\w+)/.exec(chunk)?.[1] ?? "").toLowerCase(), key: match?.[2], text: chunk };
  });
}

/** The selected entries of a source with the @strings and crossref/xdata parents they need, and their keys in file order. */
export function selectEntries(source: CorpusSource, text: string): { bib: string; keys: string[] } {
  const all = chunks(text);
  // A key used twice in a source (biblatex-apa's 10.1:18) keeps its first entry, as biber does.
  const byKey = new Map<string, Chunk>();
  for (const chunk of all) if (chunk.key !== undefined && !byKey.has(chunk.key)) byKey.set(chunk.key, chunk);
  const wanted = new Set<string>();
  const keys: string[] = [];
  const want = (key: string, cited: boolean) => {
    if (wanted.has(key) || !byKey.has(key)) return;
    wanted.add(key);
    const chunk = byKey.get(key);
    if (cited && chunk?.kind !== "xdata" && chunk?.kind !== "set") keys.push(key);
    for (const match of chunk?.text.matchAll(/^\s*(?:crossref|xdata)\s*=\s*[{"]?([^}",\n]+)/gim) ?? [])
      for (const parent of (match[1] ?? "").split(",")) want(parent.trim(), false);
  };
  for (const chunk of all) if (chunk.key !== undefined && source.select(chunk.key)) want(chunk.key, true);
  const kept = all.filter(
    (chunk) =>
      chunk.kind === "string" ||
      chunk.kind === "preamble" ||
      (chunk.key !== undefined && wanted.has(chunk.key) && byKey.get(chunk.key) === chunk),
  );
  return { bib: kept.map((chunk) => chunk.text.trimEnd()).join("\n\n"), keys };
}

/** The folder of the export corpus: whole .bib files as their exporters wrote them (see its README). */
export const EXPORT_CORPUS_DIR = new URL("../fixtures/export-corpus/", import.meta.url).pathname;

/** One file of the export corpus: its name (the file's stem) and text. */
export interface ExportSource {
  slug: string;
  text: string;
}

/** Every .bib file of the export corpus, in name order. */
export function exportSources(): ExportSource[] {
  return fs
    .readdirSync(EXPORT_CORPUS_DIR)
    .filter((file) => file.endsWith(".bib"))
    .sort()
    .map((file) => ({
      slug: file.slice(0, -".bib".length),
      text: fs.readFileSync(`${EXPORT_CORPUS_DIR}${file}`, "utf8"),
    }));
}

const ENTRY_HEAD = /^(\s*@\s*)(\w+)(\s*[{(]\s*)([^,\s]+)(\s*,)/;

/**
 * A whole export with every key (and every crossref/xdata naming one) prefixed by the file's name,
 * `slug/key`, so 26 files written by strangers can share one bibliography; the data is otherwise as
 * exported. A key used twice in one file keeps its first entry, as biber and Pandoc do.
 */
export function namespacedEntries(source: ExportSource): { bib: string; keys: string[] } {
  const keys: string[] = [];
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const chunk of source.text.split(/\n(?=[ \t]*@)/)) {
    const head = ENTRY_HEAD.exec(chunk);
    const kind = (head?.[2] ?? "").toLowerCase();
    if (!head || kind === "string" || kind === "preamble" || kind === "comment") {
      parts.push(chunk);
      continue;
    }
    const key = head[4] ?? "";
    if (seen.has(key)) continue;
    seen.add(key);
    keys.push(`${source.slug}/${key}`);
    const renamed = `${head[1]}${head[2]}${head[3]}${source.slug}/${key}${head[5]}${chunk.slice(head[0].length)}`;
    parts.push(
      renamed.replace(
        /^(\s*(?:crossref|xdata)\s*=\s*[{"])([^}"]+)/gim,
        (_all, start: string, value: string) =>
          `${start}${value
            .split(",")
            .map((parent) => `${source.slug}/${parent.trim()}`)
            .join(",")}`,
      ),
    );
  }
  return { bib: parts.join("\n"), keys };
}
