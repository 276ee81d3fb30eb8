import type { Root } from "mdast";
import { visit } from "unist-util-visit";
import {
  ALGORITHM_COMPONENT,
  FIGURE_COMPONENT,
  LISTING_COMPONENT,
  TABLE_COMPONENT,
} from "../content/mdx-components.ts";

/** What a page's text uses beyond paragraphs, to load the stylesheets it needs and no others. */
export interface ContentFeatures {
  /** Code blocks or inline code: the code stylesheet. */
  code: boolean;
  /** Math, block quotes, definition and task lists, rules, h4 and below, footnotes: the rich-text stylesheet. */
  richText: boolean;
  /** Images, figures, tables, listings and algorithms: the figures stylesheet. */
  figures: boolean;
}

/** No features: a page of plain paragraphs. */
export const NO_FEATURES: ContentFeatures = { code: false, richText: false, figures: false };

const RICH_NODES = new Set(["math", "inlineMath", "blockquote", "thematicBreak", "footnoteDefinition", "defList"]);
const RICH_ELEMENTS = new Set(["blockquote", "dl", "hr", "h4", "h5", "h6", "pre", "code", "kbd", "sup", "sub"]);
const FIGURE_NODES = new Set(["image", "imageReference", "table"]);
// A numbered listing or algorithm is captioned like a figure: its caption and print rules are in the figures stylesheet.
const FIGURE_ELEMENTS = new Set([
  "img",
  "table",
  "figure",
  FIGURE_COMPONENT,
  TABLE_COMPONENT,
  LISTING_COMPONENT,
  ALGORITHM_COMPONENT,
]);

/** Finds the features a parsed section or page uses. */
export function contentFeatures(tree: Root): ContentFeatures {
  const features = { ...NO_FEATURES };
  visit(tree, (node) => {
    if (node.type === "code" || node.type === "inlineCode") features.code = true;
    else if (RICH_NODES.has(node.type)) features.richText = true;
    else if (FIGURE_NODES.has(node.type)) features.figures = true;
    else if (node.type === "heading" && node.depth >= 4) features.richText = true;
    else if (node.type === "listItem" && typeof node.checked === "boolean") features.richText = true;
    else if (
      (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") &&
      typeof node.name === "string"
    ) {
      if (node.name === "pre" || node.name === "code" || node.name === "kbd") features.code = true;
      else if (RICH_ELEMENTS.has(node.name)) features.richText = true;
      else if (FIGURE_ELEMENTS.has(node.name)) features.figures = true;
    }
  });
  return features;
}

/** Both sets of features together (the full report holds every section). */
export function mergeFeatures(parts: readonly ContentFeatures[]): ContentFeatures {
  return {
    code: parts.some((part) => part.code),
    richText: parts.some((part) => part.richText),
    figures: parts.some((part) => part.figures),
  };
}
