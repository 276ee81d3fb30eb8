import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { loadReportContext } from "../../../src/lib/report/report-context.ts";
import { parseTimelineDate, type TimelineDate } from "../../../src/lib/timeline/date.ts";
import {
  loadTimeline,
  paragraphNaming,
  parseTimeline,
  resolveTimeline,
  type TimelineEntry,
  type TimelineTargets,
  timelineSectionTarget,
} from "../../../src/lib/timeline/events.ts";
import { timelineEventSchema } from "../../../src/lib/timeline/schema.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const contentDir = path.join(root, "content");
const fixtures = path.join(root, "tests/fixtures/timeline");

/** The real report's sections and bibliography, as src/data/report.ts passes them (titles aside). */
function realTargets(overrides: Partial<TimelineTargets> = {}): TimelineTargets {
  const context = loadReportContext(contentDir);
  const sections = context.sections.map((file, index) => {
    const analysis = context.analyses.get(file.slug);
    if (!analysis) throw new Error(`no analysis for ${file.slug}`);
    return timelineSectionTarget({
      slug: file.slug,
      title: file.slug,
      number: index + 1,
      url: `/sections/${file.slug}/`,
      analysis,
    });
  });
  const cited = [...context.analyses.values()].flatMap((analysis) =>
    analysis.paragraphs.flatMap((paragraph) => paragraph.citations.flatMap((citation) => citation.items)),
  );
  return {
    sections,
    bibliographyKeys: context.bibliography.items.map((item) => item.id),
    bibliographyFile: context.bibliography.file,
    listedKeys: new Set(cited.map((item) => item.key)),
    formatCitation: (key) => context.engine.formatCitation({ kind: "parenthetical", items: [{ key }] }).text,
    referencesUrl: "/references/",
    ...overrides,
  };
}

function fixture(name: string): TimelineEntry[] {
  const file = path.join(fixtures, name);
  return parseTimeline(fs.readFileSync(file, "utf8"), file);
}

/** The ContentError a function throws (failing the test when it throws nothing or something else). */
function contentErrorOf(run: () => unknown): ContentError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error("expected a ContentError");
}

describe("the report's timeline", () => {
  const events = resolveTimeline(loadTimeline(contentDir), realTargets());

  test("has the five eras of the manuscript, in time order", () => {
    expect(events.map((event) => [event.date.label, event.title])).toEqual([
      ["1935", "Alcoholics Anonymous is founded"],
      ["1960s", "Civil rights and power-to-the-people movements"],
      ["1970s", "From mass movements to small groups"],
      ["1980s", "Self-help clearinghouses"],
      ["1990s", "International and online groups"],
    ]);
  });

  test("links each event to the paragraph of the history that names its date", () => {
    expect(events.map((event) => [event.section.paragraph, event.section.href])).toEqual([
      [1, "/sections/theories-and-history/#p-alcoholics-were-the-first-persons-in"],
      [1, "/sections/theories-and-history/#p-alcoholics-were-the-first-persons-in"],
      [2, "/sections/theories-and-history/#p-the-self-help-group-movement-was"],
      [2, "/sections/theories-and-history/#p-the-self-help-group-movement-was"],
      [3, "/sections/theories-and-history/#p-these-organizations-provided-information-and-referral"],
    ]);
  });

  test("links the founding of Alcoholics Anonymous to the work the manuscript cites for it", () => {
    expect(events[0]?.references).toEqual([
      { key: "borkman2020", label: "Borkman et al., 2020", url: "/references/#ref-borkman2020" },
    ]);
    expect(events.slice(1).flatMap((event) => event.references)).toEqual([]);
  });

  test("gives each event a stable fragment id of its own", () => {
    expect(events[0]?.id).toBe("event-1935-alcoholics-anonymous-is-founded");
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });

  test("describes each event only in sentences the section itself says", () => {
    const context = loadReportContext(contentDir);
    for (const event of events) {
      const body = context.sections.find((section) => section.slug === event.section.slug)?.body ?? "";
      const text = body.replace(/\s*\[@[^\]]+\]/g, "").replace(/\s+/g, " ");
      for (const sentence of event.description.split(/(?<=\.)\s+/)) expect(text).toContain(sentence);
    }
  });
});

