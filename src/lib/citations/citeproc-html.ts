import CSL from "citeproc";
import { webAddress } from "../build/url-gate.ts";

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
  // Every address passes the one URL gate as the value it stands for (citeproc hands it over
  // escaped); only an http(s) address becomes a link, written as browsers serialize it.
  const link = (address: string, text: string) => {
    const checked = webAddress(address);
    return "href" in checked ? `<a href="${checked.href.replace(/&/g, "&amp;")}">${text}</a>` : text;
  };
  html["@URL/true"] = (_state: unknown, text: string) => link(unescapeHtml(text), text);
  // APA's style puts https://doi.org/ before the DOI; a DOI field may hold another address.
  html["@DOI/true"] = (_state: unknown, text: string) => {
    const value = unescapeHtml(text);
    const doi = value.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, "");
    return link(doi === value && /^https?:\/\//i.test(value) ? value : doiAddress(doi), text);
  };
  html["report_safe"] = true;
}

/** What citeproc's escaping (with ours for `"`) writes for each character it escapes. */
const ESCAPED: Readonly<Record<string, string>> = {
  "#38": "&",
  amp: "&",
  "#60": "<",
  lt: "<",
  "#62": ">",
  gt: ">",
  "#34": '"',
  quot: '"',
};

/** Undoes citeproc's escaping of a field's text, giving the value the field holds. */
function unescapeHtml(text: string): string {
  return text.replace(/&(#38|amp|#60|lt|#62|gt|#34|quot);/g, (_match, name: string) => ESCAPED[name] ?? "");
}

/**
 * The doi.org address of a DOI: `#` and `?` in a DOI are part of its name, not a fragment or a
 * query, so they are percent-encoded (DOI Handbook 2.5.2.4); the URL gate encodes the rest.
 */
export function doiAddress(doi: string): string {
  return `https://doi.org/${doi.replace(/[#?]/g, (mark) => encodeURIComponent(mark))}`;
}
