/**
 * Checks the edition matrix applies to every fixture's editions, each independent of the code that
 * makes them: the words come from the built report page, and poppler reads them back from the PDF.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Element, Nodes, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { isShippedFont } from "../../src/lib/pdf/shipped-fonts.ts";

/** Elements whose text is not prose a reader reads as words: math, drawings, hidden helpers. */
function skipped(element: Element): boolean {
  const classes = ([] as unknown[]).concat(element.properties["className"] ?? []).map(String);
  return (
    ["math", "svg", "script", "style", "template", "annotation"].includes(element.tagName) ||
    element.properties["ariaHidden"] === "true" ||
    element.properties["hidden"] !== undefined ||
    element.properties["popover"] !== undefined ||
    classes.some((name) => ["visually-hidden", "paragraph-link", "heading-anchor"].includes(name))
  );
}

// Phrasing elements: their text runs on with the words around it ("<sub>sub</sub>script" is one word).
const INLINE = new Set(
  "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup time u var".split(" "),
);

function collectText(node: Nodes, into: string[]): void {
  if (node.type === "text") into.push(node.value);
  else if (node.type === "element" && skipped(node)) return;
  else if ("children" in node) {
    for (const child of node.children) collectText(child, into);
    // Block boundaries separate words, as line breaks do on a page.
    if (node.type === "element" && !INLINE.has(node.tagName)) into.push(" ");
  }
}

/** Letters only, NFKC (so a printed ligature "ﬁ" reads as "fi"), lower-cased. */
export function wordsOf(text: string): string[] {
  return [
    ...text
      .normalize("NFKC")
      .toLowerCase()
      .matchAll(/\p{L}[\p{L}\p{M}]*/gu),
  ]
    .map((match) => match[0])
    .filter((word) => word.length >= 2);
}

function elementsWhere(node: Nodes, test: (element: Element) => boolean, found: Element[] = []): Element[] {
  if (node.type === "element" && test(node)) found.push(node);
  else if ("children" in node) for (const child of node.children) elementsWhere(child, test, found);
  return found;
}

const hasClass = (element: Element, name: string) =>
  ([] as unknown[])
    .concat(element.properties["className"] ?? [])
    .map(String)
    .includes(name);

/**
 * Every word of the report's prose, as the built `/report/` page has it: the text of each section
 * (headings, paragraphs, lists, tables, captions, notes) and the references, without math, hidden
 * helpers (paragraph links, citation previews) or drawings.
 */
export function reportProseWords(reportHtml: string): Set<string> {
  const tree: Root = fromHtml(reportHtml);
  const sections = elementsWhere(
    tree,
    (element) => element.tagName === "section" && hasClass(element, "report-section"),
  );
  const texts: string[] = [];
  for (const section of sections) collectText(section, texts);
  return new Set(wordsOf(texts.join("")));
}

/** The words of every text of an XHTML/HTML document (its body), hidden helpers left out. */
export function documentWords(html: string): Set<string> {
  const tree: Root = fromHtml(html);
  const body = elementsWhere(tree, (element) => element.tagName === "body")[0] ?? tree;
  const texts: string[] = [];
  collectText(body, texts);
  return new Set(wordsOf(texts.join("")));
}

/** The PDF's words as poppler extracts them (what search, copy and read-aloud get). */
export function pdfWords(pdfFile: string): Set<string> {
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdfFile, "-"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return new Set(wordsOf(text));
}

/**
 * The fonts a PDF embeds that the project does not ship (poppler's pdffonts), each with whether it is
 * embedded at all: a PDF set in the machine's fonts looks different, or breaks, on another machine.
 */
export function unshippedFonts(pdfFile: string): string[] {
  const listing = execFileSync("pdffonts", [pdfFile], { encoding: "utf8" });
  // Two header lines, then one font a line: its name first, "emb" (yes/no) fourth from the end.
  return listing
    .split("\n")
    .slice(2)
    .filter((line) => line.trim() !== "")
    .map((line) => line.trim().split(/\s+/))
    .filter((columns) => !isShippedFont(columns[0] ?? "") || columns.at(-5) !== "yes")
    .map((columns) => `${columns[0]}${columns.at(-5) === "yes" ? "" : " (not embedded)"}`);
}

/** The words of `expected` that `found` lacks. */
export function missingWords(expected: Set<string>, found: Set<string>): string[] {
  return [...expected].filter((word) => !found.has(word)).sort();
}

/**
 * Pages Chromium scaled down to make wide content fit: each page's content stream starts by mapping
 * CSS pixels to points (0.75 pt a pixel, in two `cm` steps); shrinking to fit makes that smaller.
 * Returns one line per scaled page.
 */
