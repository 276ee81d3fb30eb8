import { expect, test } from "vitest";
import { parseTimelineDate, type TimelineDate } from "../../../src/lib/timeline/date.ts";
import { countInWords, singleSection, timelineSpan, timelineSpanPhrase } from "../../../src/lib/timeline/summary.ts";

const dates = (...inputs: string[]): TimelineDate[] =>
  inputs.map((input) => parseTimelineDate(input) ?? (undefined as never));

test("the span reads as prose, decades with 'the'", () => {
  expect(timelineSpan(dates("1935", "1960s", "1990s"))).toBe("1935 to the 1990s");
  expect(timelineSpanPhrase(dates("1935", "1990s"))).toBe("from 1935 to the 1990s");
  expect(timelineSpanPhrase(dates("1960s"))).toBe("in the 1960s");
  expect(timelineSpan([])).toBeUndefined();
  expect(timelineSpanPhrase([])).toBe("");
});

test("counts up to ten are words", () => {
  expect(countInWords(5, "event")).toBe("Five events");
  expect(countInWords(1, "event")).toBe("One event");
  expect(countInWords(12, "event")).toBe("12 events");
});

test("a single section is named only when every event comes from it", () => {
  const history = { slug: "history" };
  expect(singleSection([{ section: history }, { section: { slug: "history" } }])).toEqual(history);
  expect(singleSection([{ section: history }, { section: { slug: "other" } }])).toBeUndefined();
});
