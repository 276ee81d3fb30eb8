import type { Element, ElementContent, Root } from "hast";
import { cloneTree, findAll, findFirst, hasClass, rewrite, textOf } from "./hast-tools.ts";

/** What a part of the report is, for the EPUB's landmarks and semantics. */
export type PartKind = "cover" | "section" | "timeline" | "references";

/** One document of the EPUB: the cover, a section, the timeline or the references. */
export interface ReportPart {
  kind: PartKind;
  /** File name inside the EPUB's content folder, e.g. `introduction.xhtml`. */
  file: string;
  /** The part's heading, for the contents and the document's title. */
  title: string;
  /** The part's content, with the report page's ids. */
  content: Element;
}

/** Thrown when the built report page lacks what an edition is made from. */
export class ReportPageError extends Error {}

function sectionTitle(section: Element): string {
  const heading = findFirst(section, (element) => /^h[1-6]$/.test(element.tagName));
  return heading ? textOf(heading) : "";
}

/**
 * Splits the built `/report/` page into the EPUB's documents: the cover, each section, the timeline
 * (from the built `/timeline/` page's accessible list when there is one) and the references.
 */
export function splitReportPage(reportPage: Root, timelinePage: Root | undefined): ReportPart[] {
  const article = findFirst(reportPage, (element) => hasClass(element, "full-report"));
  if (!article) throw new ReportPageError("the built report page has no article.full-report");
  const cover = findFirst(article, (element) => hasClass(element, "report-cover"));
  if (!cover) throw new ReportPageError("the built report page has no cover (header.report-cover)");
  const parts: ReportPart[] = [
    { kind: "cover", file: "cover.xhtml", title: textOf(cover.children[0] as Element), content: cloneTree(cover) },
  ];
  const timelineArticle = timelinePage && findFirst(timelinePage, (element) => hasClass(element, "timeline-page"));
  const timelinePart: ReportPart | undefined = timelineArticle && {
    kind: "timeline",
    file: "timeline.xhtml",
    title: sectionTitle(timelineArticle),
    content: cloneTree(timelineArticle),
  };
  let timelinePlaced = false;
  for (const section of article.children) {
    if (section.type !== "element" || !hasClass(section, "report-section")) continue;
    const id = String(section.properties["ariaLabelledBy"] ?? "");
    const references = hasClass(section, "report-references");
    if (references && timelinePart && !timelinePlaced) {
      parts.push(timelinePart);
      timelinePlaced = true;
    }
    // The report's own timeline section is the compact figure; the timeline page's list replaces it.
    if (id === "timeline" && timelinePart) {
      if (!timelinePlaced) parts.push(timelinePart);
      timelinePlaced = true;
      continue;
    }
    parts.push({
      kind: references ? "references" : "section",
      file: `${references ? "references" : id}.xhtml`,
      title: sectionTitle(section),
      content: cloneTree(section),
    });
  }
  if (!parts.some((part) => part.kind === "section")) throw new ReportPageError("the built report page has no section");
  return parts;
}

/** Every id in a part, for turning the report page's `#id` links into links between documents. */
export function idsOf(content: Element): string[] {
  return findAll(content, (element) => typeof element.properties["id"] === "string").map((element) =>
    String(element.properties["id"]),
  );
}

const HEADING = /^h([1-6])$/;

/**
 * Makes a part of the web page fit an e-reader, in place: decorative and hover-only elements
 * (aria-hidden, the paragraph and heading self-links, the download list) go, headings move up so
 * each document starts at h1, and (for an EPUB) footnotes and note references get their EPUB
 * semantics; a web page (`semantics: "web"`) keeps the site's footnote markup.
 */
