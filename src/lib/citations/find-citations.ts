import type { Image, Nodes, Parent, PhrasingContent, Root, Text } from "mdast";
import { FIGURE_COMPONENT, isComponent, jsxAttribute, labelToId, TABLE_COMPONENT } from "../content/mdx-components.ts";
import {
  type Citation,
  EMPHASIS_CLOSE,
  EMPHASIS_OPEN,
  OPAQUE,
  parseCitations,
  STRONG_CLOSE,
  STRONG_OPEN,
} from "./parse-citations.ts";

/**
 * Where a citation stands, which decides how it renders: in running text (a link with a preview),
 * inside a link or a heading (plain citation text: no nested link, a clean heading id), or in an
 * image's alt text (plain text).
 */
export type CitationPlace = "text" | "link" | "heading" | "alt";

/** A citation found in a Markdown tree, with what is needed to replace it. */
export interface FoundCitation {
  citation: Citation;
  place: CitationPlace;
  /** The node whose children hold the citation (for `alt`, the image's parent). */
  parent: Parent;
  /** Every ancestor from the root down to `parent`. */
  ancestors: readonly Parent[];
  /** For `alt`: the image whose alt text holds the citation. */
  image?: Image;
  /** Child index and offset in that text child where the citation starts and ends (exclusive). */
  from: { child: number; offset: number };
  to: { child: number; offset: number };
  line: number | undefined;
}

interface Flattened {
  text: string;
  /** For each character: the index of the text child it comes from, or -1 inside a nested node. */
  owner: number[];
  /** For each character: its offset inside that text child. */
  local: number[];
  /** Offsets of `@` signs the author escaped (`\@`), which never start a key. */
  escaped: Set<number>;
}

/** Offsets in a text node's value of `@` signs written as `\@` in the source. */
function escapedAts(node: Text, source: string | undefined): number[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (source === undefined || start === undefined || end === undefined) return [];
  const raw = source.slice(start, end);
  if (!raw.includes("\\@")) return [];
  const rawEscaped: boolean[] = [];
  for (let index = 0; index < raw.length; index++) {
    if (raw[index] !== "@") continue;
    let slashes = 0;
    while (raw[index - 1 - slashes] === "\\") slashes++;
    rawEscaped.push(slashes % 2 === 1);
  }
  const valueAts: number[] = [];
  for (let index = 0; index < node.value.length; index++) if (node.value[index] === "@") valueAts.push(index);
  // Entities or other rewrites make the two disagree: then no escape is known.
  if (valueAts.length !== rawEscaped.length) return [];
  return valueAts.filter((_at, index) => rawEscaped[index]);
}

function flatten(children: readonly Nodes[], source: string | undefined, nested: boolean, into: Flattened): void {
  children.forEach((child, index) => {
    const push = (text: string, local = -1) => {
      for (let offset = 0; offset < text.length; offset++) {
        into.text += text[offset];
        into.owner.push(nested ? -1 : index);
        into.local.push(local < 0 ? -1 : local + offset);
      }
    };
    if (child.type === "text") {
      const base = into.text.length;
      for (const at of nested ? [] : escapedAts(child, source)) into.escaped.add(base + at);
      if (nested) push(child.value);
      else push(child.value, 0);
    } else if (child.type === "emphasis" || child.type === "strong") {
      const [open, close] = child.type === "emphasis" ? [EMPHASIS_OPEN, EMPHASIS_CLOSE] : [STRONG_OPEN, STRONG_CLOSE];
      into.text += open;
      into.owner.push(-1);
      into.local.push(-1);
      flatten(child.children, source, true, into);
      into.text += close;
      into.owner.push(-1);
      into.local.push(-1);
    } else if (child.type === "break" || child.type === "inlineCode") {
      push(child.type === "break" ? " " : OPAQUE);
    } else {
      into.text += OPAQUE;
      into.owner.push(-1);
      into.local.push(-1);
    }
  });
}

const SKIPPED = new Set(["code", "inlineCode", "html", "math", "inlineMath", "mdxFlowExpression", "mdxTextExpression"]);

/** Finds every citation in a Markdown tree, wherever it stands, in document order. */
export function findCitations(tree: Root, source?: string): FoundCitation[] {
  const found: FoundCitation[] = [];
  const walk = (node: Parent, ancestors: Parent[], place: CitationPlace) => {
    const chain = [...ancestors, node];
    const covered = new Set<number>();
    const children = node.children as Nodes[];
    if (children.some((child) => child.type === "text")) {
      const flat: Flattened = { text: "", owner: [], local: [], escaped: new Set() };
      flatten(children, source, false, flat);
      const citations = parseCitations(flat.text, {
        canStartKey: (offset) => (flat.owner[offset] ?? -1) >= 0 && !flat.escaped.has(offset),
      });
      for (const citation of citations) {
        const first = flat.owner[citation.start] ?? -1;
        const last = flat.owner[citation.end - 1] ?? -1;
        if (first < 0 || last < 0) continue;
        for (let index = first; index <= last; index++) covered.add(index);
        found.push({
          citation,
          place,
          parent: node,
          ancestors: chain,
          from: { child: first, offset: flat.local[citation.start] ?? 0 },
          to: { child: last, offset: (flat.local[citation.end - 1] ?? 0) + 1 },
          line: children[first]?.position?.start.line ?? node.position?.start.line,
        });
      }
    }
    children.forEach((child, index) => {
      if (covered.has(index) || SKIPPED.has(child.type)) return;
      if (child.type === "image") {
        for (const citation of parseCitations(child.alt ?? "")) {
          found.push({
            citation,
            place: "alt",
            parent: node,
            ancestors: chain,
            image: child,
            from: { child: index, offset: citation.start },
            to: { child: index, offset: citation.end },
            line: child.position?.start.line,
          });
        }
        return;
      }
      if (!("children" in child)) return;
      const inner: CitationPlace =
        place === "link" || child.type === "link" || child.type === "linkReference"
          ? "link"
          : place === "heading" || child.type === "heading"
            ? "heading"
            : place;
      walk(child, chain, inner);
    });
  };
  walk(tree, [], "text");
  return found;
}

