import type { Emphasis, PhrasingContent, Root, Text } from "mdast";
import type { VFile } from "vfile";
import { type FoundCitation, findCitations, spliceCitation } from "../citations/find-citations.ts";

/** A citation found in a file's tree, and the node that stands where it was written. */
export interface MarkedCitation {
  found: FoundCitation;
  /** Holds the citation's source until the citations plugin renders it there; none in alt text. */
  mark: Emphasis | undefined;
}

declare module "vfile" {
  interface DataMap {
    citationMarks: { tree: Root; marked: readonly MarkedCitation[] };
  }
}

/** The citation's source nodes: the covered part of its first and last text, and all between. */
function coveredNodes({ parent, from, to }: FoundCitation): PhrasingContent[] {
  const children = parent.children as PhrasingContent[];
  const first = children[from.child] as Text;
  const last = children[to.child] as Text;
  const text = (node: Text, value: string): Text => ({
    type: "text",
    value,
    ...(node.position && { position: node.position }),
  });
  const nodes =
    from.child === to.child
      ? [text(first, first.value.slice(from.offset, to.offset))]
      : [
          text(first, first.value.slice(from.offset)),
          ...children.slice(from.child + 1, to.child),
          text(last, last.value.slice(0, to.offset)),
        ];
  return nodes.filter((node) => node.type !== "text" || node.value !== "");
}

/**
 * The citations of a file's Markdown tree, found once per file: the first plugin that asks (the
 * paragraph anchors, which must see <Figure> and <Table> as written) finds them, and puts a mark
 * where each stands; the citations plugin, asking later, gets the same find and fills each mark.
 * Offsets alone could not be handed on: the figures and cross-references plugins, which run in
 * between, move and split the very texts they point into, whereas a mark moves with its text.
 */
export function citationMarks(tree: Root, file: VFile): readonly MarkedCitation[] {
  const stored = file.data.citationMarks;
  if (stored?.tree === tree) return stored.marked;
  const source = typeof file.value === "string" ? file.value : undefined;
  const marked = findCitations(tree, source).map(
    (found): MarkedCitation => ({
      found,
      // An unfilled mark (no citations plugin) shows the citation as written.
      mark:
        found.place === "alt"
          ? undefined
          : { type: "emphasis", children: coveredNodes(found), data: { hName: "span" } },
    }),
  );
  // Last to first, so that earlier offsets and child indices stay valid.
  for (const { found, mark } of [...marked].reverse()) if (mark) spliceCitation(found, [mark], "");
  file.data.citationMarks = { tree, marked };
  return marked;
}
