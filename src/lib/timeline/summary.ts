import { dateInProse, type TimelineDate } from "./date.ts";

const NUMBER_WORDS = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"];

/** The time a timeline covers, as prose: "1935 to the 1990s", or "1935" for one date; undefined for none. */
export function timelineSpan(dates: readonly TimelineDate[]): string | undefined {
  const first = dates[0];
  const last = dates.at(-1);
  if (!first || !last) return undefined;
  return first === last ? dateInProse(first) : `${dateInProse(first)} to ${dateInProse(last)}`;
}

/** The span as a phrase that follows a noun: "from 1935 to the 1990s", "in 1935", or "". */
export function timelineSpanPhrase(dates: readonly TimelineDate[]): string {
  const span = timelineSpan(dates);
  if (span === undefined) return "";
  return dates.length === 1 ? `in ${span}` : `from ${span}`;
}

/** "Five events", "One event", "12 events": style guides spell out numbers up to ten in running text. */
export function countInWords(count: number, noun: string): string {
  return `${NUMBER_WORDS[count] ?? count} ${count === 1 ? noun : `${noun}s`}`;
}

/** The one section every event comes from, when there is exactly one (to name it in the intro). */
export function singleSection<T extends { slug: string }>(events: ReadonlyArray<{ section: T }>): T | undefined {
  const sections = new Map(events.map((event) => [event.section.slug, event.section]));
  return sections.size === 1 ? [...sections.values()][0] : undefined;
}