export function adaptForReader(content: Element, headingShift: number, semantics: "epub" | "web" = "epub"): void {
  rewrite(content, (element): Element | ElementContent[] | null => {
    const { properties } = element;
    // A task's box is drawn for the eye (its state is in hidden text beside it): a reader keeps it.
    if (String(properties["ariaHidden"]) === "true" && !hasClass(element, "task-box")) return null;
    if (hasClass(element, "paragraph-link") || hasClass(element, "heading-anchor")) return null;
    if (hasClass(element, "report-downloads")) return null;
    if (hasClass(element, "heading-wrapper")) return element.children;
    if (element.tagName === "picture")
      return element.children.filter((child) => child.type === "element" && child.tagName === "img");
    const level = HEADING.exec(element.tagName)?.[1];
    if (level) element.tagName = `h${Math.min(6, Math.max(1, Number(level) + headingShift))}`;
    // A reader has no hover previews (they stay on the web page, outside the sections).
    delete properties["interestfor"];
    if (element.tagName === "img") {
      for (const key of ["srcSet", "sizes", "loading", "decoding", "fetchPriority"]) delete properties[key];
    }
    if (semantics === "web") return element;
    // EPUB's MathML 3 has no tabindex: a wide inline formula still scrolls in its box (report-css.ts).
    if (element.tagName === "math") delete properties["tabIndex"];
    // EPUB's MathML 3 allows scriptlevel on <mstyle> only; temml sets it on a fraction's parts within
    // a script (e^{-\frac{a}{b}}): the same level, from an <mstyle> around the part.
    const scriptlevel = properties["scriptlevel"];
    if (scriptlevel !== undefined && element.tagName !== "mstyle") {
      delete properties["scriptlevel"];
      return { type: "element", tagName: "mstyle", properties: { scriptlevel }, children: [element] };
    }
    if (properties["dataFootnoteRef"] !== undefined) {
      properties["epub:type"] = "noteref";
      properties["role"] = "doc-noteref";
    }
    if (properties["dataFootnoteBackref"] !== undefined) properties["role"] = "doc-backlink";
    if (properties["dataFootnotes"] !== undefined || hasClass(element, "footnotes")) return footnotesAsAsides(element);
    return element;
  });
}

// GFM's footnote list becomes one aside per note, the form EPUB reading systems pop up. An aside has
// no list marker: each note opens with its number, as its mark in the text shows it.
function footnotesAsAsides(section: Element): Element {
  const children: ElementContent[] = [];
  for (const child of section.children) {
    if (child.type === "element" && child.tagName === "ol") {
      const start = Number(child.properties["start"] ?? 1);
      let number = Number.isFinite(start) ? start : 1;
      for (const item of child.children) {
        if (item.type !== "element" || item.tagName !== "li") continue;
        children.push({
          type: "element",
          tagName: "aside",
          properties: { id: item.properties["id"], "epub:type": "footnote", role: "doc-footnote" },
          children: numbered(item.children, number++),
        });
      }
    } else children.push(child);
  }
  return { ...section, properties: { ...section.properties, "epub:type": "footnotes" }, children };
}

// The note's number before its text: inside its first paragraph, so that it reads as one line.
function numbered(children: ElementContent[], number: number): ElementContent[] {
  const label: Element = {
    type: "element",
    tagName: "span",
    properties: { className: ["note-number"] },
    children: [{ type: "text", value: `${number}. ` }],
  };
  const first = children.find((child): child is Element => child.type === "element");
  if (first?.tagName === "p") {
    first.children = [label, ...first.children];
    return children;
  }
  return [label, ...children];
}

const SAFE_ID = /^[A-Za-z][A-Za-z0-9\-_.:]*$/;
const ID_REFERENCES = ["ariaLabelledBy", "ariaDescribedBy", "ariaControls", "htmlFor"];

/**
 * Renames, in place, every id an e-reader might not resolve (citation keys may hold `?`, `#`, `%`
 * or `<`; EPUBCheck 4 and some reading systems fail on a `?` even when percent-encoded) to a name
 * of letters, digits and `-_.:`, and updates the attributes that point at ids. Returns the renames.
 */
export function readerSafeIds(parts: readonly Element[]): Map<string, string> {
  const renamed = new Map<string, string>();
  const all = new Set(parts.flatMap(idsOf));
  for (const id of all) {
    if (SAFE_ID.test(id)) continue;
    let safe = `${/^[A-Za-z]/.test(id) ? "" : "id-"}${id.replace(/[^A-Za-z0-9\-_.:]/g, (character) => `_${(character.codePointAt(0) ?? 0).toString(16)}_`)}`;
    while (all.has(safe)) safe = `${safe}-2`;
    all.add(safe);
    renamed.set(id, safe);
  }
  if (renamed.size === 0) return renamed;
  for (const part of parts) {
    for (const element of findAll(part, () => true)) {
      const { properties } = element;
      const id = properties["id"];
      if (typeof id === "string" && renamed.has(id)) properties["id"] = renamed.get(id);
      for (const key of ID_REFERENCES) {
        const value = properties[key];
        if (Array.isArray(value)) properties[key] = value.map((item) => renamed.get(String(item)) ?? item);
        else if (typeof value === "string")
          properties[key] = value
            .split(/\s+/)
            .map((item) => renamed.get(item) ?? item)
            .join(" ");
      }
    }
  }
  return renamed;
}
