import type { Page } from "@playwright/test";

/**
 * What a reader must see laid out the same way in every edition a page of the report is shown in
 * (the site's pages, the EPUB's documents, the single file), read from the boxes Chromium lays out:
 * - a figure's caption ("Figure N." and its title) above the figure (APA 7, 7.4);
 * - an equation's number to the right of the equation, on its line;
 * - each note showing its number (a list's marker, or a number at its start);
 * - an algorithm's steps indented by their depth, each level further in than the one above it;
 * - no word of a table cell broken across lines ("F o u n de d"): a table too wide for the screen
 *   scrolls or is set smaller, it never breaks its words.
 */
export async function readingLayoutProblems(page: Page, where: string): Promise<string[]> {
  return page.evaluate((label) => {
    const problems: string[] = [];
    const shown = (element: Element | null): element is HTMLElement =>
      element instanceof HTMLElement && element.getClientRects().length > 0;
    const short = (element: Element) => (element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);

    for (const figure of document.querySelectorAll(".figure")) {
      const caption = figure.querySelector(":scope > figcaption");
      const media = figure.querySelector(":scope > .figure-media");
      if (!shown(caption) || !shown(media)) continue;
      if (caption.getBoundingClientRect().bottom > media.getBoundingClientRect().top + 1)
        problems.push(`${label}: the caption "${short(caption)}" is not above its figure`);
    }

    for (const equation of document.querySelectorAll(".equation")) {
      const body = equation.querySelector(".equation-body");
      const number = equation.querySelector(".equation-number");
      if (!shown(body) || !shown(number)) continue;
      const [a, b] = [body.getBoundingClientRect(), number.getBoundingClientRect()];
      if (b.left < a.right - 1 || b.top > a.bottom || b.bottom < a.top)
        problems.push(`${label}: the number ${short(number)} is not on the right of its equation`);
    }

    for (const note of document.querySelectorAll("aside[role='doc-footnote'], .footnotes li")) {
      if (!shown(note)) continue;
      const marker = note.tagName === "LI" && getComputedStyle(note).listStyleType !== "none";
      // biome-ignore lint/performance/useDomNodeTextContent: innerText is what is shown.
      if (!marker && !/^\s*\d/.test(note.innerText))
        problems.push(`${label}: the note "${short(note)}" does not show its number`);
    }

    for (const algorithm of document.querySelectorAll(".algorithm")) {
      // Where each depth's text starts: the left of its first laid-out character.
      const starts = new Map<number, number>();
      for (const line of algorithm.querySelectorAll(".algorithm-line")) {
        const depth = Number(/algorithm-depth-(\d+)/.exec(line.className)?.[1] ?? 0);
        const range = document.createRange();
        range.selectNodeContents(line);
        const left = range.getClientRects()[0]?.left;
        if (left !== undefined) starts.set(depth, Math.min(starts.get(depth) ?? left, left));
      }
      const depths = [...starts.keys()].sort((x, y) => x - y);
      for (const [index, depth] of depths.entries()) {
        const above = depths[index - 1];
        if (above !== undefined && (starts.get(depth) ?? 0) < (starts.get(above) ?? 0) + 8)
          problems.push(
            `${label}: ${short(algorithm.querySelector("figcaption") ?? algorithm)}: steps at depth ${depth} are not indented beyond depth ${above}`,
          );
      }
    }
    // A word (a run of letters and digits) is broken when its characters lie on more than one line
    // box: its range has rects at different heights.
    for (const cell of document.querySelectorAll("th, td")) {
      if (!shown(cell)) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of (node.textContent ?? "").matchAll(/[\p{L}\p{N}]+/gu)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const tops = [...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => rect.top);
          if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2)
            problems.push(`${label}: the table cell "${short(cell)}" breaks the word "${word[0]}" across lines`);
        }
      }
    }
    return problems;
  }, where);
}

/**
 * The rule browsers' own stylesheets long carried and older reading systems keep: an h1 inside a
 * sectioning element is set at 1.5em, an h2's size. In a cascade layer, so the page's own
 * (unlayered) styles win over it, as author styles win over a reading system's defaults.
 */
export const LEGACY_SECTION_H1 = "@layer reading-system { :is(article, aside, nav, section) h1 { font-size: 1.5em; } }";

/** Each heading visibly larger than every shown heading of a deeper level in the document. */
export async function headingSizeProblems(page: Page, where: string): Promise<string[]> {
  return page.evaluate((label) => {
    const smallest = new Map<number, { size: number; text: string }>();
    const largest = new Map<number, { size: number; text: string }>();
    for (const heading of document.querySelectorAll<HTMLElement>("h1, h2, h3, h4, h5, h6")) {
      if (heading.getClientRects().length === 0) continue;
      const level = Number(heading.tagName.slice(1));
      const size = Number.parseFloat(getComputedStyle(heading).fontSize);
      const text = (heading.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
      if (size < (smallest.get(level)?.size ?? Number.POSITIVE_INFINITY)) smallest.set(level, { size, text });
      if (size > (largest.get(level)?.size ?? 0)) largest.set(level, { size, text });
    }
    const problems: string[] = [];
    for (const [level, upper] of smallest)
      for (const [deeper, lower] of largest)
        if (deeper > level && lower.size >= upper.size)
          problems.push(
            `${label}: the h${deeper} "${lower.text}" (${lower.size} px) is not smaller than the h${level} "${upper.text}" (${upper.size} px)`,
          );
    return problems;
  }, where);
}