describe("parseTimeline", () => {
  test("reads a valid file, keeping where each field is written", () => {
    const entries = fixture("valid.yaml");
    expect(entries.map((entry) => entry.date.label)).toEqual(["1960s", "1935", "1980s"]);
    expect(entries[1]?.source).toMatchObject({ position: 2, line: 6, lines: { date: 6, section: 9, cites: 10 } });
    expect(entries[1]?.source.citeLines).toEqual([10]);
    expect(entries[0]?.cites).toEqual([]);
  });

  test("reads an empty file, and a missing one, as no events", () => {
    expect(parseTimeline("# nothing yet\n", "timeline.yaml")).toEqual([]);
    expect(loadTimeline(fs.mkdtempSync(path.join(os.tmpdir(), "timeline-")))).toEqual([]);
  });

  test("the schema validates one event and defaults its citations to none", () => {
    const event = timelineEventSchema.parse({ date: 1935, title: " A ", description: "B.", section: "s" });
    expect(event).toMatchObject({ title: "A", cites: [], date: { precision: "year", start: 1935 } });
    expect(
      timelineEventSchema.safeParse({ date: "1930s", title: "A", description: "B.", section: "s", x: 1 }).success,
    ).toBe(false);
  });
});

describe("bad input stops with the file, the line, the problem and the fix", () => {
  test("an unparseable date", () => {
    const error = contentErrorOf(() => fixture("unparseable-date.yaml"));
    expect(error.problem.line).toBe(7);
    expect(error.message).toMatchInlineSnapshot(`
      "tests/fixtures/timeline/unparseable-date.yaml:7: event 2 ("Civil rights movements"): date: the date "1960's" is neither a year nor a decade.
        Fix: write 1960s, without the apostrophe."
    `);
  });

  test("two events with the same date and title", () => {
    const error = contentErrorOf(() => fixture("duplicate-event.yaml"));
    expect(error.problem.line).toBe(11);
    expect(error.message).toMatchInlineSnapshot(`
      "tests/fixtures/timeline/duplicate-event.yaml:11: events 1 and 3 have the same date (1935) and title ("Alcoholics Anonymous is Founded").
        Fix: remove one of them, or merge them into one event (the first is on line 2)."
    `);
  });

  test("a misspelt field", () => {
    expect(contentErrorOf(() => fixture("unknown-field.yaml")).message).toMatchInlineSnapshot(`
      "tests/fixtures/timeline/unknown-field.yaml:3: event 1: unknown field "titel".
        Fix: remove "titel" or correct its spelling to "title" (known fields: date, title, description, section, paragraph, cites)."
    `);
  });

  test("YAML that cannot be read", () => {
    const error = contentErrorOf(() => fixture("invalid-yaml.yaml"));
    expect(error.problem.file).toBe(path.join(fixtures, "invalid-yaml.yaml"));
    expect(error.problem.line).toBeGreaterThanOrEqual(6);
    expect(error.problem.fix).toMatch(/indentation and quoting/);
  });

  test("a missing field, on its event's line", () => {
    const error = contentErrorOf(() => parseTimeline("- date: 1935\n  title: A\n  description: B.\n", "timeline.yaml"));
    expect(error.message).toMatchInlineSnapshot(`
      "timeline.yaml:1: event 1 ("A"): section is missing.
        Fix: name the section that discusses the event by its file name without .mdx, e.g. theories-and-history."
    `);
  });

  test("a missing date, a value of the wrong type and an event that is not one", () => {
    const missingDate = contentErrorOf(() =>
      parseTimeline("- title: A\n  description: B.\n  section: s\n", "timeline.yaml"),
    );
    expect(missingDate.message).toMatchInlineSnapshot(`
      "timeline.yaml:1: event 1 ("A"): date is missing.
        Fix: write a year such as 1935 or a decade such as 1960s."
    `);
    const listTitle = contentErrorOf(() =>
      parseTimeline(
        "- date: 1935\n  title: A\n  description: B.\n  section: s\n- date: 1960s\n  title: [C]\n  description: D.\n  section: s\n",
        "timeline.yaml",
      ),
    );
    expect(listTitle.problem.line).toBe(6);
    expect(listTitle.message).toMatchInlineSnapshot(`
      "timeline.yaml:6: event 2: title: the title must be text (it is a list).
        Fix: give the event a title of a few words, e.g. "Alcoholics Anonymous is founded"."
    `);
    const scalar = contentErrorOf(() =>
      parseTimeline("- date: 1935\n  title: A\n  description: B.\n  section: s\n- 1960s\n", "timeline.yaml"),
    );
    expect(scalar.message).toMatchInlineSnapshot(`
      "timeline.yaml:5: event 2 is not a group of fields (it is the text "1960s").
        Fix: write each event as a list item starting with "- date:", followed by its title, description and section."
    `);
  });

  test("a file that is not a list", () => {
    const error = contentErrorOf(() => parseTimeline("date: 1935\ntitle: A\n", "timeline.yaml"));
    expect(error.message).toMatchInlineSnapshot(`
      "timeline.yaml:1: the timeline is not a list of events.
        Fix: write each event as a list item starting with "- date:", followed by its title, description and section."
    `);
  });

  test("an event pointing at a section that does not exist", () => {
    const error = contentErrorOf(() => resolveTimeline(fixture("unknown-section.yaml"), realTargets()));
    expect(error.problem.line).toBe(10);
    expect(error.message).toMatchInlineSnapshot(`
      "tests/fixtures/timeline/unknown-section.yaml:10: event 2 ("Civil rights movements"): the section "theories-and-histroy" does not exist.
        Fix: did you mean "theories-and-history"? Name a file of the sections folder without .mdx (introduction, theories-and-history, reflections, versus-group-therapy, conclusion)."
    `);
  });

  test("a paragraph the section does not have", () => {
    const error = contentErrorOf(() => resolveTimeline(fixture("unknown-paragraph.yaml"), realTargets()));
    expect(error.message).toMatchInlineSnapshot(`
      "tests/fixtures/timeline/unknown-paragraph.yaml:6: event 1 ("Alcoholics Anonymous is founded"): the paragraph "p-alcoholics-were-the-first-people-in" is not in the section "theories-and-history".
        Fix: did you mean "p-alcoholics-were-the-first-persons-in"? Use the anchor of one of its paragraphs (p-alcoholics-were-the-first-persons-in, p-the-self-help-group-movement-was, p-these-organizations-provided-information-and-referral, p-self-help-groups-are-based-on, p-the-theory-is-based-on-two), or remove paragraph to link the paragraph that names 1935."
    `);
  });

  test("an unknown citation key", () => {
    const error = contentErrorOf(() => resolveTimeline(fixture("unknown-citation-key.yaml"), realTargets()));
    expect(error.problem.line).toBe(6);
    expect(error.message).toMatchInlineSnapshot(`
      "tests/fixtures/timeline/unknown-citation-key.yaml:6: event 1 ("Alcoholics Anonymous is founded"): the citation key "borkman2021" is not in the bibliography (references.bib).
        Fix: did you mean "borkman2020"? Otherwise add an entry with the key "borkman2021" to the bibliography."
    `);
  });

  test("a work the references page does not list, because no section cites it", () => {
    const targets = realTargets({ listedKeys: new Set(["li2020", "christiansen2021"]) });
    const error = contentErrorOf(() => resolveTimeline(fixture("valid.yaml"), targets));
    expect(error.message).toMatchInlineSnapshot(`
      "tests/fixtures/timeline/valid.yaml:10: event 2 ("Alcoholics Anonymous is founded"): "borkman2020" is in the bibliography, but no section cites it, so the references page does not list it.
        Fix: cite [@borkman2020] in the paragraph that discusses the event, or add borkman2020 to furtherReading in report.yaml."
    `);
  });
});