export function scaledPages(pdfFile: string): string[] {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-scale-"));
  const qdf = path.join(folder, "qdf.pdf");
  try {
    execFileSync("qpdf", ["--qdf", "--object-streams=disable", "--decode-level=all", pdfFile, qdf]);
    const text = fs.readFileSync(qdf, "latin1");
    const problems: string[] = [];
    // qpdf --qdf writes each page's contents after a "%% Contents for page N" comment.
    for (const match of text.matchAll(/%% Contents for page (\d+)\n[\s\S]*?stream\n([\s\S]*?)endstream/g)) {
      const scales = [...(match[2] ?? "").matchAll(/(-?[\d.]+) 0 0 (-?[\d.]+) -?[\d.]+ -?[\d.]+ cm/g)]
        .slice(0, 2)
        .map((cm) => Math.abs(Number(cm[1])));
      const scale = scales.reduce((product, value) => product * value, 1);
      if (scales.length === 2 && scale < 0.75 * 0.99)
        problems.push(`page ${match[1]} is printed at ${Math.round((scale / 0.75) * 100)}% of its size`);
    }
    return problems;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** A page's ink, read from a small grey rendering: its top and bottom inked rows, as shares of the height. */
export interface PageInk {
  page: number;
  /** Share of the page's height left blank between the body's last ink and the body's foot. */
  emptyBelow: number;
}

function readPgm(file: string): { width: number; height: number; pixels: Buffer } {
  const bytes = fs.readFileSync(file);
  // Header: P5, width, height, maxval, each separated by whitespace, then the pixels.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error(`${file} is not a binary PGM`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: bytes.subarray(header[0].length) };
}

/**
 * How much of each page's body is left blank at its foot, from its ink (text, images, rules alike):
 * the page is rendered in grey at a low resolution and the running head and page number bands
 * (the top and bottom `furniture` share of the page) are left out.
 */
export function pageInk(pdfFile: string, furniture = 0.09): PageInk[] {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-ink-"));
  try {
    execFileSync("pdftoppm", ["-r", "24", "-gray", pdfFile, path.join(folder, "page")]);
    const files = fs
      .readdirSync(folder)
      .filter((file) => file.endsWith(".pgm"))
      .sort();
    return files.map((file, index) => {
      const { width, height, pixels } = readPgm(path.join(folder, file));
      const top = Math.floor(height * furniture);
      const bottom = Math.ceil(height * (1 - furniture));
      let last = top;
      for (let row = top; row < bottom; row++) {
        const line = pixels.subarray(row * width, (row + 1) * width);
        if (line.some((value) => value < 200)) last = row;
      }
      return { page: index + 1, emptyBelow: (bottom - last) / (bottom - top) };
    });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** A line as poppler laid it: its words' text, the page's height and where the line sits. */
interface HyphenLine {
  words: Array<{ text: string }>;
  yMin: number;
  yMax: number;
}

/**
 * What breaks the PDF step's hyphenation rules: a word it broke at a line's end (the line ends in
 * "letters-", the next begins in lower case, and the two halves make a word the report writes whole)
 * that is capitalised, a URL, the third such line in a row, or the last line of a page. Running heads
 * and page numbers are not lines of the text.
 */
export function hyphenationProblems(
  pages: ReadonlyArray<{ number: number; height: number; lines: HyphenLine[] }>,
  reportHtml: string,
): string[] {
  const written = new Set(
    wordsOf(
      (() => {
        const texts: string[] = [];
        collectText(fromHtml(reportHtml), texts);
        return texts.join("");
      })(),
    ),
  );
  const textOfLine = (line: HyphenLine) => line.words.map((word) => word.text).join(" ");
  const body = pages.map((page) =>
    page.lines.filter(
      (line) =>
        !/^\d+ of \d+$/.test(textOfLine(line)) && line.yMax >= 0.08 * page.height && line.yMin <= 0.93 * page.height,
    ),
  );
  const problems: string[] = [];
  for (const [index, lines] of body.entries()) {
    let run = 0;
    for (const [position, line] of lines.entries()) {
      const next = lines[position + 1] ?? body[index + 1]?.[0];
      const last = line.words.at(-1)?.text ?? "";
      const end = /(\p{L}+)-$/u.exec(last)?.[1] ?? "";
      const start = /^\p{Ll}+/u.exec(next?.words[0]?.text ?? "")?.[0] ?? "";
      if (!end || !start || !written.has(`${end}${start}`.toLowerCase())) {
        run = 0;
        continue;
      }
      run++;
      const where = `page ${pages[index]?.number}: "${textOfLine(line)}"`;
      if (/^\p{Lu}/u.test(end)) problems.push(`${where}: a capitalised word is hyphenated`);
      if (/[/@:.]\S*-$/.test(last)) problems.push(`${where}: a URL is hyphenated`);
      if (run > 2) problems.push(`${where}: a third hyphenated line in a row`);
      if (position === lines.length - 1) problems.push(`${where}: the page ends in half a word`);
    }
  }
  return problems;
}
