import { describe, expect, it } from "vitest";
import { addedHyphens, printableSections, writtenWords } from "../../../scripts/bench/typesetting.ts";
import type { LaidLine } from "../../../tests/e2e/pdf-layout.ts";

const line = (text: string): LaidLine => ({
  page: 1,
  block: 1,
  words: text.split(" ").map((word) => ({ text: word, xMin: 0, xMax: 0, yMin: 0, yMax: 0 })),
  xMin: 0,
  xMax: 0,
  yMin: 0,
  yMax: 0,
  last: false,
});

describe("the typesetting benchmark", () => {
  it("counts a word broken at a line's end, not a compound broken at its own hyphen", () => {
    const written = writtenWords("<p>The Myasthenia Gravis Foundation and self-help groups.</p>");
    const lines = ["the Myas-", "thenia Gravis self-", "help groups", "Foun\u2010", "dation"].map(line);
    // "Myas-thenia" (hyphen-minus, as LaTeX) and "foun‐dation" (U+2010) count; "self-help" does not.
    expect(addedHyphens(lines, written)).toBe(2);
    expect(addedHyphens([line("the end-"), line("Of it")], writtenWords("<p>endof</p>"))).toBe(0);
  });

  it("hands LaTeX the sections as print shows them: no screen helpers, the references unnumbered", () => {
    const { title, html } = printableSections(`<html><body><main><h1>A Report</h1><nav>Contents</nav>
      <section class="report-section"><h2>Intro<a class="heading-anchor" href="#intro">#</a></h2>
      <p>Text.<a class="paragraph-link" href="#p1">¶ 1</a><span class="visually-hidden">hidden</span></p></section>
      <section class="report-section report-references"><ol class="reference-list"><li>Borkman, T. (2020).
      <p class="cited-by">Cited in: Intro</p></li></ol></section></main></body></html>`);
    expect(title).toBe("A Report");
    expect(html).toContain("<h2>Intro</h2>");
    expect(html).toContain("<p>Text.</p>");
    expect(html).not.toMatch(/Contents|¶|hidden|Cited in|<ol|<li/);
    expect(html).toMatch(/<div class="reference-list"><p>Borkman/);
  });
});
