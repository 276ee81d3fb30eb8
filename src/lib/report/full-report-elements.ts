import { jsx } from "astro/jsx-runtime";
import { reportHeadingId } from "../content/heading-ids.ts";
import { demotedHeading, type InPageTargets, inPageHref } from "./full-report.ts";

type Props = Record<string, unknown>;

/** The section being rendered: its id on the full report and the ids of its headings. */
export interface ReportSectionIds {
  sectionId: string;
  headingIds: ReadonlySet<string>;
}

/**
 * MDX element overrides for a section rendered inside the full report: headings one level down (the
 * section title is the h2) with the section's id before their own, and links kept inside the page.
 * Pass as `<Content components={...} />`.
 */
export function fullReportElements(targets: InPageTargets, section?: ReportSectionIds) {
  // A heading id of this section, or a link to one, on the full report page.
  const ownId = (id: unknown) =>
    // Ids that already start with the section's id (per-section footnote labels) are unique as they are.
    section && typeof id === "string" && section.headingIds.has(id) && !id.startsWith(`${section.sectionId}-`)
      ? reportHeadingId(section.sectionId, id)
      : undefined;
  const heading = (tagName: string) => (props: Props) =>
    jsx(demotedHeading(tagName), { ...props, ...(ownId(props["id"]) ? { id: ownId(props["id"]) } : {}) });
  const href = (value: string) => {
    const own = value.startsWith("#") ? ownId(value.slice(1)) : undefined;
    return own ? `#${own}` : inPageHref(value, targets);
  };
  return {
    h2: heading("h2"),
    h3: heading("h3"),
    h4: heading("h4"),
    h5: heading("h5"),
    h6: heading("h6"),
    a: (props: Props) => jsx("a", typeof props["href"] === "string" ? { ...props, href: href(props["href"]) } : props),
  };
}
