/**
 * The structure checks of the edition matrix: what a PDF's tags, outline and link annotations hold,
 * read with qpdf, set against what the built report page holds (read with hast). Independent of the
 * code that writes the PDF: its own reading of the structure tree and of the page.
 */
import { execFileSync } from "node:child_process";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toString as textOf } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { layoutOf } from "./pdf-layout.ts";
import { catalogOf, type PdfObject, pdfLinks, pdfObjects } from "./pdf-links.ts";

/** A structure element: its type (as written, before any role map), /Alt and child elements. */
export interface Tag {
  type: string;
  alt: string | undefined;
  kids: Tag[];
}

function pdfText(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  // qpdf's JSON writes text strings as "u:..." and raw ones as "b:...".
  if (value.startsWith("u:")) return value.slice(2);
  return undefined;
}

/** The PDF's structure tree below its root, as {@link Tag}s. */
export function structureTree(objects: Map<string, PdfObject>): Tag[] {
  const resolve = (value: unknown): unknown =>
    typeof value === "string" && objects.has(value) ? objects.get(value) : value;
  const seen = new Set<unknown>();
  const tagsOf = (value: unknown): Tag[] => {
    const kid = resolve(value);
    if (Array.isArray(kid)) return kid.flatMap(tagsOf);
    if (!kid || typeof kid !== "object" || seen.has(kid)) return [];
    seen.add(kid);
    const dict = kid as PdfObject;
    if (typeof dict["/S"] !== "string") return [];
    return [{ type: dict["/S"].replace(/^\//, ""), alt: pdfText(resolve(dict["/Alt"])), kids: tagsOf(dict["/K"]) }];
  };
  const root = resolve(catalogOf(objects)?.["/StructTreeRoot"]) as PdfObject | undefined;
  return tagsOf(root?.["/K"]);
}

/** Every tag of the tree, depth first. */
export function allTags(tags: Tag[]): Tag[] {
  return tags.flatMap((tag) => [tag, ...allTags(tag.kids)]);
}

/** The URI of every link annotation that has one. */
export function uriLinks(objects: Map<string, PdfObject>): string[] {
  const resolve = (value: unknown): unknown =>
    typeof value === "string" && objects.has(value) ? objects.get(value) : value;
  const uris: string[] = [];
  for (const object of objects.values()) {
    if (object["/Subtype"] !== "/Link") continue;
    const uri = pdfText(resolve((resolve(object["/A"]) as PdfObject | undefined)?.["/URI"]));
    if (uri !== undefined) uris.push(uri);
  }
  return uris;
}

/** A bookmark: its title and the bookmarks under it. */
export interface Bookmark {
  title: string;
  kids: Bookmark[];
}

/** The PDF's outline, as qpdf reads it. */
export function outlineOf(pdfFile: string): Bookmark[] {
  const json = execFileSync("qpdf", ["--json", "--json-key=outlines", pdfFile], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(json) as { outlines: Bookmark[] }).outlines;
}

const classesOf = (element: Element) => ([] as unknown[]).concat(element.properties["className"] ?? []).map(String);
const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

/** What the built report page holds that the PDF's structure must show. */
export interface ReportParts {
  /** Each `<math>` of the report's main: its TeX source (or, without one, its text). */
  formulas: string[];
  /** The id each footnote mark links to, one entry per mark. */
  footnoteMarks: string[];
  /** Each embedded timeline: its number of events. */
  timelines: number[];
  /** Each section's title and its subsections' titles and ids. */
  sections: Array<{ title: string; subsections: Array<{ title: string; id: string; level: number }> }>;
}

/** Reads {@link ReportParts} from the built report page's HTML. */
export function reportParts(html: string): ReportParts {
  const tree: Root = fromHtml(html);
  const parts: ReportParts = { formulas: [], footnoteMarks: [], timelines: [], sections: [] };
  let main: Element | undefined;
  visit(tree, "element", (element) => {
    if (element.tagName === "main") main = element;
  });
  if (!main) return parts;
  visit(main, "element", (element) => {
    if (element.tagName === "math") {
      let tex: string | undefined;
      visit(element, "element", (inner) => {
        if (inner.tagName === "annotation" && inner.properties["encoding"] === "application/x-tex") tex = textOf(inner);
      });
      const alt = squeeze(tex ?? textOf(element));
      if (alt) parts.formulas.push(alt);
      return "skip";
    }
    if (element.tagName === "a" && element.properties["dataFootnoteRef"] !== undefined) {
      parts.footnoteMarks.push(decodeURIComponent(String(element.properties["href"] ?? "").slice(1)));
    }
    const classes = classesOf(element);
    if (classes.includes("timeline--compact")) {
      let events = 0;
      visit(element, "element", (inner) => {
        if (classesOf(inner).includes("timeline-event")) events++;
      });
      parts.timelines.push(events);
    }
    if (element.tagName === "section" && classes.includes("report-section") && !classes.includes("report-references")) {
      const section: ReportParts["sections"][number] = { title: "", subsections: [] };
      visit(element, "element", (inner) => {
        const id = inner.properties["id"];
        const top = inner.tagName === "h2" && !section.title;
        if (top) section.title = squeeze(textOf(inner));
        // The section's own top headings (h2 in its file) are h3 on the full report page; a .md
        // section's stay h2 (MDX's element overrides do not apply to it).
        if (
          !top &&
          (inner.tagName === "h3" || inner.tagName === "h2") &&
          typeof id === "string" &&
          !classesOf(inner).length
        )
          section.subsections.push({ title: squeeze(textOf(inner)), id, level: Number(inner.tagName[1]) });
        if (inner.tagName === "figure" || classesOf(inner).includes("footnotes")) return "skip";
        return undefined;
      });
      // Its top headings are the highest level found below its title (h2 in a .md section, else h3).
      const highest = Math.min(...section.subsections.map((subsection) => subsection.level));
      section.subsections = section.subsections.filter((subsection) => subsection.level === highest);
      parts.sections.push(section);
    }
    return undefined;
  });
  return parts;
}

const letters = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

/**
 * What the PDF's structure gets wrong against the report page: every equation a Formula with its
 * TeX source as /Alt; one link annotation per footnote mark; each embedded timeline a Table with a
 * header row and a row per event, and no Figure holding a table or a list of links; the contents list and the
 * outline to two levels (sections and their subsections); and, when the site's address is unknown,
 * no link annotation that is not an absolute link to another host.
 */
export function pdfStructureProblems(pdfFile: string, reportHtml: string, siteUrlSet: boolean): string[] {
  const problems: string[] = [];
  const parts = reportParts(reportHtml);
  const objects = pdfObjects(pdfFile);
  const tags = allTags(structureTree(objects));

  const formulas = tags.filter((tag) => tag.type === "Formula").map((tag) => squeeze(tag.alt ?? ""));
  if (JSON.stringify(formulas) !== JSON.stringify(parts.formulas))
    problems.push(
      `Formula tags ${JSON.stringify(formulas)} differ from the page's math ${JSON.stringify(parts.formulas)}`,
    );

  const internal = pdfLinks(pdfFile).links;
  for (const id of new Set(parts.footnoteMarks)) {
    const marks = parts.footnoteMarks.filter((mark) => mark === id).length;
    const annotations = internal.filter((link) => link.destination === id).length;
    if (annotations !== marks) problems.push(`footnote ${id}: ${marks} mark(s) but ${annotations} link annotation(s)`);
  }

  const tables = tags.filter((tag) => tag.type === "Table");
  for (const [index, events] of parts.timelines.entries()) {
    const found = tables.some((table) => {
      const rows = allTags(table.kids).filter((tag) => tag.type === "TR");
      const head = rows[0]?.kids.filter((cell) => cell.type === "TH").length ?? 0;
      return head === 2 && rows.length === events + 1;
    });
    if (!found) problems.push(`timeline ${index + 1}: no Table with a header row and ${events} rows of events`);
  }
  // A Figure's /Alt stands for all it holds: a table or a list of links inside one is hidden.
  for (const figure of tags.filter((tag) => tag.type === "Figure"))
    for (const inner of allTags(figure.kids))
      if (inner.type === "Table" || (inner.type === "L" && allTags(inner.kids).some((tag) => tag.type === "Link")))
        problems.push(`a Figure (${figure.alt ?? "no Alt"}) holds a ${inner.type === "L" ? "list of links" : "table"}`);

  const outline = outlineOf(pdfFile);
  const bookmarks = (items: Bookmark[]): Bookmark[] => items.flatMap((item) => [item, ...bookmarks(item.kids)]);
  const { links: internalLinks, destinations } = pdfLinks(pdfFile);
  const laid = layoutOf(pdfFile);
  // The contents line a link covers ends with the page its heading is on (its rightmost word).
  const printedPage = (id: string) => {
    const link = internalLinks.find((candidate) => candidate.destination === id);
    if (!link) return undefined;
    const words = (laid[link.page - 1]?.lines ?? [])
      .flatMap((line) => line.words)
      .filter((word) => (word.yMin + word.yMax) / 2 > link.top && (word.yMin + word.yMax) / 2 < link.bottom)
      .sort((a, b) => a.xMax - b.xMax);
    return Number(words.at(-1)?.text);
  };

  for (const section of parts.sections) {
    const bookmark = bookmarks(outline).find((item) => letters(item.title) === letters(section.title));
    if (!bookmark) problems.push(`no bookmark for the section "${section.title}"`);
    for (const subsection of section.subsections) {
      // A bookmark nests under its section's where its heading is one level down (h3 under h2).
      if (
        subsection.level === 3 &&
        bookmark &&
        !bookmark.kids.some((kid) => letters(kid.title) === letters(subsection.title))
      )
        problems.push(`the bookmark "${section.title}" lacks its subsection "${subsection.title}"`);
      const shown = printedPage(subsection.id);
      const actual = destinations.get(subsection.id)?.page;
      if (shown === undefined || Number.isNaN(shown))
        problems.push(`the contents do not link the subsection "${subsection.title}"`);
      else if (shown !== actual)
        problems.push(`the contents give "${subsection.title}" page ${shown}; it is on page ${actual}`);
    }
  }

  if (!siteUrlSet)
    for (const uri of uriLinks(objects))
      if (!/^https?:\/\//.test(uri) || /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(uri))
        problems.push(`a link leads nowhere once the PDF is downloaded: ${uri}`);
  return problems;
}

/**
 * Links of a self-contained page (the single file) that lead nowhere: an `<a>` without a target
 * (styled and announced as a link), and, when the site's address is unknown, a link that is neither
 * inside the file nor to another host.
 */
export function deadLinks(html: string, siteUrlSet: boolean): string[] {
  const dead: string[] = [];
  visit(fromHtml(html), "element", (element) => {
    if (element.tagName !== "a") return;
    const href = element.properties["href"];
    const text = squeeze(textOf(element));
    if (typeof href !== "string") dead.push(`<a> without a target: "${text}"`);
    else if (!siteUrlSet && !href.startsWith("#") && !/^(https?|mailto):/.test(href))
      dead.push(`a link to the site without its address: ${href} ("${text}")`);
  });
  return dead;
}
