import CSL from "citeproc";
import type { Element, ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { webAddress } from "../build/url-gate.ts";

/**
 * citeproc-js's output as a tree. The report's own output format ("report-tree") writes citeproc's
 * structure with three characters of Unicode's private use area in place of tags, and data as it
 * is, with those three characters replaced: data can never make or end an element. `citeprocTree`
 * reads the result into hast elements of a fixed list, so no HTML string is joined or re-parsed on
 * the way from a bibliography to a page.
 */

/** The name of the report's output format, for `engine.setOutputFormat`. */
export const CITEPROC_TREE_FORMAT = "report-tree";

const OPEN = "\uE000";
const NAME_END = "\uE001";
const CLOSE = "\uE002";
const STRUCTURE = /[\uE000-\uE002]/g;
const HAS_STRUCTURE = /[\uE000-\uE002]/;

/**
 * The classes citeproc's formatting becomes, in place of the inline `style` of its stock HTML
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

/** citeproc's display classes, each a `div` as in its stock HTML. */
const DISPLAY_CLASSES = ["csl-block", "csl-left-margin", "csl-right-inline", "csl-indent"] as const;

/** Every element the tree may hold: its name in the format, and the element it becomes. */
const ELEMENTS: ReadonlyMap<string, () => Element> = new Map<string, () => Element>([
  ...["i", "em", "b", "sup", "sub"].map((tag) => [tag, () => element(tag, {})] as const),
  ...Object.values(CITEPROC_CLASSES).map((name) => [name, () => element("span", { className: [name] })] as const),
  ...DISPLAY_CLASSES.map((name) => [name, () => element("div", { className: [name] })] as const),
]);

/** The prefix of a link's name in the format; the gate-checked address follows it. */
const LINK = "a ";

function element(tagName: string, properties: Element["properties"]): Element {
  return { type: "element", tagName, properties, children: [] };
}

/** One element of the format around `content` (`name` is one of `ELEMENTS`, or a link). */
function wrap(name: string, content: string): string {
  return `${OPEN}${name}${NAME_END}${content}${CLOSE}`;
}

type Format = Record<string, unknown>;
type CslModule = {
  Output: { Formats: Record<string, Format> };
  SUPERSCRIPTS_REGEXP: RegExp;
  SUPERSCRIPTS: Record<string, string>;
};

/**
 * A link to a field's address when it passes the one URL gate as an http(s) address, written as
 * browsers serialize it; otherwise the text alone. Text holding structure (a superscript digit of the
 * data) is no address.
 */
function link(address: string, text: string): string {
  if (HAS_STRUCTURE.test(address)) return text;
  const checked = webAddress(address);
  return "href" in checked ? wrap(`${LINK}${checked.href}`, text) : text;
}

/**
 * The doi.org address of a DOI: `#` and `?` in a DOI are part of its name, not a fragment or a
 * query, so they are percent-encoded (DOI Handbook 2.5.2.4); the URL gate encodes the rest.
 */
export function doiAddress(doi: string): string {
  return `https://doi.org/${doi.replace(/[#?]/g, (mark) => encodeURIComponent(mark))}`;
}

/** Registers the report's output format with citeproc, once per process (a mark on citeproc's own object). */
export function useCiteprocTreeFormat(): void {
  const csl = CSL as unknown as CslModule;
  const formats = csl.Output.Formats;
  if (formats[CITEPROC_TREE_FORMAT]) return;
  const html = formats["html"] ?? {};
  const format: Format = {
    ...html,
    // Data keeps every character but the format's three; runs of white space and superscript digits
    // are set as citeproc's HTML sets them.
    text_escape: (text: string | undefined) =>
      (text ?? "")
        .replace(STRUCTURE, "\uFFFD")
        .replace(/\s\s/g, "\u00A0 ")
        .replace(csl.SUPERSCRIPTS_REGEXP, (digit) => wrap("sup", csl.SUPERSCRIPTS[digit] ?? "")),
    bibstart: "",
    bibend: "",
    "@font-style/italic": wrap("i", "%%STRING%%"),
    "@font-style/oblique": wrap("em", "%%STRING%%"),
    "@font-weight/bold": wrap("b", "%%STRING%%"),
    "@vertical-align/sup": wrap("sup", "%%STRING%%"),
    "@vertical-align/sub": wrap("sub", "%%STRING%%"),
    "@bibliography/entry": (_state: unknown, text: string) => text,
    "@display/block": (_state: unknown, text: string) => `\n\n    ${wrap("csl-block", text)}\n`,
    "@display/left-margin": (_state: unknown, text: string) => `\n    ${wrap("csl-left-margin", text)}`,
    "@display/right-inline": (_state: unknown, text: string) => `${wrap("csl-right-inline", text)}\n  `,
    "@display/indent": (_state: unknown, text: string) => `${wrap("csl-indent", text)}\n  `,
    "@showid/true": (_state: unknown, text: string) => text,
    // Every address passes the one URL gate; only an http(s) address becomes a link.
    "@URL/true": (_state: unknown, text: string) => link(text, text),
    // APA's style puts https://doi.org/ before the DOI; a DOI field may hold another address.
    "@DOI/true": (_state: unknown, text: string) => {
      const doi = text.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, "");
      return link(doi === text && /^https?:\/\//i.test(text) ? text : doiAddress(doi), text);
    },
  };
  for (const [decoration, className] of Object.entries(CITEPROC_CLASSES))
    format[decoration] = wrap(className, "%%STRING%%");
  formats[CITEPROC_TREE_FORMAT] = format;
}

/** The error of output the format cannot have written: a fault of this module, never of data. */
function malformed(output: string, at: number): Error {
  return new Error(`citeproc-tree: unbalanced output at ${at}: ${JSON.stringify(output.slice(at, at + 40))}`);
}

/** Reads the format's output into hast: only the elements of `ELEMENTS` and gate-checked links. */
export function citeprocTree(output: string): ElementContent[] {
  const root = element("root", {});
  const open: Element[] = [root];
  let text = "";
  const flush = () => {
    if (text === "") return;
    const parent = open.at(-1) ?? root;
    const last = parent.children.at(-1);
    if (last?.type === "text") last.value += text;
    else parent.children.push({ type: "text", value: text });
    text = "";
  };
  for (let at = 0; at < output.length; at += 1) {
    const character = output[at] ?? "";
    if (character === OPEN) {
      flush();
      const end = output.indexOf(NAME_END, at);
      if (end === -1) throw malformed(output, at);
      const name = output.slice(at + 1, end);
      const made = name.startsWith(LINK)
        ? element("a", { href: name.slice(LINK.length) })
        : (ELEMENTS.get(name)?.() ?? undefined);
      if (!made) throw malformed(output, at);
      (open.at(-1) ?? root).children.push(made);
      open.push(made);
      at = end;
    } else if (character === CLOSE) {
      flush();
      if (open.length < 2) throw malformed(output, at);
      open.pop();
    } else if (character === NAME_END) {
      throw malformed(output, at);
    } else {
      text += character;
    }
  }
  flush();
  if (open.length !== 1) throw malformed(output, output.length);
  return root.children;
}

/** Whether a cut of the format's output opens and closes its elements itself (a cut may split one). */
export function isBalanced(output: string): boolean {
  let depth = 0;
  for (const character of output) {
    if (character === OPEN) depth += 1;
    else if (character === CLOSE) depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** The format's output as plain text, white space folded (as a reader sees it). */
export function citeprocText(output: string): string {
  return output.replace(STRUCTURE_OR_LINK, "").replace(/\s+/g, " ").trim();
}

// An opening with its name (a link's address included), or a close.
const STRUCTURE_OR_LINK = /\uE000[^\uE001]*\uE001|\uE002/g;

/** The characters of the format that close elements, for the engine's trimming of a citation's end. */
export const CITEPROC_CLOSE = CLOSE;

/** Formatted nodes as HTML, serialized from the tree (for a component's `set:html`). */
export function nodesHtml(nodes: readonly ElementContent[]): string {
  return toHtml({ type: "root", children: [...nodes] });
}

/** The plain text of hast nodes, white space folded. */
export function nodesText(nodes: readonly ElementContent[]): string {
  const walk = (node: ElementContent): string =>
    node.type === "text" ? node.value : node.type === "element" ? node.children.map(walk).join("") : "";
  return nodes.map(walk).join("").replace(/\s+/g, " ").trim();
}
