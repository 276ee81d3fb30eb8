import type { Element, ElementContent, Root, RootContent } from "hast";
import { raw } from "hast-util-raw";
import { toString as hastToString } from "hast-util-to-string";
import type { MdxJsxFlowElementHast } from "mdast-util-mdx-jsx";
import { SKIP, visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { ContentError } from "../content/content-error.ts";

/**
 * One rule for every table, whatever its source. The Markdown readers put a pipe table, a simple
 * HTML table at the top level of a `.md` file and a `<Table>` into a labelled scroll region (with
 * "Table N." and its caption when it has one). A table they never see (raw HTML inside other HTML in
 * a `.md` file, a `<table>` written as HTML in MDX) gets the same region here, named by its column
 * headings; one with a `<caption>` would go unnumbered, so the build stops and says how to number it.
 */

/** The class of the region every table sits in (figures.css, the EPUB's and the PDF's rules). */
export const TABLE_REGION_CLASS = "table-scroll";

/** Longest accessible name made from a bare table's column headings (as remark-figures makes it). */
const HEADINGS_LABEL_LENGTH = 80;

type TableNode = Element | MdxJsxFlowElementHast;

function isTable(node: unknown): node is TableNode {
  const candidate = node as { type?: string; tagName?: string; name?: string };
  return (
    (candidate.type === "element" && candidate.tagName === "table") ||
    (candidate.type === "mdxJsxFlowElement" && candidate.name === "table")
  );
}

function isRegion(node: unknown): boolean {
  const candidate = node as Element;
  if (candidate.type !== "element") return false;
  const classes = candidate.properties["className"];
  return Array.isArray(classes) && classes.includes(TABLE_REGION_CLASS);
}

/** The elements (HTML or MDX) directly or deeply under a table with one of these names. */
function descendants(node: TableNode, names: readonly string[]): TableNode[] {
  const found: TableNode[] = [];
  visit(node as unknown as Root, (child) => {
    const candidate = child as { type?: string; tagName?: string; name?: string };
    const name = candidate.type === "element" ? candidate.tagName : candidate.name;
    if (
      child !== node &&
      (candidate.type === "element" || candidate.type === "mdxJsxFlowElement") &&
      name &&
      names.includes(name)
    )
      found.push(child as TableNode);
  });
  return found;
}

const text = (node: TableNode) =>
  hastToString(node as Element)
    .replace(/\s+/g, " ")
    .trim();

/** "Table: Group, Founded", from the first row's cells (its headings). */
export function headingsLabel(table: TableNode): string {
  const [firstRow] = descendants(table, ["tr"]);
  const headings = firstRow
    ? descendants(firstRow, ["th", "td"])
        .map(text)
        .filter((cell) => cell !== "")
    : [];
  if (headings.length === 0) return "Table";
  const label = `Table: ${headings.join(", ")}`;
  return label.length <= HEADINGS_LABEL_LENGTH ? label : `${label.slice(0, HEADINGS_LABEL_LENGTH - 1).trimEnd()}…`;
}

function region(table: TableNode): Element {
  return {
    type: "element",
    tagName: "section",
    properties: { className: [TABLE_REGION_CLASS], tabIndex: 0, ariaLabel: headingsLabel(table) },
    children: [table as ElementContent],
  };
}

function hasRawTable(tree: Root): boolean {
  let found = false;
  visit(tree, "raw", (node) => {
    if (/<table[\s>]/i.test(node.value)) found = true;
  });
  return found;
}

/**
 * The rehype plugin: every table outside a region gets one. Raw HTML (a `.md` file's) is parsed
 * first, as Astro would parse it after the pipeline, so that a table inside it is found too.
 */
export function rehypeTableRegions() {
  return (tree: Root, file: VFile): Root => {
    const root = hasRawTable(tree) ? (raw(tree, { file }) as Root) : tree;
    visit(root, (node, index, parent) => {
      if (isRegion(node)) return SKIP;
      if (!isTable(node) || !parent || index === undefined) return undefined;
      if (descendants(node, ["caption"]).length > 0) {
        throw new ContentError({
          file: file.path,
          line: node.position?.start.line,
          problem:
            "this table has a <caption> but cannot be numbered: the Markdown reader numbers a captioned table only where it can read it (not inside other HTML, nor as HTML in MDX).",
          fix: 'in a .md file, write the <table> on its own, outside other HTML (or as a pipe table with "Table: caption"); in MDX, write <Table id="tbl:name">, the caption, a blank line and a Markdown table.',
        });
      }
      parent.children[index] = region(node) as RootContent & ElementContent;
      return SKIP;
    });
    return root;
  };
}
