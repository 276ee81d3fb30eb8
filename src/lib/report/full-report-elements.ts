import { jsx } from "astro/jsx-runtime";
import type { Element, Properties } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { visit } from "unist-util-visit";
import { reportHeadingId } from "../content/heading-ids.ts";
import { demotedHeading, type InPageTargets, inPageHref } from "./full-report.ts";

type Props = Record<string, unknown>;

/** The section being rendered: its id on the full report and the ids of its headings. */
export interface ReportSectionIds {
  sectionId: string;
  headingIds: ReadonlySet<string>;
}

/** The elements a section's content changes on the full report: its headings and its links. */
const REPORT_TAGS = ["h2", "h3", "h4", "h5", "h6", "a"] as const;
type ReportTag = (typeof REPORT_TAGS)[number];

function isReportTag(tagName: string): tagName is ReportTag {
  return (REPORT_TAGS as readonly string[]).includes(tagName);
}

/**
 * How one element of a section reads on the full report page, whatever the section's format: a
 * heading one level down (the section title is the h2) with the section's id before its own, a link
 * kept inside the page. The one rule both the MDX components and the Markdown HTML apply.
 */
export function fullReportElement(
  tagName: ReportTag,
  props: Props,
  targets: InPageTargets,
  section?: ReportSectionIds,
): { tagName: string; props: Props } {
  // A heading id of this section, or a link to one, on the full report page.
  const ownId = (id: unknown) =>
    // Ids that already start with the section's id (per-section footnote labels) are unique as they are.
    section && typeof id === "string" && section.headingIds.has(id) && !id.startsWith(`${section.sectionId}-`)
      ? reportHeadingId(section.sectionId, id)
      : undefined;
  if (tagName === "a") {
    const href = props["href"];
    if (typeof href !== "string") return { tagName, props };
    const own = href.startsWith("#") ? ownId(href.slice(1)) : undefined;
    return { tagName, props: { ...props, href: own ? `#${own}` : inPageHref(href, targets) } };
  }
  const id = ownId(props["id"]);
  return { tagName: demotedHeading(tagName), props: id ? { ...props, id } : props };
}

/**
 * MDX element overrides for a section rendered inside the full report (see `fullReportElement`).
 * Pass as `<Content components={...} />`.
 */
export function fullReportElements(targets: InPageTargets, section?: ReportSectionIds) {
  const element = (tag: ReportTag) => (props: Props) => {
    const { tagName, props: changed } = fullReportElement(tag, props, targets, section);
    return jsx(tagName, changed);
  };
  return Object.fromEntries(REPORT_TAGS.map((tag) => [tag, element(tag)])) as Record<
    ReportTag,
    (props: Props) => unknown
  >;
}

/**
 * A Markdown section's rendered HTML as it reads on the full report: the same rule as the MDX
 * components, applied to the HTML, since Markdown output takes no components.
 */
export function fullReportHtml(html: string, targets: InPageTargets, section?: ReportSectionIds): string {
  const tree = fromHtml(html, { fragment: true });
  visit(tree, "element", (node: Element) => {
    if (!isReportTag(node.tagName)) return;
    const { tagName, props } = fullReportElement(node.tagName, node.properties as Props, targets, section);
    node.tagName = tagName;
    node.properties = props as Properties;
  });
  return toHtml(tree);
}