/**
 * Puts `nodes` where a found citation stands (or, in alt text, `text`). Replace the citations of a
 * tree last to first, so that earlier offsets and child indices stay valid.
 */
export function spliceCitation(found: FoundCitation, nodes: PhrasingContent[], text: string): void {
  if (found.place === "alt" && found.image) {
    const alt = found.image.alt ?? "";
    found.image.alt = alt.slice(0, found.from.offset) + text + alt.slice(found.to.offset);
    return;
  }
  const children = found.parent.children as PhrasingContent[];
  const first = children[found.from.child] as Text;
  const last = children[found.to.child] as Text;
  const replacement: PhrasingContent[] = [];
  const before = first.value.slice(0, found.from.offset);
  const after = last.value.slice(found.to.offset);
  // The text around keeps its node's position, so that a later message about it names its line.
  if (before !== "")
    replacement.push({ type: "text", value: before, ...(first.position && { position: first.position }) });
  replacement.push(...nodes);
  if (after !== "") replacement.push({ type: "text", value: after, ...(last.position && { position: last.position }) });
  children.splice(found.from.child, found.to.child - found.from.child + 1, ...replacement);
}

/** The kinds of block a references-page back-link can lead to. */
export type CitingBlockKind =
  | "paragraph"
  | "heading"
  | "list item"
  | "table"
  | "figure"
  | "block quote"
  | "footnote"
  | "block";

/** Where a back-link leads: a block, how it is named, and the id it already has, if any. */
export interface CitingBlockPlace {
  node: Parent;
  kind: CitingBlockKind;
  /** The node whose position among its kind names the block (a quote, a footnote, the block itself). */
  counted: Parent;
  /** The block's own id (a labelled <Figure> or <Table>); "" for the section itself. */
  anchor?: string;
}

/**
 * A citation in a <Figure> or <Table> caption leads to the figure or table: by its label's id,
 * or to the section when it has none (its caption paragraphs are merged into one caption).
 */
function componentPlace(found: FoundCitation): CitingBlockPlace | undefined {
  const component = found.ancestors.findLast(
    (ancestor) => isComponent(ancestor, FIGURE_COMPONENT) || isComponent(ancestor, TABLE_COMPONENT),
  );
  if (!component) return undefined;
  const kind = isComponent(component, FIGURE_COMPONENT) ? "figure" : "table";
  // A <Table> is numbered among the section's tables, its Markdown table counted as one of them.
  const counted = (kind === "table" && component.children.find((child) => child.type === "table")) || component;
  const label = jsxAttribute(component as Parameters<typeof jsxAttribute>[0], "id");
  if (label) return { node: component, kind, counted, anchor: labelToId(label) };
  // An unlabelled table's cells still lead to the table itself, which gets an anchor.
  if (found.ancestors.some((ancestor) => ancestor.type === "table")) return undefined;
  return { node: component, kind, counted, anchor: "" };
}

/**
 * The block a citation's back-link leads to: its top-level paragraph, else the nearest heading,
 * list item, table, or paragraph (in a block quote, a footnote or a component).
 */
export function citingBlockOf(
  found: FoundCitation,
  isAnchoredParagraph: (node: Parent) => boolean = () => true,
): CitingBlockPlace {
  const inComponent = componentPlace(found);
  if (inComponent) return inComponent;
  const chain = found.ancestors;
  for (let index = chain.length - 1; index >= 0; index--) {
    const node = chain[index] as Nodes & Parent;
    const parent = chain[index - 1];
    if (node.type === "heading" || node.type === "listItem" || node.type === "table") {
      const kind = node.type === "heading" ? "heading" : node.type === "table" ? "table" : "list item";
      return { node, kind, counted: node };
    }
    // A paragraph in a list item is unwrapped in tight lists: the list item carries the anchor.
    if (node.type === "paragraph" && parent?.type !== "listItem") {
      if (parent?.type === "root" && isAnchoredParagraph(node)) return { node, kind: "paragraph", counted: node };
      const inside = chain.slice(0, index);
      const note = inside.findLast((ancestor) => ancestor.type === "footnoteDefinition");
      if (note) return { node, kind: "footnote", counted: note };
      const quote = inside.findLast((ancestor) => ancestor.type === "blockquote");
      if (quote) return { node, kind: "block quote", counted: quote };
      return { node, kind: "block", counted: node };
    }
  }
  return { node: found.parent, kind: "block", counted: found.parent };
}
