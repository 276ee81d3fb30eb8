import { describe, expect, test } from "vitest";
import { ParagraphAnchorAllocator, paragraphAnchorBase } from "../../../src/lib/report/paragraph-ids.ts";
import { analyzeSections, type SectionSource } from "../../../src/lib/report/report-analysis.ts";

describe("paragraphAnchorBase", () => {
  test("makes the anchor from the first six words, lowercased, punctuation dropped", () => {
    expect(paragraphAnchorBase("Self-help groups are associations of people meeting regularly.")).toBe(
      "p-self-help-groups-are-associations-of",
    );
    expect(paragraphAnchorBase("The group’s membership is voluntary, and all")).toBe(
      "p-the-group-s-membership-is-voluntary",
    );
  });

  test("keeps letters beyond ASCII and falls back when there are no words", () => {
    expect(paragraphAnchorBase("Über Selbsthilfe")).toBe("p-über-selbsthilfe");
    expect(paragraphAnchorBase("— …")).toBe("p-paragraph");
  });
});

describe("ParagraphAnchorAllocator", () => {
  test("numbers paragraphs that open with the same six words", () => {
    const allocator = new ParagraphAnchorAllocator();
    const text = "One two three four five six seven";
    expect([allocator.allocate(text), allocator.allocate(`${text} eight`), allocator.allocate(text)]).toEqual([
      "p-one-two-three-four-five-six",
      "p-one-two-three-four-five-six-2",
      "p-one-two-three-four-five-six-3",
    ]);
  });
});

const original: SectionSource[] = [
  {
    slug: "first",
    body: [
      "Alpha paragraph opens the first section here.",
      "Beta paragraph cites a work [@borkman2020] in passing.",
      "Gamma paragraph closes the first section for now.",
    ].join("\n\n"),
  },
  {
    slug: "second",
    body: ["## A heading", "Delta paragraph opens the second section.", "Epsilon paragraph ends the report."].join(
      "\n\n",
    ),
  },
];

function anchors(sections: SectionSource[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [slug, analysis] of analyzeSections(sections)) {
    result.set(
      slug,
      analysis.paragraphs.map((paragraph) => paragraph.anchor),
    );
  }
  return result;
}

describe("analyzeSections: paragraph anchors", () => {
  const before = anchors(original);

  test("are unique across the whole report and leave citations out", () => {
    const all = [...before.values()].flat();
    expect(new Set(all).size).toBe(all.length);
    expect(before.get("first")?.[1]).toBe("p-beta-paragraph-cites-a-work-in");
  });

  test("number paragraphs within each section, as readers count them", () => {
    const analyses = analyzeSections(original);
    expect(analyses.get("second")?.paragraphs.map((paragraph) => paragraph.number)).toEqual([1, 2]);
  });

  test("do not change when another paragraph is rewritten", () => {
    const edited = original.map((section) =>
      section.slug === "first"
        ? {
            ...section,
            body: section.body.replace(
              "Beta paragraph cites a work",
              "A rewritten paragraph now says something else, citing",
            ),
          }
        : section,
    );
    const after = anchors(edited);
    expect(after.get("first")?.[0]).toBe(before.get("first")?.[0]);
    expect(after.get("first")?.[2]).toBe(before.get("first")?.[2]);
    expect(after.get("second")).toEqual(before.get("second"));
  });

  test("do not change when a paragraph is added or removed elsewhere", () => {
    const added = original.map((section) =>
      section.slug === "first"
        ? { ...section, body: `A new opening paragraph comes first.\n\n${section.body}` }
        : section,
    );
    const removed = original.map((section) =>
      section.slug === "first" ? { ...section, body: section.body.split("\n\n").slice(1).join("\n\n") } : section,
    );
    for (const changed of [anchors(added), anchors(removed)]) {
      for (const anchor of [...before.values()].flat().filter((anchor) => !anchor.startsWith("p-alpha"))) {
        expect([...changed.values()].flat()).toContain(anchor);
      }
      expect(changed.get("second")).toEqual(before.get("second"));
    }
  });
});
