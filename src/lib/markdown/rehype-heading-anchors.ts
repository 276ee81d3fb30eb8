import type { Element, Root } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import { visit } from "unist-util-visit";

const HEADING = /^h[2-6]$/;

/**
 * Adds a copyable "link to this heading" anchor after every h2-h6 that has an id, in the pattern
 * Starlight uses: the heading's own text stays its accessible name.
 */
export function rehypeHeadingAnchors() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (!parent || index === undefined || !HEADING.test(node.tagName)) return;
      const id = node.properties["id"];
      if (typeof id !== "string") return;
      const anchor: Element = {
        type: "element",
        tagName: "a",
        properties: { className: ["heading-anchor"], href: `#${id}` },
        children: [
          {
            type: "element",
            tagName: "span",
            properties: { ariaHidden: "true" },
            children: [{ type: "text", value: "#" }],
          },
          {
            type: "element",
            tagName: "span",
            properties: { className: ["visually-hidden"] },
            children: [{ type: "text", value: `Link to the heading “${hastToString(node)}”` }],
          },
        ],
      };
      const wrapper: Element = {
        type: "element",
        tagName: "div",
        properties: { className: ["heading-wrapper", `level-${node.tagName}`] },
        children: [node, anchor],
      };
      parent.children.splice(index, 1, wrapper);
      return index + 1;
    });
  };
}
