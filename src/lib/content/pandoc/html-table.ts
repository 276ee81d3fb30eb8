import type { Element, ElementContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { Html, Paragraph, PhrasingContent, Table, TableCell, TableRow } from "mdast";
import { checkMdxTree } from "../policy/check-mdx-tree.ts";

/** What {@link htmlTable} needs of the Markdown reader: failing at a line, reading a cell's inline Markdown. */
export interface HtmlTableContext {
  file: string;
  fail: (line: number | undefined, problem: string, fix: string) => never;
  /** The inline content of a fragment written on the given line of the file. */
  inline: (markdown: string, line: number | undefined) => PhrasingContent[];
}

function elements(nodes: readonly ElementContent[], names: readonly string[]): Element[] {
  return nodes.filter((node): node is Element => node.type === "element" && names.includes(node.tagName));
}

/** The source of an element's content, as written (a cell's `<em>x</em> $y$`). */
function innerSource(html: string, element: Element): string {
  const first = element.children[0]?.position?.start.offset;
  const last = element.children.at(-1)?.position?.end.offset;
  return first === undefined || last === undefined ? "" : html.slice(first, last);
}

/**
 * A simple HTML table written in Markdown (`<table>` with rows of `<th>`/`<td>`, an optional
 * `<caption>`), read into the Markdown table the pipeline knows, so that it is numbered, captioned and
 * scrolls as a pipe table does; with a caption it is a numbered table. A cell spanning rows or
 * columns stops the build (a Markdown table cannot hold it). A table that breaks the allowlist is
 * left as HTML, for the content policy to name what is wrong.
 */
export function htmlTable(
  context: HtmlTableContext,
  node: Html,
): { table: Table; caption: Paragraph | undefined } | undefined {
  const html = node.value;
  if (!/^\s*<table[\s>]/i.test(html)) return undefined;
  const line = node.position?.start.line;
  const lineOf = (offset: number | undefined) =>
    line === undefined || offset === undefined ? line : line + (html.slice(0, offset).match(/\n/g)?.length ?? 0);
  if (!/<\/table>\s*$/i.test(html)) {
    context.fail(
      line,
      "the HTML table does not end in its block: in Markdown, a blank line ends a block of HTML, so the rest of the table would be read as text.",
      "remove the blank lines between <table> and </table>.",
    );
  }
  if (checkMdxTree({ type: "root", children: [node] }, context.file).length > 0) return undefined;
  const root = fromHtml(html, { fragment: true });
  const [table] = elements(root.children as ElementContent[], ["table"]);
  if (!table) return undefined;
  const groups = elements(table.children, ["thead", "tbody", "tfoot"]);
  const order = (element: Element) => (element.tagName === "thead" ? 0 : element.tagName === "tfoot" ? 2 : 1);
  const rows = [
    ...elements(table.children, ["tr"]),
    ...groups.sort((a, b) => order(a) - order(b)).flatMap((group) => elements(group.children, ["tr"])),
  ];
  if (rows.length === 0) {
    context.fail(
      line,
      "the HTML table has no rows (<tr>).",
      "write its rows as <tr><td>…</td></tr>, or as a pipe table.",
    );
  }
  const width = Math.max(...rows.map((row) => elements(row.children, ["td", "th"]).length));
  const children = rows.map((row): TableRow => {
    const cells = elements(row.children, ["td", "th"]).map((cell): TableCell => {
      const at = lineOf(cell.position?.start.offset);
      for (const name of ["colSpan", "rowSpan"] as const) {
        const span = Number(cell.properties[name] ?? 1);
        if (span > 1) {
          context.fail(
            at,
            `a cell of the HTML table spans ${span} ${name === "colSpan" ? "columns" : "rows"}, which a Markdown table cannot hold.`,
            "give each cell its own place (repeat the value, or leave the other cells empty), or split the table in two.",
          );
        }
      }
      return { type: "tableCell", children: context.inline(innerSource(html, cell).trim(), at) };
    });
    while (cells.length < width) cells.push({ type: "tableCell", children: [] });
    return { type: "tableRow", children: cells };
  });
  const [captionElement] = elements(table.children, ["caption"]);
  const caption: Paragraph | undefined = captionElement
    ? {
        type: "paragraph",
        children: context.inline(
          innerSource(html, captionElement).trim(),
          lineOf(captionElement.position?.start.offset),
        ),
      }
    : undefined;
  const result: Table = { type: "table", align: Array.from({ length: width }, () => null), children };
  if (node.position) result.position = node.position;
  return { table: result, caption };
}
