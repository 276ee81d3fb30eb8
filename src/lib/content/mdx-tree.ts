import type { Root } from "mdast";
import { remarkDefinitionList } from "remark-definition-list";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath).use(remarkDefinitionList);

/** Parses an MDX body into the same Markdown tree the site's MDX pipeline sees. */
export function parseMdx(body: string): Root {
  return parser.parse(body);
}
