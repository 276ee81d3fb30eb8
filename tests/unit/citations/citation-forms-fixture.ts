import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** TeX Live's biblatex examples (Debian: texlive-bibtex-extra), LPPL 1.3c. */
export const BIBLATEX_EXAMPLES = "/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib";

const FIXTURE = path.resolve(import.meta.dirname, "../../fixtures/citation-forms");

/** Entries cited under their own keys (which already hold `:` and `/`). */
const KEPT = ["kullback", "doody", "sarfraz", "companion", "aristotle:poetics", "knuth:ct:a", "baez/article"];

/** Entries cited under a key holding one more character Pandoc allows in keys (or braces). */
const RENAMED: Readonly<Record<string, string>> = {
  gillies: "gil.lies",
  glashow: "glas#how",
  herrmann: "herr$mann",
  murray: "mur%ray",
  reese: "re&ese",
  shore: "sho-re",
  spiegelberg: "spiegel+berg",
  springer: "spring?er",
  weinberg: "wein<berg",
  yoon: "yo>on",
  bertram: "bert~ram",
  aksin: "aksin.2006.",
};

function entry(source: string, key: string): string {
  const start = new RegExp(`^@\\w+\\{${key.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")},`, "m").exec(source)?.index;
  if (start === undefined) throw new Error(`no entry ${key} in ${BIBLATEX_EXAMPLES}`);
  return source.slice(start, source.indexOf("\n}\n", start) + 2);
}

/**
 * Builds the fixture's content folder in a temporary folder: its sections and a CSL-JSON
 * bibliography of real entries (read by Pandoc, so that this fixture tests the citation grammar,
 * not BibTeX reading; BibTeX cannot hold keys with `%` anyway).
 */
export function citationFormsContent(): string {
  if (!fs.existsSync(BIBLATEX_EXAMPLES)) {
    throw new Error(`${BIBLATEX_EXAMPLES} is missing: install it with apt-get install texlive-bibtex-extra`);
  }
  const source = fs.readFileSync(BIBLATEX_EXAMPLES, "utf8").replaceAll("\r\n", "\n");
  const strings = [...source.matchAll(/^@string\{[^\n]*\}$/gm)].map((match) => match[0]);
  const bib = [...strings, ...[...KEPT, ...Object.keys(RENAMED)].map((key) => entry(source, key))].join("\n\n");
  const json = execFileSync("pandoc", ["-f", "biblatex", "-t", "csljson"], { input: bib, encoding: "utf8" });
  const items = (JSON.parse(json) as Array<{ id: string }>).map((item) => ({
    ...item,
    id: RENAMED[item.id] ?? item.id,
  }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citation-forms-"));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "references.json"), `${JSON.stringify(items, null, 2)}\n`);
  return dir;
}
