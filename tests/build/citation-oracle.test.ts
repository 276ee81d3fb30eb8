import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { visit } from "unist-util-visit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readEnvironment } from "../../src/lib/build/environment.ts";
import { type BuildResult, buildSite, projectRoot } from "./build-helpers.ts";
import { CORPUS_SOURCES, readSource, selectEntries } from "./oracle-corpus.ts";

// Pandoc with the official APA CSL style is the oracle: every reference and in-text citation the site
// makes from a public BibLaTeX corpus must read as Pandoc's, or be a difference listed (with the APA 7
// rule that shows Pandoc is the one that is wrong) in the fixture's README.
const APA_CSL = "/usr/share/citation-style-language/styles/apa.csl";
const fixtureReadme = path.join(projectRoot, "tests/fixtures/bibliography-corpus/README.md");

type Form = "reference" | "parenthetical" | "narrative" | "locator";
const FORMS: readonly Form[] = ["parenthetical", "narrative", "locator"];

interface Difference {
  key: string;
  form: Form;
  pandoc: string;
  site: string;
}

/** Presentation only: italics and links dropped, spaces and typographic quotes made plain; the words stay. */
function normalised(text: string): string {
  return text
    .replace(/[\u00a0\u2009\u202f]/g, " ")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

function hasClass(element: Element, name: string): boolean {
  const value = element.properties["className"];
  return Array.isArray(value) && value.includes(name);
}

/** The text of an element without its hidden reference preview. */
function visibleText(element: Element): string {
  const copy = structuredClone(element);
  visit(copy, "element", (child: Element, index, parent) => {
    if (
      parent &&
      index !== undefined &&
      (hasClass(child, "citation-preview") || child.properties["ariaHidden"] === "true")
    ) {
      parent.children.splice(index, 1);
      return index;
    }
    return undefined;
  });
  return normalised(toText(copy));
}

function elements(tree: Root | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, "element", (element: Element) => {
    if (test(element)) found.push(element);
  });
  return found;
}

/** Rows of the README's known-differences tables (below "## Known differences"): | `key` | form | Pandoc + apa.csl | this site | APA 7 rule |. */
function knownDifferences(): Difference[] {
  const rows: Difference[] = [];
  const readme = fs.readFileSync(fixtureReadme, "utf8");
  const tables = readme.slice(readme.indexOf("## Known differences"));
  for (const line of tables.split("\n")) {
    if (!line.startsWith("| `")) continue;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replace(/\\\|/g, "|"));
    const [key = "", form = "", pandoc = "", site = ""] = cells;
    rows.push({
      key: key.replace(/^`|`$/g, ""),
      form: form as Form,
      pandoc: normalised(pandoc),
      site: normalised(site),
    });
  }
  return rows;
}

function asRow(difference: Difference): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  return `| \`${difference.key}\` | ${difference.form} | ${cell(difference.pandoc)} | ${cell(difference.site)} | ? |`;
}

let content = "";
let build: BuildResult;
const keys: string[] = [];
const pandocReferences = new Map<string, string>();
const pandocCitations: string[] = [];
const missing: string[] = [];

function paragraph(key: string, index: number): string {
  return `Work ${index + 1}: [@${key}], @${key} wrote it, and [@${key}, p. 33].`;
}

