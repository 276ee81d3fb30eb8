/**
 * The report's PDF against LaTeX's typesetting of the same text: pages, characters a line, hyphens
 * added at line ends and the empty space left at pages' feet, each read back from the PDFs with
 * poppler by the same code (tests/e2e/pdf-layout.ts). LaTeX's PDF is Pandoc's
 * standard LaTeX (article, 11pt as our print, Letter, Latin Modern, pdflatex) of the built /report/
 * page's sections, set justified (LaTeX's default) and ragged right (\raggedright, as ours is).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Element, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { toString as textOf } from "hast-util-to-string";
import { type LaidLine, type LaidPage, layoutOf, typesetting } from "../../tests/e2e/pdf-layout.ts";

/** How a PDF sets the report's text. */
export interface TypesetFigures {
  pages: number;
  /** Median characters of a full line of running text (not a paragraph's last). */
  charsPerLine: number;
  /** Line ends where a word was broken with a hyphen (the two halves make a word the report writes whole). */
  hyphens: number;
  /** Blank space below the last line of each page's text block, summed, in pages (the last page's included). */
  emptyPages: number;
  /** The largest share of a page left blank at its foot, the last page left out. */
  worstEmptyShare: number;
}

const classesOf = (element: Element) => ([] as unknown[]).concat(element.properties["className"] ?? []).map(String);

/** What a reader of the page sees but a LaTeX paper would not print: helpers, links to paragraphs, hidden text. */
function isScreenOnly(element: Element): boolean {
  const classes = classesOf(element);
  return (
    element.properties["ariaHidden"] === "true" ||
    element.properties["hidden"] !== undefined ||
    element.properties["popover"] !== undefined ||
    ["nav", "script", "style", "template", "button"].includes(element.tagName) ||
    classes.some((name) =>
      ["visually-hidden", "paragraph-link", "heading-anchor", "citation-preview", "cited-by", "cite-this"].includes(
        name,
      ),
    )
  );
}

/** The page's sections as print shows them: what print hides left out, the reference list unnumbered. */
function prune(children: RootContent[]): RootContent[] {
  return children.flatMap((child): RootContent[] => {
    if (child.type !== "element") return [child];
    if (isScreenOnly(child)) return [];
    child.children = prune(child.children) as Element["children"];
    // An APA reference list is a list of paragraphs (LaTeX would number an <ol>).
    if (classesOf(child).includes("reference-list")) {
      child.tagName = "div";
      for (const item of child.children) if (item.type === "element" && item.tagName === "li") item.tagName = "p";
    }
    return [child];
  });
}

/** The report page's title and its sections (references included) as plain HTML for Pandoc. */
export function printableSections(reportHtml: string): { title: string; html: string } {
  const tree: Root = fromHtml(reportHtml);
  const sections: Element[] = [];
  let title = "";
  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type !== "element") continue;
      if (node.tagName === "h1" && !title) title = textOf(node).trim();
      if (node.tagName === "section" && classesOf(node).includes("report-section")) sections.push(node);
      else walk(node.children);
    }
  };
  walk(tree.children);
  return { title, html: toHtml({ type: "root", children: prune(sections) }) };
}

/** Typesets the sections with Pandoc and pdflatex; returns the PDF's path. */
export function latexPdf(reportHtml: string, folder: string, ragged: boolean): string {
  const { title, html } = printableSections(reportHtml);
  const name = ragged ? "ragged" : "justified";
  const input = path.join(folder, `${name}.html`);
  fs.writeFileSync(input, `<!doctype html><html><body>${html}</body></html>`);
  const tex = `${name}.tex`;
  execFileSync("pandoc", [
    "-f",
    "html",
    "-t",
    "latex",
    "-s",
    "--toc",
    "--metadata",
    `title=${title}`,
    "-V",
    "fontsize=11pt",
    "-V",
    "papersize=letter",
    ...(ragged ? ["-V", "header-includes=\\raggedright"] : []),
    input,
    "-o",
    path.join(folder, tex),
  ]);
  // Twice: the contents list is written on the first run and set on the second.
  for (let run = 0; run < 2; run++)
    execFileSync("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", tex], { cwd: folder, stdio: "pipe" });
  return path.join(folder, `${name}.pdf`);
}

/** The words the report writes whole, for telling a hyphen the typesetter added from one in the text. */
export function writtenWords(reportHtml: string): Set<string> {
  return new Set(
    textOf(fromHtml(reportHtml))
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [],
  );
}

/** Running heads and page numbers: the top and bottom bands of a page. */
const isFurniture = (line: LaidLine, page: LaidPage) =>
  /^(\d+|\d+ of \d+)$/.test(line.words.map((word) => word.text).join(" ")) ||
  line.yMax < 0.08 * page.height ||
  line.yMin > 0.93 * page.height;

/**
 * Line ends where the typesetter broke a word: the line ends in letters and a hyphen (U+2010, a soft
 * hyphen, or a hyphen-minus as LaTeX and our ActualText give), the next line begins in lower case,
 * and the two halves make a word the report writes whole ("Myas-" + "thenia"), not a compound it
 * writes with its hyphen ("self-" + "help").
 */
export function addedHyphens(lines: readonly LaidLine[], written: ReadonlySet<string>): number {
  let hyphens = 0;
  for (const [index, line] of lines.entries()) {
    const end = /(\p{L}+)[-\u2010\u00AD]$/u.exec(line.words.at(-1)?.text ?? "")?.[1] ?? "";
    const start = /^\p{Ll}+/u.exec(lines[index + 1]?.words[0]?.text ?? "")?.[0] ?? "";
    if (end && start && written.has(`${end}${start}`.toLowerCase())) hyphens++;
  }
  return hyphens;
}

/** Measures a PDF of the report's text (see {@link TypesetFigures}). */
export function measureTypesetting(pdfFile: string, written: Set<string>): TypesetFigures {
  const laid = layoutOf(pdfFile);
  const body = laid.map((page) => page.lines.filter((line) => !isFurniture(line, page)));
  const lines = body.flat();
  const hyphens = addedHyphens(lines, written);
  // The text block: from the highest line of any page to the lowest; each page's blank below its last line.
  const head = Math.min(...lines.map((line) => line.yMin));
  const foot = Math.max(...lines.map((line) => line.yMax));
  const empty = body.map((page) => (foot - Math.max(head, ...page.map((line) => line.yMax))) / (foot - head));
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    pages: laid.length,
    charsPerLine: typesetting(laid).medianCharsPerLine,
    hyphens,
    emptyPages: round(empty.reduce((sum, share) => sum + share, 0)),
    worstEmptyShare: round(Math.max(0, ...empty.slice(0, -1))),
  };
}
