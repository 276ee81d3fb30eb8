/** When a timeline event happened: one year (1935) or a decade (the 1960s). */
export interface TimelineDate {
  /** "year" for 1935, "decade" for the 1960s. */
  precision: "year" | "decade";
  /** First year the date covers: 1935, or 1960 for the 1960s. */
  start: number;
  /** The year after the last one it covers: 1936, or 1970 for the 1960s. */
  end: number;
  /** The date as readers see it: "1935", "1960s". */
  label: string;
  /**
   * The machine-readable value of `<time datetime>`: the year itself, or a decade's first year,
   * because HTML has no format for a decade (the text says "1960s").
   */
  datetime: string;
}

const YEAR = /^\d{4}$/;
const DECADE = /^(\d{3}0)s$/;

/** Reads a year (`1935`, as a number or text) or a decade (`1960s`); undefined when it is neither. */
export function parseTimelineDate(input: string | number): TimelineDate | undefined {
  const text = String(input).trim();
  if (YEAR.test(text)) {
    const year = Number(text);
    return { precision: "year", start: year, end: year + 1, label: text, datetime: text };
  }
  const decade = DECADE.exec(text)?.[1];
  if (decade !== undefined) {
    const start = Number(decade);
    return { precision: "decade", start, end: start + 10, label: `${decade}s`, datetime: decade };
  }
  return undefined;
}

/** Why a date could not be read, said so that the author sees what to type instead. */
export function explainBadDate(input: string | number): string {
  const text = String(input).trim();
  if (/^\d{3}0['’]s$/.test(text)) return `write ${text.replace(/['’]/, "")}, without the apostrophe.`;
  if (/^\d{3}[1-9]s$/.test(text)) return `a decade is written with its first year, e.g. ${text.slice(0, 3)}0s.`;
  if (/^the\s+\d{3}0s$/i.test(text)) return `write ${text.replace(/^the\s+/i, "")}, without "the".`;
  if (/\d\s*[-–—/]\s*\d/.test(text)) return "an event has one date: write a single year (1935) or a decade (1960s).";
  return "write a year as four digits (1935) or a decade as its first year followed by s (1960s).";
}

/** Time order: by first year; when two start together, the shorter (a year) before the longer (its decade). */
export function compareTimelineDates(a: TimelineDate, b: TimelineDate): number {
  return a.start - b.start || a.end - b.end;
}

/** The same date in running text: "1935", "the 1960s". */
export function dateInProse(date: TimelineDate): string {
  return date.precision === "decade" ? `the ${date.label}` : date.label;
}

/**
 * Years between one event and the next: from the year of a year, or the end of a decade, to the
 * start of the next (0 when they touch or overlap). 1935 to the 1960s is 25; the 1960s to the 1970s is 0.
 */
export function yearsBetween(earlier: TimelineDate, later: TimelineDate): number {
  const from = earlier.precision === "year" ? earlier.start : earlier.end;
  return Math.max(0, later.start - from);
}

/** "1 year", "25 years". */
export function formatYears(years: number): string {
  return `${years} ${years === 1 ? "year" : "years"}`;
}
