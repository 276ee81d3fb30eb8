import { expect, test } from "vitest";
import {
  countWords,
  formatReadingTime,
  readingStats,
  sumReadingStats,
  WORDS_PER_MINUTE,
} from "../../../src/lib/report/reading-stats.ts";

test("hyphenated and possessive words count once", () => {
  expect(countWords("The group’s self-help ideology — an “antidote”.")).toBe(6);
});

test("numbers count as words, punctuation does not", () => {
  expect(countWords("Founded in 1935 ... (see above)!")).toBe(5);
});

test("reading time rounds to whole minutes, never zero for real text", () => {
  expect(readingStats("word").minutes).toBe(1);
  expect(
    readingStats(
      Array(WORDS_PER_MINUTE * 3)
        .fill("word")
        .join(" "),
    ).minutes,
  ).toBe(3);
  expect(readingStats("").minutes).toBe(0);
});

test("totals add words before rounding", () => {
  const part = readingStats(
    Array(WORDS_PER_MINUTE / 2)
      .fill("word")
      .join(" "),
  );
  expect(sumReadingStats([part, part, part, part])).toEqual({ words: WORDS_PER_MINUTE * 2, minutes: 2 });
  expect(formatReadingTime({ words: 500, minutes: 2 })).toBe("2 min read");
});
