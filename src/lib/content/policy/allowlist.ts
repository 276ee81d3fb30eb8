import { defaultSchema } from "hast-util-sanitize";
import { find, html } from "property-information";

/**
 * THE allowlist of what section and page files may contain besides Markdown: the project's own
 * components, and the HTML elements and attributes an author may write by hand. Everything else
 * (expressions, import/export, other components, elements and attributes) stops the build.
 *
 * Extend it HERE when the site gains a component or an element its content may use: add the
 * component to {@link CONTENT_COMPONENTS} (and pass it to `<Content components={...} />` on the
 * pages), an element to {@link EXTRA_ELEMENTS}, an attribute to {@link EXTRA_ATTRIBUTES}.
 * Elements and attributes the build itself generates (code highlighting, MathML, footnotes) need no
 * entry: the policy checks what the author wrote, before any plugin runs.
 */

/** What an allowed component accepts. */
export interface ComponentRule {
  /** Attribute (prop) names the component accepts, as written in MDX. */
  attributes: readonly string[];
  /** Attributes whose value is a URL, checked like links (http(s), mailto, in-site). */
  urlAttributes?: readonly string[];
  /** Attributes whose value is an image source: in-site only (no network at build). */
  imageAttributes?: readonly string[];
  /** Short description for error messages ("the history timeline"). */
  description: string;
}

/** The project's own components an author may place in a section or page, by name. */
export const CONTENT_COMPONENTS: Readonly<Record<string, ComponentRule>> = {
  Timeline: { attributes: [], description: "the history timeline (from timeline.yaml)" },
  Figure: {
    attributes: ["src", "alt", "id", "width"],
    imageAttributes: ["src"],
    description: "a numbered figure with its caption",
  },
  Table: { attributes: ["id"], description: "a numbered table with its caption" },
  Listing: { attributes: ["id"], description: "a numbered code listing with its caption" },
  Algorithm: { attributes: ["id"], description: "a numbered algorithm with its caption (LaTeX's algorithm, read)" },
};

/**
 * HTML elements GitHub's sanitizer drops or that never belong in a report's text, with the reason
 * an author is told. These are refused even if a later edit adds them to the allowlist by mistake.
 */
export const FORBIDDEN_ELEMENTS: Readonly<Record<string, string>> = {
  script: "scripts would run in the reader's browser (the site ships no JavaScript)",
  style: "a style element would restyle every page (the site's stylesheets do the styling)",
  iframe: "an iframe loads another site into the page (the site loads nothing from other hosts)",
  frame: "a frame loads another page (the site loads nothing from other hosts)",
  frameset: "a frameset loads other pages (the site loads nothing from other hosts)",
  object: "an object element loads and runs external content",
  embed: "an embed element loads and runs external content",
  applet: "an applet runs code",
  meta: "a meta element can redirect readers to another site (http-equiv refresh)",
  base: "a base element changes where every link of the page leads",
  link: "a link element loads stylesheets or other resources",
  form: "a form sends what readers type to another place",
  input: "form controls have no place in the report's text",
  button: "form controls have no place in the report's text",
  textarea: "form controls have no place in the report's text",
  select: "form controls have no place in the report's text",
  svg: "inline SVG can carry scripts and links; put the drawing in an image file instead",
  math: "write math in Markdown instead of raw MathML",
  template: "a template element holds markup that is never shown",
  noscript: "the site ships no scripts, so noscript is meaningless",
  portal: "a portal loads another site into the page",
};

/** Elements allowed beyond GitHub's list. */
export const EXTRA_ELEMENTS: readonly string[] = [
  "abbr",
  "caption",
  "cite",
  "dfn",
  "figcaption",
  "figure",
  "mark",
  "small",
  "u",
];

/**
 * Attributes allowed beyond GitHub's list, by element (`*` for every element), written as HTML
 * attribute names.
 */
export const EXTRA_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  "*": ["aria-label", "aria-describedby", "role"],
};

/**
 * Attributes refused on every element although GitHub allows some of them: ids and names are
 * made by the build (headings, paragraphs, footnotes) and must stay unique, and authored classes
 * would borrow the site's own styling hooks.
 */
export const FORBIDDEN_ATTRIBUTES: Readonly<Record<string, string>> = {
  id: "ids are made by the build (headings, paragraphs) so that they stay unique on every page",
  name: "names are made by the build so that ids stay unique on every page",
  class: "the site's stylesheets style Markdown itself; classes would borrow its internal hooks",
  style: "inline styles are blocked by the site's Content Security Policy; the stylesheets do the styling",
};

/** Attributes whose value is a URL that readers follow: http(s), mailto or a path in the site. */
export const LINK_ATTRIBUTES: readonly string[] = ["href", "cite", "longdesc", "action", "formaction"];

/** Attributes whose value the browser loads as the page opens: only files of the site itself. */
export const LOADED_ATTRIBUTES: readonly string[] = ["src", "srcset", "poster", "data", "background"];

/** Schemes a link may use: the URL gate's one list. */
export { ALLOWED_LINK_SCHEMES } from "../../build/url-gate.ts";

/** The HTML elements an author may write: GitHub's sanitizer schema plus {@link EXTRA_ELEMENTS}. */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set(
  [...(defaultSchema.tagNames ?? []), ...EXTRA_ELEMENTS].filter((name) => !(name in FORBIDDEN_ELEMENTS)),
);

function propertyName(attribute: string): string {
  return find(html, attribute).property;
}

function schemaAttributeNames(tagName: string): string[] {
  const list = defaultSchema.attributes?.[tagName] ?? [];
  // A [name, ...values] entry allows only some values (GitHub's task-list classes): not for authors.
  return list.flatMap((entry) => (typeof entry === "string" ? [entry] : []));
}

/**
 * True when an author may write this attribute on this element. Names are compared as hast
 * property names, so `class`/`className` and `aria-label`/`ariaLabel` are the same attribute.
 */
export function isAllowedAttribute(tagName: string, attribute: string): boolean {
  const property = propertyName(attribute);
  if (Object.keys(FORBIDDEN_ATTRIBUTES).some((name) => propertyName(name) === property)) return false;
  if (/^on/i.test(attribute)) return false;
  const allowed = [
    ...schemaAttributeNames("*"),
    ...schemaAttributeNames(tagName),
    ...(EXTRA_ATTRIBUTES["*"] ?? []),
    ...(EXTRA_ATTRIBUTES[tagName] ?? []),
  ].map(propertyName);
  return allowed.includes(property);
}

/** Why an attribute is refused on every element, if it is one of the always-forbidden ones. */
export function forbiddenAttributeReason(attribute: string): string | undefined {
  const property = propertyName(attribute);
  const match = Object.entries(FORBIDDEN_ATTRIBUTES).find(([name]) => propertyName(name) === property);
  return match?.[1];
}
