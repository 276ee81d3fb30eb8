/** A link of the site's main navigation; `path` is relative to the site's base. */
export interface NavigationLink {
  label: string;
  path: string;
}

/** The site's main navigation, in the order a reader needs it. */
export const navigationLinks: readonly NavigationLink[] = [
  { label: "Contents", path: "" },
  { label: "Full report", path: "report/" },
  { label: "Timeline", path: "timeline/" },
  { label: "References", path: "references/" },
  { label: "For instructors", path: "instructors/" },
];

/** What a report has of the optional parts the navigation links to. */
export interface OptionalParts {
  /** True when the report has timeline events (content/timeline.yaml). */
  timeline: boolean;
}

/** The navigation of a report: links to optional parts it lacks are left out. */
export function navigationFor(parts: OptionalParts): NavigationLink[] {
  return navigationLinks.filter((link) => link.path !== "timeline/" || parts.timeline);
}
