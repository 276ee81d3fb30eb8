/** Average silent reading speed of adults for non-fiction (Brysbaert, 2019), in words per minute. */
export const WORDS_PER_MINUTE = 238;

const WORD = /[\p{L}\p{N}]+(?:[’'\-–][\p{L}\p{N}]+)*/gu;

/** Word count and rounded reading time (at least one minute for any text with words). */
export interface ReadingStats {
  words: number;
  minutes: number;
}

/** Counts the words of plain text; "self-help" and "group’s" are one word each. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Reading statistics of plain text. */
export function readingStats(text: string): ReadingStats {
  const words = countWords(text);
  return { words, minutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) };
}

/** Adds up the statistics of several texts. */
export function sumReadingStats(parts: readonly ReadingStats[]): ReadingStats {
  const words = parts.reduce((total, part) => total + part.words, 0);
  return { words, minutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) };
}

/** "4 min read" style label. */
export function formatReadingTime(stats: ReadingStats): string {
  return `${stats.minutes} min read`;
}