beforeAll(async () => {
  if (!fs.existsSync(APA_CSL)) missing.push(`${APA_CSL} (Debian: citation-style-language-styles)`);
  try {
    execFileSync("pandoc", ["--version"], { stdio: "ignore" });
  } catch {
    missing.push("pandoc (Debian: pandoc)");
  }
  const parts: string[] = [];
  for (const source of CORPUS_SOURCES) {
    const text = readSource(source);
    if (text === undefined) {
      missing.push(`${source.file} (Debian: texlive-bibtex-extra)`);
      continue;
    }
    const selected = selectEntries(source, text);
    parts.push(`% ${source.name}\n${selected.bib}`);
    keys.push(...selected.keys);
  }
  if (missing.length > 0) return;

  content = fs.mkdtempSync(path.join(os.tmpdir(), "oracle-content-"));
  fs.mkdirSync(path.join(content, "sections"));
  fs.writeFileSync(
    path.join(content, "report.yaml"),
    "title: Citation oracle\npublished: 2026-01-01\nlanguage: en\nsummary: Every entry of a public BibLaTeX corpus, cited.\n",
  );
  fs.writeFileSync(path.join(content, "references.bib"), `${parts.join("\n\n")}\n`);
  const body = keys.map(paragraph).join("\n\n");
  fs.writeFileSync(path.join(content, "sections/corpus.mdx"), `---\ntitle: Corpus\norder: 1\n---\n\n${body}\n`);

  const markdown = path.join(content, "pandoc.md");
  fs.writeFileSync(markdown, `${body}\n`);
  const html = execFileSync(
    "pandoc",
    [
      "--citeproc",
      "--csl",
      APA_CSL,
      "--bibliography",
      path.join(content, "references.bib"),
      "-f",
      "markdown",
      "-t",
      "html",
      markdown,
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  fs.rmSync(markdown);
  const tree = fromHtml(html, { fragment: true });
  for (const entry of elements(tree, (element) => hasClass(element, "csl-entry"))) {
    pandocReferences.set(String(entry.properties["id"]).replace(/^ref-/, ""), normalised(toText(entry)));
  }
  for (const citation of elements(tree, (element) => element.tagName === "span" && hasClass(element, "citation"))) {
    pandocCitations.push(normalised(toText(citation)));
  }
  build = await buildSite(content);
}, 900_000);

afterAll(() => {
  if (content) fs.rmSync(content, { recursive: true, force: true });
  if (build) fs.rmSync(build.outDir, { recursive: true, force: true });
});

function differences(): Difference[] {
  const found: Difference[] = [];
  const referencesPage = fromHtml(fs.readFileSync(path.join(build.outDir, "references/index.html"), "utf8"));
  const siteReferences = new Map(
    elements(referencesPage, (element) => element.tagName === "li" && hasClass(element, "reference")).map((entry) => {
      const text = elements(entry, (element) => hasClass(element, "reference-text"))[0];
      return [String(entry.properties["id"]).replace(/^ref-/, ""), text ? visibleText(text) : ""];
    }),
  );
  for (const key of keys) {
    const pandoc = pandocReferences.get(key) ?? "(no entry)";
    const site = siteReferences.get(key) ?? "(no entry)";
    if (pandoc !== site) found.push({ key, form: "reference", pandoc, site });
  }
  const section = fromHtml(fs.readFileSync(path.join(build.outDir, "sections/corpus/index.html"), "utf8"));
  const siteCitations = elements(section, (element) => element.tagName === "span" && hasClass(element, "citation")).map(
    visibleText,
  );
  keys.forEach((key, index) => {
    FORMS.forEach((form, offset) => {
      const at = index * FORMS.length + offset;
      const pandoc = pandocCitations[at] ?? "(no citation)";
      const site = siteCitations[at] ?? "(no citation)";
      if (pandoc !== site) found.push({ key, form, pandoc, site });
    });
  });
  return found;
}

describe("the site's APA agrees with Pandoc + apa.csl on a public BibLaTeX corpus", () => {
  test("the oracle's tools and corpus are installed", () => {
    expect(missing, "install them with scripts/ensure-tools.sh (as root on Debian)").toEqual([]);
  });

  test("the corpus holds 50+ entries from three sources and the site builds it unedited", () => {
    expect(keys.length).toBeGreaterThanOrEqual(50);
    expect(build.exitCode, build.output).toBe(0);
  });

  test("every reference and citation matches Pandoc, or is a difference the README justifies", () => {
    const known = knownDifferences();
    const isKnown = (difference: Difference) =>
      known.some(
        (row) =>
          row.key === difference.key &&
          row.form === difference.form &&
          row.pandoc === difference.pandoc &&
          row.site === difference.site,
      );
    const found = differences();
    const unexplained = found.filter((difference) => !isKnown(difference));
    // For maintaining the table: ORACLE_REPORT=file writes every difference found as a table row.
    const report = readEnvironment().oracleReport;
    if (report) fs.writeFileSync(report, `${found.map(asRow).join("\n")}\n`);
    expect(unexplained.map(asRow).join("\n"), "differences not in the README's table").toBe("");
    const stale = known.filter(
      (row) => !found.some((difference) => difference.key === row.key && difference.form === row.form),
    );
    expect(stale.map(asRow).join("\n"), "rows of the README's table that no longer differ").toBe("");
    console.info(
      `citation oracle: ${keys.length} entries, ${keys.length * (FORMS.length + 1)} comparisons, ${found.length} listed differences`,
    );
  });
});
