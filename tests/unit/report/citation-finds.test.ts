import path from "node:path";
import { describe, expect, test, vi } from "vitest";
import { findCitations } from "../../../src/lib/citations/find-citations.ts";
import { parseMdx } from "../../../src/lib/content/mdx-tree.ts";
import { readSectionFiles } from "../../../src/lib/content/section-sources.ts";
import { analyzeReport, analyzeSections } from "../../../src/lib/report/report-analysis.ts";

// Counts every run of text the citation grammar reads, wherever in the code it is asked.
const counts = vi.hoisted(() => ({ parsed: 0 }));
vi.mock("../../../src/lib/citations/parse-citations.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src/lib/citations/parse-citations.ts")>();
  return {
    ...real,
    parseCitations: (...args: Parameters<typeof real.parseCitations>) => {
      counts.parsed++;
      return real.parseCitations(...args);
    },
  };
});

/** Citations in every kind of block: headings, list items, quotes, tables, footnotes, alt text, captions. */
const fixture = path.resolve(import.meta.dirname, "../../fixtures/citation-forms");

describe("the analysis finds a section's citations once", () => {
  test("it reads each run of text with the citation grammar once, as one find over the section's tree does", () => {
    counts.parsed = 0;
    const analysis = analyzeReport(fixture);
    const byAnalysis = counts.parsed;
    counts.parsed = 0;
    for (const section of readSectionFiles(fixture)) findCitations(parseMdx(section.body), section.body);
    const byOneFind = counts.parsed;
    // The fixture cites in paragraphs, headings, lists, quotes, tables, notes, alt text and captions.
    expect(analysis.sections.flatMap((section) => section.citingBlocks.map((block) => block.kind))).toEqual(
      expect.arrayContaining(["paragraph", "heading", "list item", "block quote", "table", "footnote", "figure"]),
    );
    expect(analysis.crossReferences.captionKeys).toEqual(new Set(["sarfraz", "doody"]));
    expect(byOneFind).toBeGreaterThan(20);
    expect(byAnalysis).toBe(byOneFind);
  });
});

describe("texts taken from the one find", () => {
  const analysis = (body: string) => analyzeSections([{ slug: "s", body }]).get("s");

  test("anchors leave out every citation, however it is written, and keep an escaped @", () => {
    const found = analysis(
      [
        "[*See* @a, p. **3**] opens this paragraph, @b [p. 4; @c] goes on.",
        "- An item [@a] with @b and more",
        "Mail me at \\@home today [@a].",
      ].join("\n\n"),
    );
    expect(found?.paragraphs.map((paragraph) => paragraph.anchor)).toEqual([
      "p-opens-this-paragraph-goes-on",
      "p-mail-me-at-home-today",
    ]);
    expect(found?.citingBlocks.find((block) => block.kind === "list item")?.anchor).toBe("item-an-item-with-and-more");
    // The paragraphs' texts are as written, citations and all (the timeline quotes them).
    expect(found?.paragraphs[0]?.text).toBe("[See @a, p. 3] opens this paragraph, @b [p. 4; @c] goes on.");
  });

  test("a heading's id holds the citation's text as shown; word counts leave citations out", () => {
    const found = analysis("## What @doody found\n\nOne [@a] two ![three @b](x.png) four.\n");
    expect(found?.citingBlocks.find((block) => block.kind === "heading")?.anchor).toBe("what-doody-found");
    // "What found" and "One two three four.": the citations and the alt text's citation left out.
    expect(found?.stats.words).toBe(6);
  });
});
