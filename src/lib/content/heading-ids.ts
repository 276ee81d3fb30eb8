import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";

// Letters NFKD does not take apart into a base letter and accents.
const LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
  ı: "i",
};

/**
 * Text as an ASCII slug: lowercase Latin letters and digits joined by single hyphens ("Über uns" ->
 * "uber-uns"). The same text always gives the same slug; it is empty when the text has no Latin
 * letter or digit.
 */
export function asciiSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => LETTERS[letter] ?? letter)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Ids the site's own pages use (layout, contents, references, cite-this, instructors' page). */
export const RESERVED_IDS: ReadonlySet<string> = new Set([
  "main",
  "contents",
  "contents-heading",
  "references",
  "further-reading",
  "timeline",
  "cite-this",
  "links-heading",
  "questions-heading",
  "page-toc-heading",
  "license-heading",
  "downloads-heading",
  "more-heading",
  "sections-heading",
  "sections-table-caption",
  "footnotes",
  "footnote-label",
]);

/** Prefixes of ids the build hands out: paragraphs, references, timeline events, footnotes. */
export const RESERVED_ID_PREFIXES: readonly string[] = ["p-", "ref-", "event-", "fn-", "fnref-", "user-content-"];

/** True when an id is the site's own, or looks like one the build makes for something else. */
export function isReservedId(id: string): boolean {
  return RESERVED_IDS.has(id) || RESERVED_ID_PREFIXES.some((prefix) => id.startsWith(prefix));
}

/** The id an author wrote for a heading (`## Methods {#sec-methods}` in a Markdown file), if any. */
export function givenHeadingId(heading: {
  data?: { hProperties?: object | undefined } | undefined;
}): string | undefined {
  const id = (heading.data?.hProperties as Record<string, unknown> | undefined)?.["id"];
  return typeof id === "string" ? id : undefined;
}

/**
 * A page's heading ids in document order, with the ids authors gave kept and reserved first, so
 * that a heading whose text slugs to "methods" never takes the id a later `{#methods}` asks for.
 */
export function allocateHeadingIds<T>(
  headings: readonly T[],
  given: (heading: T) => string | undefined,
  text: (heading: T) => string,
): Map<T, string> {
  const allocator = new HeadingIdAllocator();
  for (const heading of headings) {
    const id = given(heading);
    if (id !== undefined) allocator.reserve(id);
  }
  return new Map(headings.map((heading) => [heading, given(heading) ?? allocator.allocate(text(heading))]));
}

/** Hands out heading ids on one page: ASCII, never a reserved id, -2, -3 ... for repeats. */
export class HeadingIdAllocator {
  private readonly used = new Set<string>();

  /** Marks an id as taken on this page. */
  reserve(id: string): void {
    this.used.add(id);
  }

  /** The id of the next heading with this text. */
  allocate(text: string): string {
    const slug = asciiSlug(text) || "section";
    // "section-" and "-section" are no reserved prefix, so the loop below ends.
    const base = RESERVED_IDS.has(slug) ? `${slug}-section` : isReservedId(slug) ? `section-${slug}` : slug;
    let id = base;
    for (let suffix = 2; this.used.has(id) || isReservedId(id); suffix++) id = `${base}-${suffix}`;
    this.used.add(id);
    return id;
  }
}

const HEADING = /^h[2-6]$/;

function isHidden(element: Element): boolean {
  const { className, ariaHidden, hidden } = element.properties;
  const classes = Array.isArray(className) ? className.map(String) : [];
  return (
    hidden === true ||
    String(ariaHidden) === "true" ||
    classes.some((name) => name === "visually-hidden" || name.endsWith("-preview"))
  );
}

/** The text a reader sees in a heading: hidden helper text (screen-reader labels, previews) left out. */
function visibleText(nodes: readonly ElementContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === "text") return node.value;
      if (node.type === "element") return isHidden(node) ? "" : visibleText(node.children);
      return "";
    })
    .join("");
}

/**
 * Gives every h2-h6 an ASCII id that no other heading of the page and none of the site's own ids
 * take. Runs before Astro's heading collector, which keeps ids already set (so the page's table of
 * contents uses these). An id set earlier (by another plugin) is kept.
 */
export function rehypeHeadingIdsAscii() {
  return (tree: Root) => {
    const headings: Element[] = [];
    visit(tree, "element", (node: Element) => {
      if (HEADING.test(node.tagName)) headings.push(node);
    });
    // An id set earlier (the author's {#id}, the footnotes' label) is kept.
    const given = (node: Element) => (typeof node.properties["id"] === "string" ? node.properties["id"] : undefined);
    for (const [node, id] of allocateHeadingIds(headings, given, (node) => visibleText(node.children))) {
      node.properties["id"] = id;
    }
  };
}

/** The id of a section's own heading on the full report page: its slug, unless the page uses that id itself. */
export function reportSectionId(slug: string): string {
  return isReservedId(slug) ? `section-${slug}` : slug;
}

/** The id a heading of a section takes on the full report page, where every section is on one page. */
export function reportHeadingId(sectionSlug: string, headingId: string): string {
  return `${sectionSlug}--${headingId}`;
}
