import type { Element } from "hast";
import { findAll, hasClass, textOf } from "./hast-tools.ts";

/**
 * Tables a reading system shows whole. Many reading systems cannot scroll a box sideways (paginated,
 * they cut what sticks out), so no EPUB table scrolls: each is set a little smaller and breaks its
 * lines only between words, and below the width its longest words need it is set as a stack, one
 * block per row with each cell under its column's heading. The width is estimated here, from the
 * longest word of each column; the edition matrix renders every EPUB document at 390 px with nothing
 * allowed to scroll and finds every cell inside the page.
 */

/** A table's type against the text's (EPUB_CSS sets it at 0.85em). */
const TABLE_FONT_SCALE = 0.85;
/** A generous character width of a serif text face, in ems: capitals and digits are wider than most. */
const CHARACTER_EM = 0.6;
/** A cell's padding and rule, left and right, in the table's ems. */
const CELL_PADDING_EM = 0.8;
/** What a reading system takes from the screen's width: the body's margins and its own. */
const PAGE_MARGINS_EM = 4;
/** Stacking widths come in steps of this many ems (one CSS rule a step). */
const STEP_EM = 5;
/** The narrowest step: a screen narrower than 20em stacks every table wider than one word. */
const NARROWEST_EM = 20;
/** A table that needs more than this stacks at every width. */
const WIDEST_EM = 100;

/** The class a table that stacks below `width` ems gets; `always` for one too wide for any screen. */
export function stackClass(width: number | "always"): string {
  return `table-stacks-${width === "always" ? "always" : `below-${width}`}`;
}

function rowsOf(table: Element): { head: Element[]; body: Element[] } {
  const head: Element[] = [];
  const body: Element[] = [];
  for (const child of table.children) {
    if (child.type !== "element") continue;
    if (child.tagName === "tr") body.push(child);
    else if (child.tagName === "thead") head.push(...findAll(child, (element) => element.tagName === "tr"));
    else if (child.tagName === "tbody" || child.tagName === "tfoot")
      body.push(...findAll(child, (element) => element.tagName === "tr"));
  }
  // A table without <thead> whose first row is all headings: that row heads the columns.
  const first = body[0];
  if (head.length === 0 && first && cellsOf(first).every((cell) => cell.tagName === "th"))
    head.push(body.shift() as Element);
  return { head, body };
}

function cellsOf(row: Element): Element[] {
  return row.children.filter(
    (child): child is Element => child.type === "element" && (child.tagName === "td" || child.tagName === "th"),
  );
}

/** Each cell of a row with the column it starts in (a cell spanning columns takes several). */
function placed(row: Element): { cell: Element; column: number }[] {
  let column = 0;
  return cellsOf(row).map((cell) => {
    const at = column;
    column += Math.max(1, Number(cell.properties["colSpan"] ?? 1) || 1);
    return { cell, column: at };
  });
}

/** The width in ems (of the text) that a table's longest words need, with the page's margins. */
export function neededWidthEm(table: Element): number {
  const longest = new Map<number, number>();
  const { head, body } = rowsOf(table);
  for (const row of [...head, ...body]) {
    for (const { cell, column } of placed(row)) {
      const word = Math.max(
        0,
        ...textOf(cell)
          .split(" ")
          .map((part) => [...part].length),
      );
      longest.set(column, Math.max(longest.get(column) ?? 0, word));
    }
  }
  const columns = [...longest.values()].reduce((sum, word) => sum + word * CHARACTER_EM + CELL_PADDING_EM, 0);
  return columns * TABLE_FONT_SCALE + PAGE_MARGINS_EM;
}

/** The stacking step a table of this needed width gets: the smallest step at or above it. */
export function stackWidth(neededEm: number): number | "always" {
  const step = Math.max(NARROWEST_EM, Math.ceil(neededEm / STEP_EM) * STEP_EM);
  return step > WIDEST_EM ? "always" : step;
}

/**
 * Prepares every table of a part for reading systems, in place: each body cell is labelled with its
 * column's heading (shown above it when the table stacks) and each table gets the class of the width
 * below which it stacks. Returns the stacking widths used, for {@link readerTableCss}.
 */
export function fitTablesForReader(content: Element): Set<number | "always"> {
  const widths = new Set<number | "always">();
  // Nothing scrolls in a reading system, so the site's scroll box is no longer a stop for the keyboard.
  for (const box of findAll(content, (element) => hasClass(element, "table-scroll"))) delete box.properties["tabIndex"];
  for (const table of findAll(content, (element) => element.tagName === "table")) {
    const { head, body } = rowsOf(table);
    const headings = new Map<number, string>();
    const headRow = head.at(-1);
    if (headRow) for (const { cell, column } of placed(headRow)) headings.set(column, textOf(cell));
    for (const row of body) {
      for (const { cell, column } of placed(row)) {
        const heading = headings.get(column);
        if (heading) cell.properties["dataLabel"] = heading;
      }
    }
    const width = stackWidth(neededWidthEm(table));
    widths.add(width);
    const classes = table.properties["className"];
    table.properties["className"] = [...(Array.isArray(classes) ? classes.map(String) : []), stackClass(width)];
  }
  return widths;
}

/** The rules that stack a table of each given width below it (EPUB_CSS sets tables otherwise). */
export function readerTableCss(widths: Iterable<number | "always">): string {
  return [...widths]
    .sort((a, b) => (a === "always" ? 1 : b === "always" ? -1 : a - b))
    .map((width) => {
      const table = `table.${stackClass(width)}`;
      // Plain selector lists, no :is(): older reading systems keep older CSS engines.
      const parts = (names: string) =>
        names
          .split(" ")
          .map((name) => `${table} ${name}`)
          .join(", ");
      const rules = `${table}, ${parts("thead tbody tfoot tr th td")} { display: block; }
${table} thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
${table} tr { border-top: 1px solid; padding: 0.3em 0; }
${parts("th td")} { padding: 0.1em 0; }
${parts("th[data-label]::before td[data-label]::before")} { content: attr(data-label); display: block; font-weight: bold; font-size: 0.9em; }`;
      return width === "always" ? `${rules}\n` : `@media (max-width: ${width}em) {\n${rules}\n}\n`;
    })
    .join("");
}
