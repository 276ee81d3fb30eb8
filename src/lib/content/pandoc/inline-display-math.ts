import type { Root } from "mdast";
import type { InlineMath } from "mdast-util-math";
import { visit } from "unist-util-visit";

interface DisplayData {
  /** Written `$$...$$` inside a paragraph: display math, as Pandoc reads it. */
  pandocDisplay?: boolean;
}

/**
 * Marks the `$$...$$` formulas written inside a paragraph: CommonMark's math reads them as inline
 * math (two dollars are a longer fence), Pandoc as display math, set apart on a line of their own
 * within the paragraph. `text` is the Markdown the tree was parsed from (its offsets).
 */
export function markInlineDisplayMath(tree: Root, text: string): void {
  visit(tree, "inlineMath", (node: InlineMath) => {
    const start = node.position?.start.offset;
    if (start !== undefined && text.startsWith("$$", start)) {
      node.data = { ...node.data, pandocDisplay: true } as InlineMath["data"];
    }
  });
}

/** True for a `$$...$$` formula inside a paragraph, marked by {@link markInlineDisplayMath}. */
export function isInlineDisplayMath(node: InlineMath): boolean {
  return (node.data as DisplayData | undefined)?.pandocDisplay === true;
}
