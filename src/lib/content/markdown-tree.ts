import type { Root } from "mdast";
import { remarkDefinitionList } from "remark-definition-list";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { ContentError } from "./content-error.ts";
import { EventHandlerAttributeError } from "./pandoc/attributes.ts";
import { markInlineDisplayMath } from "./pandoc/inline-display-math.ts";
import { transformPandocTree } from "./pandoc/pandoc-tree.ts";
import { markPandocSource } from "./pandoc/source-marks.ts";

/** Parses Markdown text to a tree (CommonMark, GFM, math, definition lists): a parser's own function. */
export type MarkdownParse = (text: string) => Root;

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkDefinitionList);
const parsePlain: MarkdownParse = (text) => parser.parse(text);

/**
 * Reads a Markdown (`.md`) body the way Pandoc does: `parse` reads the CommonMark, GFM, math and
 * definition lists, then the Pandoc, Quarto and MyST constructs are read into the report's shapes
 * (see pandoc-tree.ts). The site's pipeline calls it with Astro's own parser, the content check
 * and the analysis with the same parser built here, so all three see one tree.
 */
export function parsePandocMarkdown(parse: MarkdownParse, body: string, file: string): Root {
  const { text, marks } = markPandocSource(body);
  const tree = parse(text);
  markInlineDisplayMath(tree, text);
  try {
    transformPandocTree(tree, { marks, source: body, file, parseFragment: parse });
  } catch (error) {
    if (!(error instanceof EventHandlerAttributeError)) throw error;
    const at = body.indexOf(error.written);
    throw new ContentError({
      file,
      line: at === -1 ? undefined : body.slice(0, at).split("\n").length,
      problem: `the attribute ${error.written} in a {...} block is an event handler: Pandoc would write it into the page, where it runs JavaScript in the reader's browser (the site ships none, and its Content Security Policy blocks it).`,
      fix: `remove ${error.attribute}=... from the braces; keep the attributes the site reads (#id, width=, fig-alt=).`,
    });
  }
  return tree;
}

/** Parses a Markdown (`.md`) body as the site's pipeline does. */
export function parseMarkdown(body: string, file = "content.md"): Root {
  return parsePandocMarkdown(parsePlain, body, file);
}