describe("resolveTimeline", () => {
  test("sorts events by date and honours a paragraph named in the file", () => {
    const events = resolveTimeline(fixture("valid.yaml"), realTargets());
    expect(events.map((event) => event.date.label)).toEqual(["1935", "1960s", "1980s"]);
    expect(events[2]?.section).toMatchObject({
      paragraph: 3,
      href: "/sections/theories-and-history/#p-these-organizations-provided-information-and-referral",
    });
  });

  test("links to the section page when no paragraph names the date", () => {
    const [entry] = parseTimeline(
      "- date: 1850\n  title: Before the history\n  description: Not in the text.\n  section: theories-and-history\n",
      "timeline.yaml",
    );
    if (!entry) throw new Error("expected one entry");
    const [event] = resolveTimeline([entry], realTargets());
    expect(event?.section).toMatchObject({ paragraph: undefined, href: "/sections/theories-and-history/" });
  });
});

describe("paragraphNaming", () => {
  const paragraphs = ["A key @smith1935 and the 1935s.", "Founded in 1935, it grew.", "In the 1960s."].map(
    (text, index) => ({ anchor: `p-${index + 1}`, number: index + 1, text }),
  );
  const date = (input: string): TimelineDate => {
    const parsed = parseTimelineDate(input);
    if (!parsed) throw new Error(input);
    return parsed;
  };

  test("finds the date as a word of its own, not inside a key or a longer word", () => {
    expect(paragraphNaming(date("1935"), paragraphs)?.anchor).toBe("p-2");
    expect(paragraphNaming(date("1960s"), paragraphs)?.anchor).toBe("p-3");
    expect(paragraphNaming(date("1970s"), paragraphs)).toBeUndefined();
  });
});
