import type {
  BlockContent,
  Code,
  Heading,
  Image,
  List,
  Node,
  Paragraph,
  Parent,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  Text,
} from "mdast";
import type { Math as DisplayMath, InlineMath } from "mdast-util-math";
import type { MdxJsxAttribute, MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import { toString as mdastToString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { ContentError } from "../content-error.ts";
import { isReservedId } from "../heading-ids.ts";
import { AlgorithmError, isAlgorithm, readAlgorithm } from "./algorithm.ts";
import { type PandocAttributes, parseAttributes, trailingAttributes } from "./attributes.ts";
import { shiftHeadingsToTop } from "./heading-levels.ts";
import { htmlTable } from "./html-table.ts";
import { joinLazyNumberLines } from "./lazy-lines.ts";
import { literalInclude } from "./literal-include.ts";
import { bareLabelReferences } from "./myst-labels.ts";
import { readSimpleTable } from "./simple-tables.ts";
import type { DivFence, PandocSourceMarks } from "./source-marks.ts";

/** What the tree transform needs besides the tree: the marks, the text as written, a parser for captions. */
export interface PandocContext {
  marks: PandocSourceMarks;
  /** The text as the author wrote it (the parsed text has the same offsets). */
  source: string;
  file: string;
  /** Parses a fragment of Markdown (a caption, a directive's body) the way the file is parsed. */
  parseFragment: (markdown: string) => Root;
}

/** Quarto's callout kinds and MyST's admonitions, with the word a reader sees. */
export const CALLOUT_TITLES: Readonly<Record<string, string>> = {
  note: "Note",
  tip: "Tip",
  hint: "Hint",
  important: "Important",
  warning: "Warning",
  caution: "Caution",
  attention: "Attention",
  danger: "Danger",
  error: "Error",
  seealso: "See also",
  admonition: "Note",
};

/**
 * MyST directives the report does not read: refused by name (not shown as code), so that the
 * author learns what to write instead.
 */
const MYST_UNREAD = new Set([
  "list-table",
  "csv-table",
  "raw",
  "include",
  "embed",
  "iframe",
  "image",
  "glossary",
  "dropdown",
  "tab-set",
  "tab-item",
  "card",
  "grid",
  "pull-quote",
  "epigraph",
  "margin",
  "sidebar",
  "aside",
  "mermaid",
  "bibliography",
  "toctree",
  "blockquote",
  "div",
  "proof",
  "prf:proof",
  "prf:theorem",
  "exercise",
  "solution",
]);

/** MyST directives read here, besides the admonitions. */
const MYST_BLOCKS = new Set([
  "figure",
  "table",
  "math",
  "code-block",
  "code",
  "sourcecode",
  "literalinclude",
  ...Object.keys(CALLOUT_TITLES),
]);

/** The width of the text column in CSS pixels (44rem), to read widths given in px, in or cm. */
const COLUMN_PX = 704;

function fail(context: PandocContext, line: number | undefined, problem: string, fix: string): never {
  throw new ContentError({ file: context.file, line, problem, fix });
}

function lineOf(node: Node | undefined): number | undefined {
  return node?.position?.start.line;
}

/** A label written Quarto's way (`fig-x`) or pandoc-crossref's (`fig:x`) as the report writes it (`fig:x`). */
export function reportLabel(id: string, kind: "fig" | "tbl" | "eq" | "lst"): string | undefined {
  const match = new RegExp(`^${kind}[-:](.+)$`).exec(id);
  return match ? `${kind}:${match[1]}` : undefined;
}

/**
 * A width as Pandoc and Quarto take it (`60%`, `300px`, `3in`, `8cm`, `0.5\textwidth`), as a share
 * of the text column in the steps the site's figures have (20% to 100% by 5).
 */
export function figureWidth(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(%|px|in|cm|mm|pt|\\(?:text|line|column)width)?$/.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] ?? "px";
  const pixels: Record<string, number> = { px: 1, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, pt: 96 / 72 };
  const percent =
    unit === "%" ? amount : unit.startsWith("\\") ? amount * 100 : ((amount * (pixels[unit] ?? 1)) / COLUMN_PX) * 100;
  return Math.min(100, Math.max(20, Math.round(percent / 5) * 5));
}

function attribute(name: string, value: string): MdxJsxAttribute {
  return { type: "mdxJsxAttribute", name, value };
}

function jsxBlock(name: string, attributes: MdxJsxAttribute[], children: RootContent[], at: Node): MdxJsxFlowElement {
  return {
    type: "mdxJsxFlowElement",
    name,
    attributes,
    children: children as MdxJsxFlowElement["children"],
    ...(at.position ? { position: at.position } : {}),
  };
}

/** Moves a fragment's positions to where it stands in the file, so errors in it name the file's line. */
function shiftLines(tree: Node, lines: number): void {
  visit(tree, (node) => {
    if (!node.position) return;
    node.position = {
      start: { ...node.position.start, line: node.position.start.line + lines, offset: undefined },
      end: { ...node.position.end, line: node.position.end.line + lines, offset: undefined },
    } as typeof node.position;
  });
}

/** The inline content of a fragment of Markdown written on one line of the file (a caption). */
function inlineFragment(context: PandocContext, markdown: string, line: number | undefined): PhrasingContent[] {
  const tree = context.parseFragment(markdown);
  shiftLines(tree, (line ?? 1) - 1);
  const paragraph = tree.children.find((node): node is Paragraph => node.type === "paragraph");
  return paragraph?.children ?? [{ type: "text", value: markdown }];
}

/** The text of an image's alt as written (`![*A* caption [@key]](x.png)`): Markdown, not flattened. */
function altSource(context: PandocContext, image: Image): string | undefined {
  const start = image.position?.start.offset;
  const end = image.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const written = context.source.slice(start, end);
  if (!written.startsWith("![")) return undefined;
  let depth = 0;
  for (let index = 1; index < written.length; index++) {
    const character = written[index];
    if (character === "\\") index++;
    else if (character === "[") depth++;
    else if (character === "]" && --depth === 0) return written.slice(2, index);
  }
  return undefined;
}

function isBlankText(node: Node): boolean {
  return node.type === "text" && (node as Text).value.trim() === "";
}

/** An attribute block right after a node in its parent's children (`![a](b.png){#fig-x}`), taken out of the text. */
function takeAttributesAfter(parent: Parent, index: number): PandocAttributes | undefined {
  const next = parent.children[index + 1];
  if (next?.type !== "text") return undefined;
  const text = next as Text;
  const match = /^\{([^{}]*)\}/.exec(text.value);
  if (!match) return undefined;
  const attributes = parseAttributes(match[1] ?? "");
  if (!attributes) return undefined;
  text.value = text.value.slice(match[0].length);
  if (text.value === "") parent.children.splice(index + 1, 1);
  return attributes;
}

function checkId(context: PandocContext, id: string, line: number | undefined): void {
  if (isReservedId(id)) {
    fail(
      context,
      line,
      `the id "#${id}" is one the site gives its own elements (paragraph anchors, references, notes, contents).`,
      `choose another id, such as "#sec-${id.replace(/^[a-z]+-/, "")}".`,
    );
  }
}

// --- headings --------------------------------------------------------------------------------

/** `## Title {#sec-id .unnumbered}`: the id becomes the heading's, the classes are read and dropped. */
function headingAttributes(context: PandocContext, heading: Heading): void {
  const last = heading.children.at(-1);
  if (last?.type !== "text") return;
  const found = trailingAttributes(last.value);
  if (!found) return;
  last.value = found.before;
  if (last.value === "") heading.children.pop();
  const id = found.attributes.id;
  if (id !== undefined) {
    checkId(context, id.replace(/:/g, "-"), lineOf(heading));
    setHeadingId(heading, id.replace(/:/g, "-"));
  }
}

/** Gives a heading the id its author wrote; the pipeline and the analysis keep it. */
function setHeadingId(heading: Heading, id: string): void {
  heading.data = { ...heading.data, hProperties: { ...heading.data?.hProperties, id } };
}

/** MyST's `(label)=` line before a heading: the heading's id. */
function mystTargets(context: PandocContext, parent: Parent): void {
  for (let index = 0; index < parent.children.length; index++) {
    const node = parent.children[index] as RootContent;
    if (node.type !== "paragraph") continue;
    const match = /^\(([^()\s]+)\)=$/.exec(mdastToString(node).trim());
    if (!match) continue;
    const next = parent.children[index + 1];
    if (next?.type !== "heading") {
      fail(
        context,
        lineOf(node),
        `the MyST target "(${match[1]})=" stands before no heading.`,
        "put the target on the line right above the heading it names, or label a figure or equation with :label: instead.",
      );
    }
    checkId(context, match[1] ?? "", lineOf(node));
    setHeadingId(next as Heading, match[1] ?? "");
    parent.children.splice(index, 1);
    index--;
  }
}

// --- figures -----------------------------------------------------------------------------------

/** The image of a paragraph that holds one image and nothing else but an attribute block. */
function soleImage(paragraph: Paragraph): { image: Image; attributes: PandocAttributes | undefined } | undefined {
  const index = paragraph.children.findIndex((child) => !isBlankText(child));
  const image = paragraph.children[index];
  if (image?.type !== "image") return undefined;
  const attributes = takeAttributesAfter(paragraph, index);
  if (paragraph.children.some((child, position) => position !== index && !isBlankText(child))) return undefined;
  return { image, attributes };
}

function widthAttribute(
  context: PandocContext,
  value: string | undefined,
  line: number | undefined,
): MdxJsxAttribute[] {
  if (value === undefined) return [];
  const percent = figureWidth(value);
  if (percent === undefined) {
    fail(
      context,
      line,
      `the width "${value}" is not one the site can read.`,
      "write a share of the text column (width=60%), or a size in px, in, cm or mm (width=300px); a figure never grows past the column.",
    );
  }
  return percent < 100 ? [attribute("width", `${percent}%`)] : [];
}

/**
 * The alt text of a figure whose author gave none (Pandoc takes the caption): the caption's words,
 * its citations left out, since the caption beside it carries them.
 */
function altFromCaption(caption: string): string {
  return caption
    .replace(/\s*\[[^[\]]*@[^[\]]*\]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A captioned image alone in its paragraph, as Pandoc reads it: a figure. With an id
 * (`{#fig-x}`, `{#fig:x}`) cross-references reach it; `width=`, `fig-alt=` are read.
 */
function imageFigure(
  context: PandocContext,
  image: Image,
  attributes: PandocAttributes | undefined,
  at: Node,
): MdxJsxFlowElement | undefined {
  const line = lineOf(image);
  const caption = altSource(context, image)?.trim() ?? image.alt ?? "";
  if (caption === "") return undefined;
  const id = attributes?.id;
  const label = id === undefined ? undefined : reportLabel(id, "fig");
  if (id !== undefined && label === undefined) {
    fail(
      context,
      line,
      `the figure's id "#${id}" does not start with fig- (or fig:), so nothing can refer to it as a figure.`,
      `write {#fig-${id.replace(/^[a-z]+[-:]/, "")}} and refer to it as @fig-${id.replace(/^[a-z]+[-:]/, "")}.`,
    );
  }
  const alt =
    attributes?.values.get("fig-alt") ??
    attributes?.values.get("alt") ??
    altFromCaption(mdastToString({ type: "paragraph", children: inlineFragment(context, caption, line) } as Paragraph));
  return jsxBlock(
    "Figure",
    [
      attribute("src", image.url),
      attribute("alt", alt),
      ...(label ? [attribute("id", label)] : []),
      ...widthAttribute(context, attributes?.values.get("width"), line),
    ],
    [{ type: "paragraph", children: inlineFragment(context, caption, line) }],
    at,
  );
}

// --- tables ------------------------------------------------------------------------------------

/** A Pandoc table caption: a paragraph starting `Table:` or `:` beside a table. */
function tableCaption(paragraph: RootContent | undefined): boolean {
  if (paragraph?.type !== "paragraph") return false;
  const first = paragraph.children[0];
  return first?.type === "text" && /^(?:Table)?:\s/.test(first.value);
}

function captionedTable(context: PandocContext, table: Table, caption: Paragraph): MdxJsxFlowElement {
  const first = caption.children[0] as Text;
  first.value = first.value.replace(/^(?:Table)?:\s+/, "");
  const last = caption.children.at(-1);
  let attributes: PandocAttributes | undefined;
  if (last?.type === "text") {
    const found = trailingAttributes(last.value);
    if (found) {
      attributes = found.attributes;
      last.value = found.before;
    }
  }
  const id = attributes?.id;
  const label = id === undefined ? undefined : reportLabel(id, "tbl");
  if (id !== undefined && label === undefined) {
    fail(
      context,
      lineOf(caption),
      `the table's id "#${id}" does not start with tbl- (or tbl:), so nothing can refer to it as a table.`,
      `write {#tbl-${id.replace(/^[a-z]+[-:]/, "")}} and refer to it as @tbl-${id.replace(/^[a-z]+[-:]/, "")}.`,
    );
  }
  return jsxBlock("Table", label ? [attribute("id", label)] : [], [caption, table], table);
}

// --- equations -----------------------------------------------------------------------------------

function equationLabel(written: string): string {
  return written.startsWith("eq-") || written.startsWith("eq:") ? `eq:${written.slice(3)}` : `eq:${written}`;
}

/** A display equation gets its label as the analysis reads labels: `\label{eq:x}` in its TeX. */
function labelEquation(math: DisplayMath, written: string): void {
  math.value = `${math.value}\n\\label{${equationLabel(written)}}`;
}

/** `$$ … $$` written inside a paragraph: Pandoc reads it as display math. */
function paragraphEquation(context: PandocContext, paragraph: Paragraph): DisplayMath | undefined {
  const meaningful = paragraph.children.filter((child) => !isBlankText(child));
  const [only] = meaningful;
  if (meaningful.length !== 1 || only?.type !== "inlineMath") return undefined;
  const offset = only.position?.start.offset;
  if (offset === undefined || !context.source.startsWith("$$", offset)) return undefined;
  const math: DisplayMath = { type: "math", value: (only as InlineMath).value.trim(), meta: null };
  if (paragraph.position) math.position = paragraph.position;
  const label = context.marks.equationLabels.get(paragraph.position?.end.line ?? -1);
  if (label) labelEquation(math, label);
  return math;
}

// --- fenced divs and MyST directives ------------------------------------------------------------

interface Callout {
  kind: string;
  title: PhrasingContent[] | undefined;
}

function calloutNode(callout: Callout, children: RootContent[], at: Node): RootContent {
  const word = CALLOUT_TITLES[callout.kind] ?? "Note";
  const title: PhrasingContent[] = callout.title
    ? [{ type: "text", value: `${word}: ` }, ...callout.title]
    : [{ type: "text", value: word }];
  return {
    type: "blockquote",
    data: { hName: "aside", hProperties: { className: ["callout", `callout-${callout.kind}`], role: "note" } },
    children: [
      {
        type: "paragraph",
        data: { hProperties: { className: ["callout-title"] } },
        children: [{ type: "strong", children: title }],
      },
      ...children,
    ],
    ...(at.position ? { position: at.position } : {}),
  } as RootContent;
}

/** A callout's title: Quarto's first heading inside it, or a `title="…"` attribute. */
function calloutTitle(
  context: PandocContext,
  children: RootContent[],
  written: string | undefined,
  line: number | undefined,
) {
  if (written !== undefined) return inlineFragment(context, written, line);
  const first = children[0];
  if (first?.type === "heading") {
    children.shift();
    return first.children;
  }
  return undefined;
}

/** MyST directive options: the `:key: value` lines that open its body. */
function directiveOptions(body: string): { options: Map<string, string>; rest: string; lines: number } {
  const options = new Map<string, string>();
  const lines = body.split("\n");
  let index = 0;
  for (; index < lines.length; index++) {
    const match = /^:([\w-]+):\s*(.*)$/.exec(lines[index] ?? "");
    if (!match) break;
    options.set(match[1] ?? "", (match[2] ?? "").trim());
  }
  while (index < lines.length && (lines[index] ?? "").trim() === "") index++;
  return { options, rest: lines.slice(index).join("\n"), lines: index };
}

/** The last paragraph of a composite figure or a MyST figure: its caption. */
function splitCaption(children: RootContent[]): { content: RootContent[]; caption: Paragraph | undefined } {
  const last = children.at(-1);
  if (last?.type === "paragraph" && !last.children.every((child) => child.type === "image" || isBlankText(child))) {
    return { content: children.slice(0, -1), caption: last };
  }
  return { content: children, caption: undefined };
}

/** A Pandoc/Quarto fenced div, by its attributes. */
function divNode(context: PandocContext, fence: DivFence, children: RootContent[], at: Node): RootContent[] {
  const myst = /^\{([\w:-]+)\}\s*(.*)$/.exec(fence.info);
  if (myst) return mystDirective(context, myst[1] ?? "", myst[2] ?? "", children, at);
  const attributes = fence.info.startsWith("{")
    ? parseAttributes(fence.info.slice(1, -1))
    : parseAttributes(`.${fence.info}`);
  if (!attributes || (!fence.info.startsWith("{") && !/^[\w-]+$/.test(fence.info))) {
    fail(
      context,
      fence.line,
      `"${":".repeat(fence.colons)} ${fence.info}" opens a fenced div whose attributes cannot be read.`,
      "write the attributes in braces, such as ::: {#fig-panels} or ::: {.callout-note}.",
    );
  }
  const calloutClass = attributes.classes.find((name) => /^callout-/.test(name));
  if (calloutClass) {
    const kind = calloutClass.slice("callout-".length);
    if (!(kind in CALLOUT_TITLES)) {
      fail(
        context,
        fence.line,
        `"${calloutClass}" is not a callout the report knows.`,
        "use callout-note, callout-tip, callout-important, callout-warning or callout-caution.",
      );
    }
    return [
      calloutNode(
        { kind, title: calloutTitle(context, children, attributes.values.get("title"), fence.line) },
        children,
        at,
      ),
    ];
  }
  const id = attributes.id;
  const figure = id === undefined ? undefined : reportLabel(id, "fig");
  const table = id === undefined ? undefined : reportLabel(id, "tbl");
  if (figure) return [compositeFigure(context, figure, children, at, fence.line)];
  if (table) {
    const { content, caption } = splitCaption(children);
    const tables = content.filter((node) => node.type === "table" || node.type === "mdxJsxFlowElement");
    if (!caption || tables.length !== 1) {
      fail(
        context,
        fence.line,
        `the table div #${id} needs one table and a caption paragraph after it.`,
        "put the table, then a blank line, then its caption, inside the ::: {#tbl-…} div.",
      );
    }
    const inner = tables[0] as RootContent;
    // A table that already took its own `: caption` carries that caption: the div gives it the label.
    const tableNode =
      inner.type === "mdxJsxFlowElement"
        ? ((inner as MdxJsxFlowElement).children.find((node) => node.type === "table") as Table)
        : (inner as Table);
    return [jsxBlock("Table", [attribute("id", table)], [caption, tableNode], at)];
  }
  // Any other div (columns, content-visible, a class of the author's) holds text the page shows as it is.
  return children;
}

/** `::: {#fig-x}`: several images and a caption, numbered as one figure. */
function compositeFigure(
  context: PandocContext,
  label: string,
  children: RootContent[],
  at: Node,
  line: number | undefined,
): RootContent {
  const { content, caption } = splitCaption(children);
  if (!caption) {
    fail(
      context,
      line,
      `the figure div #${label.replace(":", "-")} has no caption.`,
      "end the div with a paragraph of caption text (after a blank line below the images).",
    );
  }
  // Subfigures written as captioned images became figures of their own: inside a composite figure they are its panels.
  const panels = content.map((node) => {
    if (node.type !== "mdxJsxFlowElement" || (node as MdxJsxFlowElement).name !== "Figure") return node;
    const element = node as MdxJsxFlowElement;
    const value = (name: string) =>
      element.attributes.find((item) => item.type === "mdxJsxAttribute" && item.name === name)?.value;
    const panel: Image = { type: "image", url: String(value("src") ?? ""), alt: String(value("alt") ?? "") };
    if (element.position) panel.position = element.position;
    return {
      type: "paragraph",
      children: [panel],
      ...(element.position ? { position: element.position } : {}),
    } as Paragraph;
  });
  return jsxBlock("Figure", [attribute("id", label)], [...panels, caption], at);
}

/** A MyST directive, written as a colon fence or as a backtick fence. */
function mystDirective(
  context: PandocContext,
  name: string,
  argument: string,
  children: RootContent[],
  at: Node,
): RootContent[] {
  const line = lineOf(at);
  const first = children[0];
  let options = new Map<string, string>();
  if (first?.type === "paragraph" && /^:[\w-]+:/.test(mdastToString(first))) {
    const read = directiveOptions(
      context.source.slice(first.position?.start.offset ?? 0, first.position?.end.offset ?? 0),
    );
    options = read.options;
    children = children.slice(1);
  }
  return mystBlock(context, name, argument, options, children, at, line);
}

function mystBlock(
  context: PandocContext,
  name: string,
  argument: string,
  options: Map<string, string>,
  children: RootContent[],
  at: Node,
  line: number | undefined,
): RootContent[] {
  if (name === "literalinclude") {
    const included = literalInclude(context.file, argument, options, line);
    return codeDirective(context, included.lang, included.code, options, at);
  }
  if (name in CALLOUT_TITLES) {
    const title = name === "admonition" || argument !== "" ? inlineFragment(context, argument, line) : undefined;
    return [
      calloutNode(
        { kind: name === "admonition" ? "note" : name, title: argument === "" ? undefined : title },
        children,
        at,
      ),
    ];
  }
  const label = options.get("label") ?? options.get("name");
  if (name === "figure") {
    const { caption } = splitCaption(children);
    if (!caption) {
      fail(
        context,
        line,
        `the MyST figure ${argument} has no caption.`,
        "write the caption as the directive's text, after its :options:.",
      );
    }
    const width = widthAttribute(context, options.get("width"), line);
    return [
      jsxBlock(
        "Figure",
        [
          attribute("src", argument.trim()),
          attribute("alt", options.get("alt") ?? altFromCaption(mdastToString(caption))),
          ...(label ? [attribute("id", `fig:${label.replace(/^fig[-:]/, "")}`)] : []),
          ...width,
        ],
        [caption],
        at,
      ),
    ];
  }
  if (name === "table") {
    const table = children.find((node): node is Table => node.type === "table");
    if (!table)
      fail(
        context,
        line,
        "the MyST table directive holds no Markdown table.",
        "write the table (| a | b |) in the directive's body.",
      );
    return [
      jsxBlock(
        "Table",
        label ? [attribute("id", `tbl:${label.replace(/^tbl[-:]/, "")}`)] : [],
        [{ type: "paragraph", children: inlineFragment(context, argument, line) }, table],
        at,
      ),
    ];
  }
  fail(
    context,
    line,
    `the MyST directive {${name}} is not one the report reads.`,
    "use figure, table, math, code-block, or an admonition (note, tip, warning, important, caution ...).",
  );
}

/**
 * A numbered listing (`<Listing>`, as an `.mdx` author writes it): the caption, then the code. A
 * label that is not `lst-…`/`lst:…` stops the build, since nothing could refer to it as a listing.
 */
function listingNode(
  context: PandocContext,
  code: Code,
  id: string | undefined,
  caption: string | undefined,
  at: Node,
): RootContent {
  const line = lineOf(at);
  const label = id === undefined ? undefined : reportLabel(id, "lst");
  if (id !== undefined && label === undefined) {
    fail(
      context,
      line,
      `the listing's id "${id}" does not start with lst- (or lst:), so nothing can refer to it as a listing.`,
      `write lst-${id.replace(/^[a-z]+[-:]/, "")} and refer to it as @lst-${id.replace(/^[a-z]+[-:]/, "")}.`,
    );
  }
  const children: RootContent[] =
    caption === undefined ? [] : [{ type: "paragraph", children: inlineFragment(context, caption, line) }];
  return jsxBlock("Listing", label ? [attribute("id", label)] : [], [...children, code], at);
}

/**
 * LaTeX's algorithm (in a ```` ```{=latex} ```` block, in `$$ … $$` or as raw LaTeX in the text) as
 * a numbered `<Algorithm>`: its caption, then one line per step, nested as the pseudo-code is. What
 * cannot be shown stops the build at its line.
 */
function algorithmNode(context: PandocContext, latex: string, at: Node, firstLine: number | undefined): RootContent {
  let algorithm: ReturnType<typeof readAlgorithm>;
  try {
    algorithm = readAlgorithm(latex);
  } catch (error) {
    if (!(error instanceof AlgorithmError)) throw error;
    fail(context, (firstLine ?? 1) + error.offset, error.problem, error.fix);
  }
  const line = lineOf(at);
  const label = algorithm.label && `alg:${algorithm.label.replace(/^alg(?:orithm)?[-:]/, "")}`;
  const caption: Paragraph = {
    type: "paragraph",
    children: algorithm.caption ? inlineFragment(context, algorithm.caption, line) : [],
  };
  const steps = algorithm.lines.map(
    (step): Paragraph => ({
      type: "paragraph",
      data: { hProperties: { className: ["algorithm-line", `algorithm-depth-${Math.min(step.depth, 8)}`] } },
      children: inlineFragment(context, step.markdown, line),
    }),
  );
  const body = {
    type: "blockquote",
    data: { hName: "div", hProperties: { className: ["algorithm-body"] } },
    children: steps,
  } as RootContent;
  return jsxBlock("Algorithm", label ? [attribute("id", label)] : [], [caption, body], at);
}

/** LaTeX that only lays out a printed page (`\newpage`, `\vspace{…}`): Pandoc leaves it out of HTML, and so does the site. */
function isLayoutOnly(latex: string): boolean {
  return (
    latex
      .replace(/(^|[^\\])%.*$/gm, "$1")
      .replace(
        /\\(?:newpage|clearpage|cleardoublepage|pagebreak|noindent|medskip|bigskip|smallskip|FloatBarrier|centering)\b/g,
        "",
      )
      .replace(/\\(?:vspace|hspace)\*?\{[^{}]*\}/g, "")
      .trim() === ""
  );
}

/** A YAML-ish option value as Quarto writes it: `"quoted"`, `'quoted'` or bare. */
function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^']|'')*)'$/.exec(trimmed);
  if (!quoted) return trimmed;
  return quoted[1] !== undefined ? quoted[1].replace(/\\(.)/g, "$1") : (quoted[2] ?? "").replace(/''/g, "'");
}

/**
 * A Quarto cell's `#| key: value` option lines at its top: read, and taken out of the code shown,
 * as Quarto does.
 */
function cellOptions(value: string): { options: Map<string, string>; code: string } {
  const options = new Map<string, string>();
  const lines = value.split("\n");
  let index = 0;
  for (; index < lines.length; index++) {
    const match = /^\s*(?:#|\/\/|--)\|\s*([\w-]+)\s*:\s*(.*)$/.exec(lines[index] ?? "");
    if (!match) break;
    options.set(match[1] ?? "", unquote(match[2] ?? ""));
  }
  return { options, code: lines.slice(index).join("\n") };
}

/** A MyST code directive's code: shown as written, or a numbered listing with `:caption:` or `:label:`/`:name:`. */
function codeDirective(
  context: PandocContext,
  lang: string | null,
  value: string,
  options: ReadonlyMap<string, string>,
  at: Node,
): RootContent[] {
  const shown: Code = { type: "code", lang, meta: null, value, ...(at.position ? { position: at.position } : {}) };
  const label = options.get("name") ?? options.get("label");
  const caption = options.get("caption");
  if (label === undefined && caption === undefined) return [shown];
  return [listingNode(context, shown, label && `lst:${label.replace(/^lst[-:]/, "")}`, caption, at)];
}

/** A fenced code block: Pandoc attributes (`{.python #lst-x lst-cap="…"}`), a MyST directive or a Quarto cell. */
function codeBlock(context: PandocContext, code: Code): RootContent[] | undefined {
  if (!code.lang?.startsWith("{")) return undefined;
  const info = `${code.lang}${code.meta ? ` ${code.meta}` : ""}`;
  const line = lineOf(code);
  const format = /^\{=([\w-]+)\}$/.exec(info.trim())?.[1];
  // Raw HTML (```{=html}) is HTML, checked against the allowlist as any HTML in Markdown is.
  if (format === "html" || format === "html5") {
    return [{ type: "html", value: code.value, ...(code.position ? { position: code.position } : {}) }];
  }
  // Raw content for another output (docx, typst, ms ...): Pandoc leaves it out of HTML, and so does the site.
  if (format !== undefined && format !== "latex" && format !== "tex") return [];
  const raw = format !== undefined;
  if (raw) {
    if (isAlgorithm(code.value)) return [algorithmNode(context, code.value, code, (line ?? 0) + 1)];
    if (isLayoutOnly(code.value)) return [];
    fail(
      context,
      line,
      "a raw LaTeX block (```{=latex}) holds LaTeX a web page cannot show; Pandoc would leave it out of HTML, and so readers would miss it.",
      "write its content in Markdown (a table, a figure, $$ … $$ for math), or keep only page layout (\\newpage, \\vspace) in it, which the site leaves out.",
    );
  }
  const directive = /^\{([\w:-]+)\}\s*(.*)$/.exec(info);
  if (directive) {
    const name = directive[1] ?? "";
    if (MYST_BLOCKS.has(name)) {
      const { options, rest, lines } = directiveOptions(code.value);
      if (name === "math") {
        const math: DisplayMath = { type: "math", value: rest.trim(), meta: null };
        if (code.position) math.position = code.position;
        const label = options.get("label") ?? options.get("name");
        if (label) labelEquation(math, label);
        return [math];
      }
      // {literalinclude} shows a file of the content folder as a {code-block} would show it written in.
      if (name === "literalinclude") {
        const included = literalInclude(context.file, directive[2] ?? "", options, line);
        return codeDirective(context, included.lang, included.code, options, code);
      }
      if (name === "code-block" || name === "code" || name === "sourcecode") {
        return codeDirective(context, directive[2]?.trim() || null, rest, options, code);
      }
      const body = context.parseFragment(rest);
      shiftLines(body, (line ?? 1) + lines);
      const children = transformChildren(context, body.children);
      return mystBlock(context, name, directive[2] ?? "", options, children, code, line);
    }
    if (MYST_UNREAD.has(name)) {
      fail(
        context,
        line,
        `the MyST directive {${name}} is not one the report reads.`,
        "use figure, table (with a Markdown table), math, code-block, or an admonition (note, tip, warning, important, caution ...).",
      );
    }
    // A Quarto cell (```{python}): shown as code in its language, its #| options read; the site runs no code.
    const { options, code: shownCode } = cellOptions(code.value);
    const shown: Code = { ...code, lang: name, meta: directive[2] || null, value: shownCode };
    const label = options.get("lst-label") ?? options.get("label");
    const caption = options.get("lst-cap");
    if (caption === undefined && !label?.startsWith("lst")) return [shown];
    return [listingNode(context, shown, label, caption, code)];
  }
  const attributes = parseAttributes(info.slice(1, info.lastIndexOf("}")));
  if (!attributes) return undefined;
  const shown: Code = { ...code, lang: attributes.classes[0] ?? null, meta: null };
  const caption = attributes.values.get("lst-cap") ?? attributes.values.get("caption");
  const id = attributes.id;
  if (caption === undefined && !id?.startsWith("lst")) return [shown];
  return [listingNode(context, shown, id, caption, code)];
}

// --- MyST roles ------------------------------------------------------------------------------------

/** A MyST role's target as the report's syntax writes it, or undefined for a role not read here. */
function roleText(role: string, content: string): string | undefined {
  const keys = content
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key !== "");
  if (role === "cite" || role === "cite:p" || role === "cite:ps") return `[${keys.map((key) => `@${key}`).join("; ")}]`;
  if (role === "cite:t" || role === "cite:ts") return keys.map((key) => `@${key}`).join(", ");
  // {ref}`Text <label>` names its target in angle brackets.
  const label = /<([^<>]+)>\s*$/.exec(content)?.[1] ?? content.trim();
  const prefixed = /^(fig|tbl|lst|eq|sec)[-:]/.test(label);
  if (role === "numref" || role === "ref" || role === "eq") {
    if (prefixed) return `@${label}`;
    return role === "eq" ? `@eq:${label}` : role === "ref" ? `@sec:${label}` : undefined;
  }
  return undefined;
}

/**
 * MyST's roles for citations and references, {cite:p}`key` and {numref}`fig-x`, read as the
 * report's Pandoc syntax ([@key], @fig-x), joined to the text around them so that the citations and
 * cross-references plugins find them; {math}`x` becomes inline math.
 */
function mystRoles(parent: Parent): void {
  const children = parent.children as PhrasingContent[];
  for (let index = 0; index + 1 < children.length; index++) {
    const text = children[index];
    const code = children[index + 1];
    if (text?.type !== "text" || code?.type !== "inlineCode") continue;
    const role = /\{([\w:-]+)\}$/.exec(text.value)?.[1];
    if (role === undefined) continue;
    const before = text.value.slice(0, -(role.length + 2));
    if (role === "math") {
      text.value = before;
      const math: InlineMath = { type: "inlineMath", value: code.value };
      if (code.position) math.position = code.position;
      children.splice(index + 1, 1, math as unknown as PhrasingContent);
      continue;
    }
    const written = roleText(role, code.value);
    if (written === undefined) continue;
    const after = children[index + 2];
    const rest = after?.type === "text" ? after.value : "";
    text.value = `${before}${written}${rest}`;
    children.splice(index + 1, after?.type === "text" ? 2 : 1);
    index--;
  }
}

// --- fancy lists ---------------------------------------------------------------------------------

/**
 * A list written with Pandoc's fancy markers (`a.`, `(iv)`, `#.`): numbered from its first item's
 * value, with `<ol type>` as Pandoc writes it (none for `#.`, whose list is a plain decimal one).
 */
function fancyList(context: PandocContext, list: List): void {
  const first = context.marks.listItems.get(lineOf(list) ?? -1);
  if (!first || !list.ordered) return;
  list.start = Math.max(first.value, 1);
  if (!first.plain) list.data = { ...list.data, hProperties: { ...list.data?.hProperties, type: first.style } };
}

// --- the walk -----------------------------------------------------------------------------------

/** Groups the children between fence lines into divs, innermost first. */
function groupDivs(context: PandocContext, children: RootContent[]): RootContent[] {
  const stack: Array<{ fence: DivFence; at: RootContent; children: RootContent[] }> = [];
  const top: RootContent[] = [];
  const current = () => stack.at(-1)?.children ?? top;
  for (const node of children) {
    const fence = node.type === "thematicBreak" ? context.marks.fences.get(lineOf(node) ?? -1) : undefined;
    if (!fence) {
      current().push(node);
      continue;
    }
    if (fence.info !== "") {
      stack.push({ fence, at: node, children: [] });
      continue;
    }
    const open = stack.pop();
    if (!open) {
      fail(
        context,
        fence.line,
        `"${":".repeat(fence.colons)}" closes a fenced div that was never opened.`,
        "remove the line, or open the div above it with ::: {…}.",
      );
    }
    current().push(...divNode(context, open.fence, transformChildren(context, open.children), open.at));
  }
  const unclosed = stack.at(0);
  if (unclosed) {
    fail(
      context,
      unclosed.fence.line,
      `the fenced div "${":".repeat(unclosed.fence.colons)} ${unclosed.fence.info}" is never closed.`,
      `close it with ${":".repeat(unclosed.fence.colons)} on a line of its own.`,
    );
  }
  return top;
}

function isComment(node: RootContent): boolean {
  return node.type === "html" && /^\s*<!--[\s\S]*-->\s*$/.test(node.value);
}

/** A Pandoc simple table (fenced as code when the text was marked) read from the lines as written. */
function simpleTable(context: PandocContext, node: RootContent): RootContent {
  const start = lineOf(node);
  const end = start === undefined ? undefined : context.marks.simpleTables.get(start);
  if (node.type !== "code" || start === undefined || end === undefined) return node;
  const lines = context.source.split("\n").slice(start - 1, end);
  const table = readSimpleTable(lines, (markdown, lineInBlock) =>
    inlineFragment(context, markdown, start + lineInBlock),
  );
  if (node.position) table.position = node.position;
  return table;
}

/** Rewrites one list of block children: divs, figures, tables, equations, code. */
function transformChildren(context: PandocContext, input: RootContent[]): RootContent[] {
  const children = groupDivs(
    context,
    input.filter((node) => !isComment(node)).map((node) => simpleTable(context, node)),
  );
  const output: RootContent[] = [];
  for (let index = 0; index < children.length; index++) {
    const node = children[index] as RootContent;
    if (node.type === "paragraph") {
      const equation = paragraphEquation(context, node);
      if (equation && isAlgorithm(equation.value)) {
        output.push(algorithmNode(context, equation.value, node, lineOf(node)));
        continue;
      }
      if (equation) {
        output.push(equation);
        continue;
      }
      if (tableCaption(node) && children[index + 1]?.type === "table") {
        output.push(captionedTable(context, children[index + 1] as Table, node));
        index++;
        continue;
      }
      const sole = soleImage(node);
      const figure = sole ? imageFigure(context, sole.image, sole.attributes, node) : undefined;
      if (figure) {
        output.push(figure);
        continue;
      }
    }
    if (node.type === "table" && tableCaption(children[index + 1])) {
      output.push(captionedTable(context, node, children[index + 1] as Paragraph));
      index++;
      continue;
    }
    if (node.type === "html") {
      const read = htmlTable(
        {
          file: context.file,
          fail: (line, problem, fix) => fail(context, line, problem, fix),
          inline: (markdown, line) => inlineFragment(context, markdown, line),
        },
        node,
      );
      if (read) {
        output.push(read.caption ? jsxBlock("Table", [], [read.caption, read.table], node) : read.table);
        continue;
      }
    }
    if (node.type === "code" && context.marks.latexBlocks.has(lineOf(node) ?? -1)) {
      const environment = context.marks.latexBlocks.get(lineOf(node) ?? -1);
      const latex = `\\begin{${environment}}\n${(node as Code).value}\n\\end{${environment}}`;
      output.push(algorithmNode(context, latex, node, lineOf(node)));
      continue;
    }
    if (node.type === "math" && isAlgorithm((node as DisplayMath).value)) {
      output.push(algorithmNode(context, (node as DisplayMath).value, node, (lineOf(node) ?? 0) + 1));
      continue;
    }
    if (node.type === "math") {
      const label = context.marks.equationLabels.get(node.position?.end.line ?? -1);
      if (label) labelEquation(node as DisplayMath, label);
    }
    if (node.type === "code") {
      const replaced = codeBlock(context, node);
      if (replaced) {
        output.push(...replaced);
        continue;
      }
    }
    if ("children" in node && node.type !== "paragraph" && node.type !== "heading" && node.type !== "table") {
      (node as Parent).children = transformChildren(context, (node as Parent).children as RootContent[]) as never;
    }
    output.push(node);
  }
  return output;
}

/**
 * Reads what Pandoc, Quarto and MyST write beyond CommonMark into the shapes the report's pipeline
 * knows: captioned images become `<Figure>`s, captioned tables `<Table>`s (the same nodes an `.mdx`
 * file's components make, so one pipeline numbers, checks and renders both), labelled equations
 * carry `\label{eq:…}`, fenced divs become callouts or composite figures, headings take their
 * `{#id}`, and HTML comments are dropped.
 */
export function transformPandocTree(tree: Root, context: PandocContext): void {
  shiftHeadingsToTop(tree);
  joinLazyNumberLines(tree, context.source);
  mystTargets(context, tree);
  tree.children = transformChildren(context, tree.children);
  bareLabelReferences(tree);
  visit(tree, (node) => {
    if (node.type === "heading") headingAttributes(context, node as Heading);
    if (node.type === "list") fancyList(context, node as List);
    if ("children" in node) {
      const parent = node as Parent;
      // Inline comments (`text <!-- note --> text`) are dropped like block ones.
      const kept = parent.children.filter(
        (child) => !(child.type === "html" && /^<!--[\s\S]*-->$/.test((child as { value: string }).value.trim())),
      );
      if (kept.length !== parent.children.length) parent.children = kept as never;
    }
  });
  const unreadTable = context.marks.unreadTables[0];
  if (unreadTable !== undefined) {
    fail(
      context,
      unreadTable.line,
      `Pandoc's ${unreadTable.kind} table is not read: readers would see its ${unreadTable.kind === "grid" ? "borders as text" : "rows as headings"}.`,
      unreadTable.kind === "headerless"
        ? "give it a header line above its first line of dashes (a simple table), or write it as a pipe table."
        : "write it as a pipe table (| a | b | over |---|---|) or a simple table (a header over dashes, one line a row).",
    );
  }
  const example = context.marks.exampleItems[0];
  if (example !== undefined) {
    fail(
      context,
      example,
      "Pandoc's example list item (@) is not read: readers would see (@) as text.",
      "write a numbered list (1. …, or (1) …) and refer to its items in words.",
    );
  }
  const opened = context.marks.mathOpenedWithText[0];
  if (opened !== undefined) {
    fail(
      context,
      opened,
      "display math opens with TeX on the $$ line and closes on a later line, which CommonMark reads as an empty equation.",
      "put $$ on a line of its own before the TeX (or write the whole equation on one line: $$ x = 1 $$).",
    );
  }
  visit(tree, (node) => {
    if ("children" in node) mystRoles(node as Parent);
  });
  visit(tree, (node) => {
    if ("children" in node) joinMarkedUpSpans(node as Parent);
  });
  visit(tree, "text", (text: Text, index, parent) => {
    const note = text.value.replace(BRACKETED_SPAN, "").indexOf("^[");
    if (note >= 0) {
      fail(
        context,
        lineOf(text),
        "Pandoc's inline note ^[...] is not read: readers would see it as text.",
        "write the note as a footnote: [^1] in the text and [^1]: The note. on a line of its own below the paragraph.",
      );
    }
    const pieces = bracketedSpans(text);
    const [only] = pieces;
    if (pieces.length === 1 && only?.type === "text") text.value = only.value;
    if (pieces.length === 1 || !parent || index === undefined) return undefined;
    parent.children.splice(index, 1, ...(pieces as never[]));
    return index + pieces.length;
  });
  visit(tree, "paragraph", (paragraph: Paragraph) => {
    // An image inside text with an attribute block: the block is read (and dropped), the image stays inline.
    paragraph.children.forEach((child, index) => {
      if (child.type === "image") takeAttributesAfter(paragraph, index);
    });
  });
}

/** Where a bracketed span holding markup ends: `]{attributes}` at the start of a text. */
const SPAN_END = /^([^[\]]*)\]\{([^{}]*)\}/;

/**
 * A bracketed span whose text holds markup (`[*Word* two]{.smallcaps}`) is split by the parser
 * into a text ending in `[`, the inline nodes, and a text starting with `]{...}`: read as one span,
 * its inline nodes inside the small caps (or underline), or in place for any other span.
 */
function joinMarkedUpSpans(parent: Parent): void {
  const children = parent.children as PhrasingContent[];
  for (let start = 0; start < children.length; start++) {
    const opening = children[start];
    if (opening?.type !== "text") continue;
    const open = opening.value.lastIndexOf("[");
    if (open < 0 || opening.value.indexOf("]", open) >= 0) continue;
    for (let end = start + 1; end < children.length; end++) {
      const closing = children[end];
      if (closing?.type !== "text") continue;
      const match = SPAN_END.exec(closing.value);
      if (!match) break;
      const attributes = parseAttributes(match[2] ?? "");
      if (!attributes) break;
      const inner: PhrasingContent[] = [
        ...(opening.value.length > open + 1 ? [{ type: "text" as const, value: opening.value.slice(open + 1) }] : []),
        ...children.slice(start + 1, end),
        ...(match[1] ? [{ type: "text" as const, value: match[1] }] : []),
      ];
      const element = spanElement(attributes);
      const replacement: PhrasingContent[] = [
        ...(open > 0 ? [{ type: "text" as const, value: opening.value.slice(0, open) }] : []),
        ...(element ? [{ type: "strong" as const, data: element, children: inner }] : inner),
        ...(closing.value.length > match[0].length
          ? [{ type: "text" as const, value: closing.value.slice(match[0].length) }]
          : []),
      ];
      children.splice(start, end - start + 1, ...replacement);
      break;
    }
  }
}

/** The element Pandoc's HTML writer gives a bracketed span, or undefined for a span shown as its text. */
function spanElement(
  attributes: PandocAttributes,
): { hName: string; hProperties?: { className: string[] } } | undefined {
  if (attributes.classes.includes("smallcaps")) return { hName: "span", hProperties: { className: ["smallcaps"] } };
  if (attributes.classes.includes("underline")) return { hName: "u" };
  return undefined;
}

/** Pandoc's bracketed span, `[text]{.smallcaps}` or `[text]{#id}`, written within one run of text. */
const BRACKETED_SPAN = /\[([^[\]]*)\]\{([^{}]*)\}/g;

/**
 * A text's bracketed spans read as Pandoc's HTML writer shows them: `.smallcaps` as a small-caps
 * span (Pandoc's SmallCaps), `.underline` as `<u>` (its Underline); any other span as its text, its
 * attributes read and dropped. Returns the text itself when it holds none.
 */
function bracketedSpans(text: Text): PhrasingContent[] {
  const pieces: PhrasingContent[] = [];
  let rest = 0;
  let plain = "";
  for (const match of text.value.matchAll(BRACKETED_SPAN)) {
    const [written, inside = "", block = ""] = match;
    const attributes = parseAttributes(block);
    plain += text.value.slice(rest, match.index);
    rest = match.index + written.length;
    if (!attributes) {
      plain += written;
      continue;
    }
    const element = spanElement(attributes);
    if (!element) {
      plain += inside;
      continue;
    }
    if (plain !== "") pieces.push({ type: "text", value: plain });
    plain = "";
    // A strong node drawn as the element: mdast has no span, and nothing else reads it as strong.
    pieces.push({ type: "strong", data: element, children: [{ type: "text", value: inside }] });
  }
  plain += text.value.slice(rest);
  if (plain !== "" || pieces.length === 0) pieces.push({ type: "text", value: plain });
  return pieces;
}

export type { BlockContent };
