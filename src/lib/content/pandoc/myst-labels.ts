import type { Root, Text } from "mdast";
import type { Math as DisplayMath } from "mdast-util-math";
import type { MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import { visit } from "unist-util-visit";

/** A label's name as cross-references write it (letters, digits, `_`, `-`, inner `.` or `:`). */
const NAME = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_-]|[.:](?=[\p{L}\p{N}_]))*`;
/** `@name` standing alone: not inside a word, an e-mail address or another reference. */
const BARE = new RegExp(String.raw`(?<![\p{L}\p{N}_@.\-])@(${NAME})`, "gu");

/**
 * The labels a file gives its numbered things, by the name its author wrote: `:label: workspace` on
 * a MyST code block is the listing `lst:workspace`, `:label: export` on a figure `fig:export`.
 */
function fileLabels(tree: Root): Map<string, string> {
  const labels = new Map<string, string>();
  visit(tree, (node) => {
    if (node.type === "mdxJsxFlowElement") {
      const id = (node as MdxJsxFlowElement).attributes.find(
        (attribute) => attribute.type === "mdxJsxAttribute" && attribute.name === "id",
      )?.value;
      const match = typeof id === "string" ? /^(fig|tbl|lst):(.+)$/.exec(id) : null;
      if (match?.[2]) labels.set(match[2], id as string);
    } else if (node.type === "math") {
      for (const [, name] of (node as DisplayMath).value.matchAll(/\\label\{eq:([^{}]+)\}/g)) {
        if (name) labels.set(name, `eq:${name}`);
      }
    }
  });
  return labels;
}

/**
 * MyST's cross-reference `@label`: a label given without a kind (`:label: pixi-workspace` on a code
 * block, then "as seen in @pixi-workspace") names the thing so labelled in the same file, which
 * MyST resolves before it looks for a citation key. It is written here as the report's reference
 * to that kind (`@lst:pixi-workspace`), so that it is numbered and linked like any other; an
 * `@name` that names no label of the file stays a citation.
 */
export function bareLabelReferences(tree: Root): void {
  const labels = fileLabels(tree);
  if (labels.size === 0) return;
  visit(tree, "text", (text: Text) => {
    text.value = text.value.replace(BARE, (written, name: string) => {
      const label = labels.get(name);
      return label === undefined ? written : `@${label}`;
    });
  });
}
