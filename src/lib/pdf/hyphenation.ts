import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The soft hyphen: invisible unless the line breaks there. */
export const SOFT_HYPHEN = "\u00AD";

/**
 * At least 3 letters either side of a break (TeX's English minimums are 2 and 3): ragged-right
 * text needs hyphens only to keep the rag even, so "re-" and "de-" are not worth a broken word.
 */
const LEFT_MIN = 3;
const RIGHT_MIN = 3;
/** Words shorter than this are never broken. */
const MIN_WORD_LENGTH = 7;

// Where a language's own tag does not name a pattern file of the `hyphen` package.
const PATTERN_ALIASES: Record<string, string> = { en: "en-us", de: "de-1996", el: "el-monoton", mn: "mn-cyrl" };

function patternsDir(): string {
  return path.join(path.dirname(require.resolve("hyphen/package.json")), "patterns");
}

/**
 * The `hyphen` package's pattern file (TeX's hyphenation patterns, ported) for a BCP 47 language
 * tag: the whole tag when it names one (`en-gb`, `de-ch-1901`), else its primary language.
 * Undefined when the package has no patterns for the language.
 */
export function hyphenationPatternName(language: string): string | undefined {
  const tag = language.toLowerCase();
  const primary = tag.split("-")[0] ?? tag;
  const available = new Set(
    fs
      .readdirSync(patternsDir())
      .filter((file) => file.endsWith(".js"))
      .map((file) => file.slice(0, -3)),
  );
  for (const candidate of [tag, PATTERN_ALIASES[tag], primary, PATTERN_ALIASES[primary]]) {
    if (candidate && available.has(candidate)) return candidate;
  }
  return undefined;
}

/** Hyphenates one word (soft hyphens at the pattern's break points). */
export type WordHyphenator = (word: string) => string;

/** Drops soft hyphens that would leave fewer than 3 letters before or after a break. */
export function keepHyphenMins(hyphenated: string): string {
  const parts = hyphenated.split(SOFT_HYPHEN);
  if (parts.length === 1) return hyphenated;
  const word = parts.join("");
  let result = "";
  let offset = 0;
  parts.forEach((part, index) => {
    if (index > 0) {
      const letters = (text: string) => text.replace(/[^\p{L}]/gu, "").length;
      const before = letters(
        word
          .slice(0, offset)
          .split(/[-\u2010\u2011\u2013\u2014]/)
          .at(-1) ?? "",
      );
      const after = letters(word.slice(offset).split(/[-\u2010\u2011\u2013\u2014]/)[0] ?? "");
      if (before >= LEFT_MIN && after >= RIGHT_MIN) result += SOFT_HYPHEN;
    }
    result += part;
    offset += part.length;
  });
  return result;
}

/** A hyphenator for the language from TeX's patterns, or undefined when none is known for it. */
export function loadHyphenator(language: string): WordHyphenator | undefined {
  const name = hyphenationPatternName(language);
  if (!name) return undefined;
  const patterns: unknown = require(`hyphen/patterns/${name}.js`);
  const createHyphenator = require("hyphen") as (
    patterns: unknown,
    options?: { hyphenChar?: string; minWordLength?: number },
  ) => (text: string) => string;
  const hyphenate = createHyphenator(patterns, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD_LENGTH });
  return (word) => keepHyphenMins(hyphenate(word));
}

// Tokens that are addresses, identifiers or numbers rather than words: a URL, an e-mail address, a
// DOI, a citation key, a file name. Breaking them would change what a reader copies or types.
const NOT_A_WORD = /[/@:\\_=#~<>{}[\]|]|\.\p{L}|\d/u;

/**
 * Inserts soft hyphens into the words of running text; leaves URLs, keys, numbers, short words and
 * capitalised words (names: "Alcoholics Anonymous", "Myasthenia", as LaTeX's \uchyph=0 would) alone.
 * With `endsParagraph`, the last word stays whole: a paragraph never ends on half a word.
 */
export function hyphenateText(text: string, hyphenateWord: WordHyphenator, endsParagraph = false): string {
  const lastWord = endsParagraph ? text.trimEnd().search(/\S+$/) : -1;
  return text.replace(/\S+/g, (token, offset: number) => {
    if (offset === lastWord || NOT_A_WORD.test(token) || token.includes(SOFT_HYPHEN)) return token;
    // Hyphenate the letters only, so quotes and punctuation around a word stay where they are.
    return token.replace(/\p{L}[\p{L}\p{M}'’-]*\p{L}/gu, (word) =>
      /^\p{Lu}/u.test(word) ? word : hyphenateWord(word),
    );
  });
}
