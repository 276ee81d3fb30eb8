import { reportHeadingId } from "../content/heading-ids.ts";

/** The tag a heading inside a section takes on the full report, where each section is itself an h2. */
export function demotedHeading(tagName: string): string {
  const level = Number(/^h([1-6])$/.exec(tagName)?.[1]);
  if (!level) throw new Error(`not a heading tag: ${tagName}`);
  return `h${Math.min(level + 1, 6)}`;
}

/** Where links of the section pages lead on the full report page, which holds all of them. */
export interface InPageTargets {
  /** URL of the references page, e.g. `/references/`. */
  referencesUrl: string;
  /** Section page URL (e.g. `/sections/introduction/`) to the id of that section's heading. */
  sectionIds: ReadonlyMap<string, string>;
  /**
   * Section page URL to the ids of the headings inside it: on the full report they carry the
   * section's id as a prefix, so two sections may both have a "Background".
   */
  headingIds?: ReadonlyMap<string, ReadonlySet<string>> | undefined;
}

/**
 * Rewrites a link of a section page so that it stays inside the full report: citations jump to the
 * report's own references, links to a section or one of its paragraphs to that place on the page.
 * Any other link is returned unchanged.
 */
export function inPageHref(href: string, targets: InPageTargets): string {
  const hash = href.indexOf("#");
  const path = hash === -1 ? href : href.slice(0, hash);
  const fragment = hash === -1 ? "" : href.slice(hash + 1);
  if (path === targets.referencesUrl) return fragment ? `#${fragment}` : "#references";
  const sectionId = targets.sectionIds.get(path);
  if (sectionId === undefined) return href;
  if (fragment && targets.headingIds?.get(path)?.has(fragment)) return `#${reportHeadingId(sectionId, fragment)}`;
  return `#${fragment || sectionId}`;
}

/** True when a section's MDX source places the timeline component itself. */
export function embedsTimeline(mdxSource: string): boolean {
  return /<Timeline[\s/>]/.test(mdxSource);
}
