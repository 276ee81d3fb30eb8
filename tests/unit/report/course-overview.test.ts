import { expect, test } from "vitest";
import { courseOverview } from "../../../src/lib/report/course-overview.ts";
import type { SectionAnalysis } from "../../../src/lib/report/report-analysis.ts";

function section(title: string, anchors: string[], questions?: string[]) {
  const analysis: SectionAnalysis = {
    slug: title.toLowerCase(),
    paragraphs: anchors.map((anchor, index) => ({
      anchor,
      number: index + 1,
      citations: [],
      line: index + 1,
      text: anchor,
    })),
    citingBlocks: [],
    stats: { words: anchors.length * 100, minutes: 1 },
    features: { code: false, richText: false, figures: false },
    equations: [],
  };
  return { title, analysis, questions, stableUrl: `https://example.edu/sections/${title.toLowerCase()}/` };
}

test("totals add up the sections' paragraphs, and only sections with questions are listed for them", () => {
  const overview = courseOverview([section("A", ["p-a1", "p-a2"]), section("B", ["p-b1"], ["Why?"])]);
  expect(overview.rows.map((row) => row.paragraphs)).toEqual([2, 1]);
  expect(overview.paragraphTotal).toBe(3);
  expect(overview.withQuestions.map((row) => row.section.title)).toEqual(["B"]);
});

test("the example link is a real paragraph of the first section that has one", () => {
  const overview = courseOverview([section("Empty", []), section("B", ["p-b1"])]);
  expect(overview.example?.url).toBe("https://example.edu/sections/b/#p-b1");
  expect(courseOverview([section("Empty", [])]).example).toBeUndefined();
});
