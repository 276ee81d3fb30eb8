import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Root } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { ContentError } from "../content/content-error.ts";

/**
 * Task-list checkboxes become text: a disabled form control with no label is noise to screen
 * readers and fails accessibility checks, and the report has no forms. Sighted readers see a box,
 * screen readers hear "done" or "to do".
 */
export function rehypeTaskLists() {
  return (tree: HastRoot) => {
    visit(tree, "element", (item: Element) => {
      if (item.tagName !== "li") return;
      const index = item.children.findIndex(
        (child) => child.type === "element" && child.tagName === "input" && child.properties["type"] === "checkbox",
      );
      const input = item.children[index];
      if (index === -1 || input?.type !== "element") return;
      const done = input.properties["checked"] === true;
      const marker: ElementContent[] = [
        {
          type: "element",
          tagName: "span",
          properties: { className: ["task-box"], ariaHidden: "true" },
          children: [{ type: "text", value: done ? "☑\uFE0E" : "☐\uFE0E" }],
        },
        {
          type: "element",
          tagName: "span",
          properties: { className: ["visually-hidden"] },
          children: [{ type: "text", value: done ? "Done:" : "To do:" }],
        },
      ];
      item.children.splice(index, 1, ...marker);
    });
  };
}

/**
 * MDX has no indented code blocks: four spaces before a paragraph would silently turn code into
 * prose. Such a paragraph stops the build with its line and the fenced form to use instead.
 */
export function remarkIndentedCode() {
  return (tree: Root, file: VFile) => {
    const parents = [tree, ...tree.children.filter((node) => node.type === "blockquote")];
    for (const parent of parents) {
      const depth = parent.type === "blockquote" ? (parent.position?.start.column ?? 1) + 1 : 1;
      for (const node of parent.children) {
        const column = node.position?.start.column;
        if (node.type !== "paragraph" || column === undefined || column - depth < 4) continue;
        throw new ContentError({
          file: file.path,
          line: node.position?.start.line,
          problem:
            "this paragraph is indented by four spaces or more: in Markdown that is a code block, which MDX does not support, so the code would print as prose.",
          fix: "fence code with three backticks and its language (```python on the line before, ``` on the line after), or remove the indentation if it is prose.",
        });
      }
    }
  };
}

const DEFINITION_ELEMENTS: Record<string, string> = { defList: "dl", defListTerm: "dt", defListDescription: "dd" };

/** Gives remark-definition-list's nodes their HTML elements (`dl`, `dt`, `dd`) without custom handlers. */
export function remarkDefinitionListElements() {
  return (tree: Root) => {
    visit(tree, (node) => {
      const tagName = DEFINITION_ELEMENTS[node.type];
      if (tagName) node.data = { ...node.data, hName: tagName };
    });
  };
}
