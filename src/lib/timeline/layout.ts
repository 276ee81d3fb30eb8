import { type TimelineDate, yearsBetween } from "./date.ts";

/** The stretch of years an axis covers, with its labelled ticks. */
export interface TimelineScale {
  /** First year on the axis (a multiple of `step`). */
  start: number;
  /** Last year on the axis (a multiple of `step`, after every event's end). */
  end: number;
  /** Years between ticks: 10 for a century or less, more for longer spans. */
  step: number;
  /** Years that get a tick and a label, from `start` to `end`. */
  ticks: number[];
}

/** Where one event is drawn, as fractions (0 to 1) of the axis length. */
export interface TimelineMark {
  precision: TimelineDate["precision"];
  /** Where the event starts: the point of a year, the left edge of a decade's band. */
  from: number;
  /** Where it ends: the same as `from` for a year, the right edge of a decade's band. */
  to: number;
  /** The middle, where the leader to the event's card starts. */
  center: number;
  /** Middle of the event's card, when the cards stand in one row of equal columns under the axis. */
  card: number;
  /** Years since the previous event (0 for the first, and when events touch). */
  gapBefore: number;
}

/** The axis and the events on it. */
export interface TimelineLayout {
  scale: TimelineScale;
  marks: TimelineMark[];
}

/** Most events that stand in one row under a horizontal axis; more are listed vertically at every width. */
export const MAX_ROW_EVENTS = 6;

const TICK_STEPS = [10, 20, 25, 50, 100, 200, 500, 1000];
/** Enough ticks to read the scale, few enough that their labels never collide. */
const MAX_TICKS = 9;

/** The axis for a set of dates: whole steps (decades for a century or less) around all of them. */
export function timelineScale(dates: readonly TimelineDate[]): TimelineScale {
  if (dates.length === 0) return { start: 0, end: 10, step: 10, ticks: [0, 10] };
  const first = Math.min(...dates.map((date) => date.start));
  const last = Math.max(...dates.map((date) => date.end));
  const range = (step: number) => ({
    start: Math.floor(first / step) * step,
    end: Math.ceil(last / step) * step,
  });
  const step =
    TICK_STEPS.find((candidate) => {
      const { start, end } = range(candidate);
      return (end - start) / candidate + 1 <= MAX_TICKS;
    }) ?? 1000;
  const { start, end } = range(step);
  const ticks: number[] = [];
  for (let year = start; year <= end; year += step) ticks.push(year);
  return { start, end, step, ticks };
}

/** Where a year falls on the axis, as a fraction of its length (the start of that year). */
export function positionOf(year: number, scale: TimelineScale): number {
  return (year - scale.start) / (scale.end - scale.start);
}

/**
 * Lays out dates already in time order: positions proportional to time (a decade is a band ten
 * times as wide as a year's step, a year a point), and the middle of each event's card when the
 * cards share one row of equal columns.
 */
export function layoutTimeline(dates: readonly TimelineDate[]): TimelineLayout {
  const scale = timelineScale(dates);
  const marks = dates.map((date, index): TimelineMark => {
    const from = positionOf(date.start, scale);
    const to = date.precision === "year" ? from : positionOf(date.end, scale);
    const previous = dates[index - 1];
    return {
      precision: date.precision,
      from,
      to,
      center: (from + to) / 2,
      card: (index + 0.5) / dates.length,
      gapBefore: previous ? yearsBetween(previous, date) : 0,
    };
  });
  return { scale, marks };
}

/** A fraction as an SVG length in percent ("42.857%"): SVG percentages need no style attribute. */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(3))}%`;
}

/** Pixels per year of the space between events in the vertical layout. */
const GAP_PIXELS_PER_YEAR = 2.4;
/** The space shows at least its label, and a long gap does not push the next event off screen. */
const GAP_MIN_PIXELS = 32;
const GAP_MAX_PIXELS = 160;

/**
 * Height in pixels of the space drawn before an event in the vertical layout: none when events
 * touch, otherwise growing with the years between them (a longer gap is never drawn shorter).
 */
export function gapHeight(years: number): number {
  if (years <= 0) return 0;
  return Math.round(Math.min(GAP_MAX_PIXELS, Math.max(GAP_MIN_PIXELS, years * GAP_PIXELS_PER_YEAR + 16)));
}
