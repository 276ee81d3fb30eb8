import { describe, expect, test } from "vitest";
import { parseTimelineDate, type TimelineDate } from "../../../src/lib/timeline/date.ts";
import { gapHeight, layoutTimeline, percent, positionOf, timelineScale } from "../../../src/lib/timeline/layout.ts";

function dates(...inputs: Array<string | number>): TimelineDate[] {
  return inputs.map((input) => {
    const parsed = parseTimelineDate(input);
    if (!parsed) throw new Error(`expected ${input} to parse`);
    return parsed;
  });
}

const report = dates(1935, "1960s", "1970s", "1980s", "1990s");

describe("timelineScale", () => {
  test("runs from the decade before the first event to the decade after the last, a tick each decade", () => {
    expect(timelineScale(report)).toEqual({
      start: 1930,
      end: 2000,
      step: 10,
      ticks: [1930, 1940, 1950, 1960, 1970, 1980, 1990, 2000],
    });
  });

  test("ends after a last year that falls on a decade's first year", () => {
    expect(timelineScale(dates(1930, 1940))).toMatchObject({ start: 1930, end: 1950 });
  });

  test("widens its step for long spans, never drawing more than nine ticks", () => {
    const long = timelineScale(dates(1776, "1990s"));
    expect(long.step).toBe(50);
    expect(long.ticks).toEqual([1750, 1800, 1850, 1900, 1950, 2000]);
    for (const span of [dates(1500, 2020), dates(1000, 2020), dates(1935, 1936)]) {
      const scale = timelineScale(span);
      expect(scale.ticks.length).toBeLessThanOrEqual(9);
      expect(scale.ticks[0]).toBe(scale.start);
      expect(scale.ticks.at(-1)).toBe(scale.end);
    }
  });

  test("has a usable axis for one event, and for none", () => {
    expect(timelineScale(dates(1935))).toMatchObject({ start: 1930, end: 1940 });
    expect(timelineScale([]).end).toBeGreaterThan(timelineScale([]).start);
  });
});

describe("layoutTimeline", () => {
  const { scale, marks } = layoutTimeline(report);

  test("places each event in proportion to time", () => {
    expect(positionOf(1930, scale)).toBe(0);
    expect(positionOf(2000, scale)).toBe(1);
    expect(marks[0]?.from).toBeCloseTo(5 / 70);
    expect(marks[1]?.from).toBeCloseTo(30 / 70);
  });

  test("draws a year as a point and a decade as a band ten years wide", () => {
    const [year, decade] = marks;
    expect(year).toMatchObject({ precision: "year" });
    expect(year?.to).toBe(year?.from);
    expect(decade).toMatchObject({ precision: "decade" });
    expect((decade?.to ?? 0) - (decade?.from ?? 0)).toBeCloseTo(10 / 70);
    // Twenty-five years between 1935 and 1960: two and a half decade bands.
    expect((decade?.from ?? 0) - (year?.from ?? 0)).toBeCloseTo(2.5 * ((decade?.to ?? 0) - (decade?.from ?? 0)));
  });

  test("keeps time order along the axis, consecutive decades touching", () => {
    for (let index = 1; index < marks.length; index++) {
      const previous = marks[index - 1];
      const current = marks[index];
      expect(current?.from).toBeGreaterThanOrEqual(previous?.to ?? Number.POSITIVE_INFINITY);
    }
    expect(marks[2]?.from).toBeCloseTo(marks[1]?.to ?? 0);
  });

  test("leads each mark to the middle of its card in a row of equal columns", () => {
    expect(marks.map((mark) => mark.card)).toEqual([0.1, 0.3, 0.5, 0.7, 0.9]);
    expect(marks[1]?.center).toBeCloseTo(35 / 70);
  });

  test("records the years since the previous event", () => {
    expect(marks.map((mark) => mark.gapBefore)).toEqual([0, 25, 0, 0, 0]);
  });
});

describe("gapHeight", () => {
  test("leaves no space between events that touch", () => {
    expect(gapHeight(0)).toBe(0);
  });

  test("grows with the years, within bounds", () => {
    const heights = [1, 5, 10, 25, 50, 100, 500].map(gapHeight);
    for (let index = 1; index < heights.length; index++) {
      expect(heights[index]).toBeGreaterThanOrEqual(heights[index - 1] ?? 0);
    }
    expect(gapHeight(25)).toBeGreaterThan(gapHeight(10));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(32);
    expect(Math.max(...heights)).toBeLessThanOrEqual(160);
  });
});

test("percent writes SVG lengths with at most three decimals", () => {
  expect(percent(5 / 70)).toBe("7.143%");
  expect(percent(0)).toBe("0%");
  expect(percent(1)).toBe("100%");
});
