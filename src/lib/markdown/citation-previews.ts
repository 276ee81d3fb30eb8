import type { Element, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import type { FormattedEntry } from "../citations/citation-engine.ts";

/**
 * The field of a content file's frontmatter data (`remarkPluginFrontmatter`) where the citations
 * plugin lists the works whose preview the file's citations point at, in first-cited order.
 */
export const PREVIEW_KEYS_FIELD = "citationPreviews";

/** The id of a work's one preview on a page; every citation of the work points at it (`interestfor`). */
export function previewId(key: string): string {
  return `preview-${key}`;
}

/** The preview keys a rendered content file lists in its frontmatter data; none when it cites nothing. */
export function previewKeysOf(frontmatter: Record<string, unknown>): string[] {
  const keys = frontmatter[PREVIEW_KEYS_FIELD];
  return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === "string") : [];
}

/**
 * The HTML of a page's citation previews: each work's full reference once, as a hint popover that
 * the browser shows while a citation of it has the reader's interest (hover or keyboard focus) and
 * places beside that citation; no script. Hidden from screen readers, who follow the link to the
 * entry instead, and inert (never focused). Works named twice get one preview.
 */
export function citationPreviewsHtml(entries: Iterable<FormattedEntry>): string {
  const seen = new Set<string>();
  const previews: Element[] = [];
  for (const entry of entries) {
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    previews.push({
      type: "element",
      tagName: "div",
      // Inert as well as hidden: the keyboard must not land on a link in it (a DOI) that a screen reader cannot see.
      properties: {
        id: previewId(entry.key),
        className: ["citation-preview"],
        popover: "hint",
        ariaHidden: "true",
        inert: true,
      },
      // A copy: the entry's tree is shared by every page that shows it.
      children: structuredClone(entry.nodes),
    });
  }
  if (previews.length === 0) return "";
  const root: Root = {
    type: "root",
    children: [
      { type: "element", tagName: "div", properties: { className: ["citation-previews"] }, children: previews },
    ],
  };
  return toHtml(root);
}
