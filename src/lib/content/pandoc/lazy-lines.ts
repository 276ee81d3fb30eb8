import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from "mdast";
import { visit } from "unist-util-visit";

/** The paragraph a block ends with, looking into its last child (a note's, a quote's, a list item's). */
function lastParagraph(node: RootContent | undefined): Paragraph | undefined {
  let current: RootContent | undefined = node;
  while (current && current.type !== "paragraph") {
    if (!("children" in current) || current.type === "table") return undefined;
    current = (current as Parent).children.at(-1) as RootContent | undefined;
  }
  return current;
}

/**
 * A line such as `2005.` that wraps a paragraph inside a footnote, a quote or a list item
 * (`[^5]: ... published by Martin Fowler in` / `2005.`) is that paragraph's last line, as Pandoc
 * reads it: a list needs a blank line before it. CommonMark itself never lets an empty item, or one
 * numbered other than 1, interrupt a paragraph, but its parser opens such a list on a lazy
 * continuation line, where the note's text would end in mid-sentence and a lone number stand below
 * it. Such a list, on the line right after the paragraph, is joined back to it; any other list is
 * left as written.
 */
export function joinLazyNumberLines(tree: Root, source: string): void {
  visit(tree, (node) => {
    if (!("children" in node)) return;
    const children = (node as Parent).children as RootContent[];
    for (let index = 1; index < children.length; index++) {
      const list = children[index];
      if (list?.type !== "list" || !list.ordered || list.children.length !== 1) continue;
      const item = list.children[0];
      const content = item?.children ?? [];
      const empty = content.length === 0;
      if (!empty && !(content.length === 1 && content[0]?.type === "paragraph" && (list.start ?? 1) !== 1)) continue;
      const paragraph = lastParagraph(children[index - 1]);
      const startLine = list.position?.start.line;
      const startOffset = list.position?.start.offset;
      if (!paragraph || startLine === undefined || startOffset === undefined) continue;
      if (paragraph.position?.end.line !== startLine - 1) continue;
      const marker = /^[ \t]*(\d{1,9}[.)])/.exec(source.slice(startOffset))?.[1];
      if (marker === undefined) continue;
      const rest = empty ? [] : ((content[0] as Paragraph).children as PhrasingContent[]);
      paragraph.children.push({ type: "text", value: `\n${marker}${empty ? "" : " "}` }, ...rest);
      if (paragraph.position && list.position) paragraph.position.end = list.position.end;
      children.splice(index, 1);
      index--;
    }
  });
}
