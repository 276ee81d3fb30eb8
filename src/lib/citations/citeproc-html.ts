import CSL from "citeproc";

/**
 * The classes citeproc's formatting becomes, in place of the inline `style` spans of its stock HTML
 * format (which the site's Content-Security-Policy blocks): each maps to one rule in global.css.
 */
export const CITEPROC_CLASSES = {
  "@font-style/normal": "csl-upright",
  "@font-variant/small-caps": "csl-small-caps",
  "@font-variant/normal": "csl-normal-variant",
  "@font-weight/normal": "csl-normal-weight",
  "@text-decoration/none": "csl-no-decoration",
  "@text-decoration/underline": "csl-underline",
  "@vertical-align/baseline": "csl-baseline",
} as const;

type Format = Record<string, unknown>;

/**
 * Makes citeproc's HTML output format safe by construction, once per process: text escaped for
 * attributes too, formatting as classes (never `style`), and links only to http(s) addresses
 * (a URL or DOI that is not one stays text). Every engine made afterwards uses it.
 */
export function useSafeCiteprocHtml(): void {
  const formats = (CSL as unknown as { Output: { Formats: Record<string, Format> } }).Output.Formats;
  const html = formats["html"];
  // A mark on citeproc's own object: two module graphs sharing one citeproc patch it once.
  if (!html || html["report_safe"]) return;
  const stockEscape = html["text_escape"] as (text: string) => string;
  // The stock escape handles &, < and > but not ": a " in a field then ended a link's href. Every
  // attribute of the format is double-quoted, so escaping " makes any text one attribute value.
  html["text_escape"] = (text: string) => stockEscape(text).replace(/"/g, "&#34;");
  for (const [decoration, className] of Object.entries(CITEPROC_CLASSES)) {
    html[decoration] = `<span class="${className}">%%STRING%%</span>`;
  }
  const link = (href: string, text: string) =>
    /^https?:\/\/[^\s"'<>]+$/i.test(href) ? `<a href="${href}">${text}</a>` : text;
  html["@URL/true"] = (_state: unknown, text: string) => link(text, text);
  html["@DOI/true"] = (_state: unknown, text: string) =>
    link(/^https?:\/\//i.test(text) ? text : `https://doi.org/${text}`, text);
  html["report_safe"] = true;
}
