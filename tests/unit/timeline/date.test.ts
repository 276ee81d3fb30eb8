import { describe, expect, test } from "vitest";
import {
  compareTimelineDates,
  dateInProse,
  explainBadDate,
  formatYears,
  parseTimelineDate,
  type TimelineDate,
  yearsBetween,
} from "../../../src/lib/timeline/date.ts";

function date(input: string | number): TimelineDate {
  const parsed = parseTimelineDate(input);
  if (!parsed) throw new Error(`expected ${input} to parse`);
  return parsed;
}

describe("parseTimelineDate", () => {
  test("reads a year, written as a YAML number or as text", () => {
    expect(parseTimelineDate(1935)).toEqual({
      precision: "year",
      start: 1935,
      end: 1936,
      label: "1935",
      datetime: "1935",
    });
    expect(parseTimelineDate("1935")).toEqual(parseTimelineDate(1935));
    expect(parseTimelineDate(" 1935 ")?.label).toBe("1935");
  });

  test("reads a decade as its ten years, with its first year as the machine-readable value", () => {
    expect(parseTimelineDate("1960s")).toEqual({
      precision: "decade",
      start: 1960,
      end: 1970,
      label: "1960s",
      datetime: "1960",
    });
  });

  test.for([
    "1960's",
    "1960’s",
    "1965s",
    "the 1960s",
    "1960-1970",
    "1960–69",
    "sixties",
    "196",
    "19350",
    "1935.5",
    "",
    "c. 1935",
  ])("rejects %j", (input) => {
    expect(parseTimelineDate(input)).toBeUndefined();
  });

  test("rejects a year that is not a whole number", () => {
    expect(parseTimelineDate(1935.5)).toBeUndefined();
  });
});

describe("explainBadDate", () => {
  test("says what to write instead for the usual slips", () => {
    expect(explainBadDate("1960's")).toBe("write 1960s, without the apostrophe.");
    expect(explainBadDate("1965s")).toBe("a decade is written with its first year, e.g. 1960s.");
    expect(explainBadDate("the 1960s")).toBe('write 1960s, without "the".');
    expect(explainBadDate("1960-1970")).toBe("an event has one date: write a single year (1935) or a decade (1960s).");
    expect(explainBadDate("sixties")).toBe(
      "write a year as four digits (1935) or a decade as its first year followed by s (1960s).",
    );
  });
});

describe("ordering", () => {
  test("sorts years and decades by when they start", () => {
    const dates = ["1990s", "1935", "1970s", "1960s", "1980s"].map(date);
    expect(dates.sort(compareTimelineDates).map((each) => each.label)).toEqual([
      "1935",
      "1960s",
      "1970s",
      "1980s",
      "1990s",
    ]);
  });

  test("puts a year before the decade that starts with it, and a later year of the decade after it", () => {
    const dates = ["1965", "1960s", "1960"].map(date);
    expect(dates.sort(compareTimelineDates).map((each) => each.label)).toEqual(["1960", "1960s", "1965"]);
  });

  test("treats the same date as equal", () => {
    expect(compareTimelineDates(date(1935), date("1935"))).toBe(0);
  });
});

describe("gaps and wording", () => {
  test("counts the years between events from a year itself or from the end of a decade", () => {
    expect(yearsBetween(date(1935), date("1960s"))).toBe(25);
    expect(yearsBetween(date("1960s"), date("1970s"))).toBe(0);
    expect(yearsBetween(date("1960s"), date(1975))).toBe(5);
    expect(yearsBetween(date(1935), date(1936))).toBe(1);
    expect(yearsBetween(date("1960s"), date(1965))).toBe(0);
  });

  test("words dates and spans for running text", () => {
    expect(dateInProse(date(1935))).toBe("1935");
    expect(dateInProse(date("1990s"))).toBe("the 1990s");
    expect(formatYears(1)).toBe("1 year");
    expect(formatYears(25)).toBe("25 years");
  });
});
