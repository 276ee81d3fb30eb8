import fc from "fast-check";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { describe, expect, test } from "vitest";
import { findAll } from "../../../../src/lib/editions/epub/hast-tools.ts";
import {
  fitTablesForReader,
  neededWidthEm,
  readerTableCss,
  stackClass,
  stackWidth,
} from "../../../../src/lib/editions/epub/reader-tables.ts";

const content = (html: string) => fromHtml(`<main>${html}</main>`, { fragment: true }).children[0] as Element;
const table = (html: string) => findAll(content(html), (element) => element.tagName === "table")[0] as Element;

describe("EPUB tables that never scroll", () => {
  test("each body cell is labelled with its column's heading, spanning cells counted; the scroll box leaves the tab order", () => {
    const part = content(
      '<section class="table-scroll" tabindex="0"><table><thead><tr><th>Group</th><th>Founded</th><th>City</th></tr></thead>' +
        '<tbody><tr><th>AA</th><td colspan="1">1935</td><td>Akron</td></tr><tr><td colspan="2">Both</td><td>Here</td></tr></tbody></table></section>',
    );
    const widths = fitTablesForReader(part);
    const html = toHtml(part);
    expect(html).not.toContain("tabindex");
    expect(html).toContain(
      '<th data-label="Group">AA</th><td colspan="1" data-label="Founded">1935</td><td data-label="City">Akron</td>',
    );
    expect(html).toContain('<td colspan="2" data-label="Group">Both</td><td data-label="City">Here</td>');
    expect(widths.size).toBe(1);
    expect(html).toContain(`class="${stackClass([...widths][0] ?? "always")}"`);
  });

  test("a first row of headings without <thead> heads the columns", () => {
    const part = content("<table><tr><th>Tool</th><th>Year</th></tr><tr><td>Pandoc</td><td>2006</td></tr></table>");
    fitTablesForReader(part);
    expect(toHtml(part)).toContain('<td data-label="Tool">Pandoc</td><td data-label="Year">2006</td>');
  });

  test("the needed width grows with each column's longest word, not with its number of words", () => {
    const narrow = neededWidthEm(table("<table><tr><td>a b c d e f g h</td><td>x</td></tr></table>"));
    const wide = neededWidthEm(table("<table><tr><td>Psychotherapeutic</td><td>x</td></tr></table>"));
    expect(wide).toBeGreaterThan(narrow);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), (lengths) => {
        const row = lengths.map((length) => `<td>${"m".repeat(length)}</td>`).join("");
        const needed = neededWidthEm(table(`<table><tr>${row}</tr></table>`));
        const width = stackWidth(needed);
        // A table stacks on every screen narrower than it needs, and the step is never far above.
        return width === "always" ? needed > 100 : width >= needed && width - needed < 20 + 5;
      }),
    );
  });

  test("each width's stack rules apply below it, plain selectors only; the widest stack always", () => {
    const css = readerTableCss([40, "always", 25]);
    expect(css.indexOf("max-width: 25em")).toBeLessThan(css.indexOf("max-width: 40em"));
    expect(css).toContain(`table.${stackClass(40)} td[data-label]::before { content: attr(data-label)`);
    expect(css).toMatch(new RegExp(`\\n\\}\\ntable\\.${stackClass("always")}, `));
    expect(css).not.toContain(":is(");
  });
});
