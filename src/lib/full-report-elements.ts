import { jsx } from "astro/jsx-runtime";
import { demotedHeading, type InPageTargets, inPageHref } from "./full-report.ts";

type Props = Record<string, unknown>;

/**
 * MDX element overrides for a section rendered inside the full report: headings one level down (the
 * section title is the h2) and links kept inside the page. Pass as `<Content components={...} />`.
 */
export function fullReportElements(targets: InPageTargets) {
  const heading = (tagName: string) => (props: Props) => jsx(demotedHeading(tagName), props);
  return {
    h2: heading("h2"),
    h3: heading("h3"),
    h4: heading("h4"),
    h5: heading("h5"),
    a: (props: Props) =>
      jsx("a", typeof props["href"] === "string" ? { ...props, href: inPageHref(props["href"], targets) } : props),
  };
}
