import path from "node:path";
import type { Root } from "mdast";
import { remarkDefinitionList } from "remark-definition-list";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { processWide } from "../build/process-wide.ts";
import { ContentError } from "./content-error.ts";
import { depthProblem, nestingProblem } from "./content-limits.ts";
import { parseMarkdown } from "./markdown-tree.ts";

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath).use(remarkDefinitionList);

/** Parses an MDX body into the same Markdown tree the site's MDX pipeline sees. */
export function parseMdx(body: string): Root {
  return parser.parse(body);
}

interface ParsedFile {
  body: string;
  tree?: Root;
  error?: unknown;
}

// The content check (before anything compiles) and the report analysis (before the pages render)
// both need each section's and page's tree: a process-wide cache, as for the reads, lets them share
// one parse even when they run in separate module graphs.
const cache = processWide("mdx-trees", () => new Map<string, ParsedFile>());

/** True for a Markdown (`.md`) content file, read as Pandoc reads Markdown; others are MDX. */
export function isMarkdownFile(file: string): boolean {
  return /\.md$/i.test(file);
}

/**
 * Parses a content file's body once per build (`.md` as Pandoc Markdown, `.mdx` as MDX): a later call for the same file and body returns
 * the same tree (callers only read it, never change it), and a body that cannot be parsed throws the
 * same error again. A changed body (an edit in dev) is parsed again.
 */
export function parseMdxFile(file: string, body: string): Root {
  const key = path.resolve(file);
  let cached = cache.get(key);
  if (cached?.body !== body) {
    cached = { body };
    try {
      // Nesting is measured in one pass before the parser, whose time grows faster than the input.
      const tooDeep = nestingProblem(key, body);
      if (tooDeep) throw new ContentError(tooDeep);
      const tree = isMarkdownFile(file) ? parseMarkdown(body, file) : parseMdx(body);
      // Nesting the lines do not show (tags and components opened inside one another) is measured
      // on the tree, before any recursive renderer walks it.
      const nestedTooDeep = depthProblem(key, tree);
      if (nestedTooDeep) throw new ContentError(nestedTooDeep);
      cached.tree = tree;
    } catch (error) {
      cached.error = error;
    }
    cache.set(key, cached);
  }
  if (cached.tree === undefined) throw cached.error;
  return cached.tree;
}
