import type { Root } from "mdast";
import type { Processor } from "unified";
import type { VFile } from "vfile";
import { parsePandocMarkdown } from "../content/markdown-tree.ts";

/**
 * Makes the site's Markdown (`.md`) parser read Pandoc, Quarto and MyST syntax: it wraps the parser
 * the processor already has (remark-parse with GFM, math and definition lists), so that the tree
 * every later plugin sees is the one the content check and the report's analysis read. Reading at
 * parse time puts it before every transform (smart quotes would change `fig-alt="…"` first).
 */
export function remarkPandocMarkdown(this: Processor) {
  const parse = this.parser;
  if (!parse) throw new Error("remarkPandocMarkdown must come after remark-parse");
  this.parser = (document: string, file: VFile) =>
    parsePandocMarkdown((text) => parse(text, file) as Root, document, file.path ?? "content.md");
}
