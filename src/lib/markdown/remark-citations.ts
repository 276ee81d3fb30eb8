import type { Element, ElementContent } from "hast";
import type { PhrasingContent, Root } from "mdast";
import type { VFile } from "vfile";
import type { CitationEngine, CitationNodes, FormattedCitation, FormattedEntry } from "../citations/citation-engine.ts";
import { type FoundCitation, spliceCitation } from "../citations/find-citations.ts";
import type { Citation } from "../citations/parse-citations.ts";
import { unknownKeyError } from "../citations/unknown-key.ts";
import { citationMarks, type MarkedCitation } from "./citation-marks.ts";
import { PREVIEW_KEYS_FIELD, previewId } from "./citation-previews.ts";

/** What the citations plugin needs of the build's one bibliography and citeproc engine. */
export interface CitationContext {
  /** The bibliography's keys, for checking citations. */
  keys: ReadonlySet<string>;
  bibliography: { file: string | undefined };
  engine: Pick<CitationEngine, "formatCitation">;
  /** Every listed entry, formatted once, for the previews. */
  entries: ReadonlyMap<string, FormattedEntry>;
}

/** Options of {@link remarkCitations}. */
export interface CitationOptions {
  /** The report's citation context, handed down by the pipeline (asked per file: it follows edits in dev). */
  citations: () => CitationContext;
  /** URL of the references page, e.g. `/references/`. */
  referencesUrl: string;
}

/** The fragment id of a work's entry on the references page. */
export function referenceAnchor(key: string): string {
  return `ref-${key}`;
}

/** A link to a work's entry: keys may hold `#`, `%`, `?`, `<`, `>`, which a URL fragment must escape. */
export function referenceHref(referencesUrl: string, key: string): string {
  return `${referencesUrl}#${encodeURIComponent(referenceAnchor(key))}`;
}

/** A copy of formatted nodes: the engine's trees are shared by every citation of a work. */
function copied(nodes: CitationNodes | undefined): ElementContent[] {
  return nodes ? structuredClone(nodes) : [];
}

function element(tagName: string, properties: Element["properties"], children: ElementContent[]): Element {
  return { type: "element", tagName, properties, children };
}

/**
 * The hast of a formatted citation in running text: each work links to its entry, and the link's
 * own text is its accessible name ("Li et al. (2020)"). A link whose work has a preview points at
 * the page's one preview of it (`interestfor`, see citation-previews.ts), which the browser shows on
 * hover and keyboard focus; the full reference is not repeated in every citation.
 */
export function citationElement(
  formatted: FormattedCitation,
  entries: ReadonlyMap<string, FormattedEntry>,
  referencesUrl: string,
  preview = true,
): Element {
  const children: ElementContent[] = [];
  formatted.parts.forEach((part, index) => {
    children.push(...copied(formatted.gaps[index]));
    const previewed = preview && entries.has(part.key);
    children.push(
      element(
        "a",
        {
          href: referenceHref(referencesUrl, part.key),
          className: ["citation-link"],
          ...(previewed ? { interestfor: previewId(part.key) } : {}),
        },
        copied(part.nodes),
      ),
    );
  });
  children.push(...copied(formatted.gaps.at(-1)));
  return element("span", { className: ["citation"] }, children);
}

/**
 * A citation as plain formatted text, for a link's text (no nested link, no preview); `data-cites`
 * names the works, as in Pandoc's HTML.
 */
export function plainCitationElement(formatted: FormattedCitation): Element {
  const keys = formatted.parts.map((part) => part.key).join(" ");
  return element("span", { className: ["citation"], dataCites: keys }, copied(formatted.nodes));
}

function checkKeys(citation: Citation, context: CitationContext, file: VFile, line: number | undefined): void {
  for (const item of citation.items) {
    if (context.keys.has(item.key)) continue;
    throw unknownKeyError({
      key: item.key,
      knownKeys: context.keys,
      file: file.path,
      line,
      bibliography: context.bibliography.file ?? "content/references.bib",
      markdown: true,
    });
  }
}

function hastNode(hast: Element): PhrasingContent {
  return {
    type: "emphasis",
    children: [],
    data: { hName: hast.tagName, hProperties: hast.properties, hChildren: hast.children },
  };
}

/** Renders one citation into its mark, or into the alt text it stands in (last to first in an alt text). */
function replace(
  { found, mark }: MarkedCitation,
  formatted: FormattedCitation,
  context: CitationContext,
  referencesUrl: string,
) {
  // In a heading, the preview's text would become part of the heading's id and name.
  const hast =
    found.place === "link"
      ? plainCitationElement(formatted)
      : citationElement(formatted, context.entries, referencesUrl, found.place === "text");
  if (mark) Object.assign(mark, hastNode(hast));
  else spliceCitation(found, [], formatted.text);
}

/**
 * Lists in the file's frontmatter data the works whose preview its citations point at, so that the
 * page showing the file carries each preview once.
 */
function recordPreviews(found: readonly FoundCitation[], context: CitationContext, file: VFile): void {
  const keys = new Set<string>();
  for (const citation of found) {
    if (citation.place !== "text") continue;
    for (const item of citation.citation.items) if (context.entries.has(item.key)) keys.add(item.key);
  }
  // In place: Astro's MDX step holds this object and exports it as the file's frontmatter.
  file.data.astro ??= {};
  file.data.astro.frontmatter ??= {};
  file.data.astro.frontmatter[PREVIEW_KEYS_FIELD] = [...keys];
}

/**
 * Turns Pandoc citations (`[@key]`, `@key`, `[-@key]`, `[see @key, p. 3]`, `@key [p. 3; @other]`)
 * into APA citations wherever they stand: paragraphs, headings, lists, quotes, tables, footnotes,
 * link text and image alt text.
 */
export function remarkCitations({ citations, referencesUrl }: CitationOptions) {
  return (tree: Root, file: VFile) => {
    const context = citations();
    // The file's one find: made here, or already by the paragraph anchors (see citation-marks.ts).
    const marked = citationMarks(tree, file);
    for (const { found } of marked) checkKeys(found.citation, context, file, found.line);
    // Last to first, so earlier offsets in an alt text stay valid.
    for (const citation of [...marked].reverse()) {
      replace(citation, context.engine.formatCitation(citation.found.citation), context, referencesUrl);
    }
    recordPreviews(
      marked.map((citation) => citation.found),
      context,
      file,
    );
  };
}
