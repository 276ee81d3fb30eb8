import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { repairedStyle } from "../../../src/lib/citations/citation-engine.ts";
import { type CslItem, plugins } from "../../../src/lib/citations/citation-js.ts";
import {
  caseIsNeutral,
  skipPlainTextMarkup,
  useFastCiteprocStrings,
} from "../../../src/lib/citations/citeproc-speed.ts";

// A second, untouched copy of citeproc-js: the oracle the shortcuts must agree with, byte for byte.
const require = createRequire(import.meta.url);
const patchedCsl = require("citeproc");
delete require.cache[require.resolve("citeproc")];
const stockCsl = require("citeproc");
useFastCiteprocStrings();

interface CaseFunctions {
  toLocaleLowerCase: (this: unknown, text: string) => string;
  toLocaleUpperCase: (this: unknown, text: string) => string;
  getSortCompare: (this: unknown, locale?: string) => (a: string, b: string) => number;
}
const fast = patchedCsl as CaseFunctions;
const stock = stockCsl as CaseFunctions;

const LANGUAGES = ["en-US", "en", "de-DE", "fr", "nl", "el", "tr-TR", "az", "lt", "tur", "und", "x-bad", ""];
const language = fc.constantFrom(...LANGUAGES);
// Text with the letters whose case mapping depends on the language (İ, I, ı, Lithuanian dots, final sigma).
const text = fc.string({
  unit: fc.constantFrom(..."aAiIİıJjÌÍĨßΣσςΑΩ ,.'\"’“”<>[]()-1234567890éÉǅ"),
  maxLength: 16,
});

describe("citeproc's case mapping, shortened", () => {
  test("names plain two-letter languages without special casing as neutral, and nothing else", () => {
    expect(caseIsNeutral(["en-US", "en"])).toBe(true);
    expect(caseIsNeutral(["de"])).toBe(true);
    for (const other of [["tr-TR"], ["az"], ["LT"], ["tur"], [], undefined, [7]])
      expect(caseIsNeutral(other)).toBe(false);
  });

  test("maps case exactly as the stock code does, for any text and language", () => {
    fc.assert(
      fc.property(text, language, language, (value, first, second) => {
        const state = { tmp: { lang_array: first === "" ? [] : [first, second] } };
        expect(fast.toLocaleLowerCase.call(state, value)).toBe(stock.toLocaleLowerCase.call(state, value));
        expect(fast.toLocaleUpperCase.call(state, value)).toBe(stock.toLocaleUpperCase.call(state, value));
      }),
      { numRuns: 2000 },
    );
  });

  test("compares sort keys exactly as the stock code does", () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom("en-US", "de-DE", "tr-TR", undefined), (a, b, locale) => {
        const state = { tmp: { lang_array: [locale ?? "en-US"] } };
        const mine = fast.getSortCompare.call(state, locale)(a, b);
        const theirs = stock.getSortCompare.call(state, locale)(a, b);
        expect(Math.sign(mine)).toBe(Math.sign(theirs));
      }),
      { numRuns: 2000 },
    );
  });
});

const config = plugins.config.get("@csl") as {
  styles: { get(name: string): string };
  locales: { get(name: string): string };
};

interface Engine {
  setOutputFormat(format: string): void;
  updateItems(ids: string[]): void;
  makeBibliography(): [unknown, string[]];
  makeCitationCluster(items: Array<{ id: string }>): string;
}

/** One engine per copy of citeproc and output format, made once: a run lists and cites its own works. */
function engineFormatting(csl: unknown, format: string, fastMarkup: boolean): (items: readonly CslItem[]) => string[] {
  const byId = new Map<string, CslItem>();
  const Engine = (csl as { Engine: new (...args: unknown[]) => Engine }).Engine;
  const engine = new Engine(
    {
      retrieveLocale: (lang: string) => config.locales.get(lang) ?? config.locales.get("en-US"),
      retrieveItem: (id: string) => byId.get(id),
    },
    repairedStyle(config.styles.get("apa")),
    "en-US",
    true,
  );
  engine.setOutputFormat(format);
  if (fastMarkup) skipPlainTextMarkup(engine);
  let run = 0;
  return (items) => {
    // Fresh ids each run, so that citeproc keeps nothing of an earlier run's works.
    run++;
    const ids = items.map((item) => {
      const id = `${item.id}-${run}`;
      byId.set(id, { ...item, id });
      return id;
    });
    engine.updateItems(ids);
    return [...engine.makeBibliography()[1], ...ids.map((id) => engine.makeCitationCluster([{ id }]))];
  };
}

// Titles and names with markup, quotes, apostrophes and sort-sensitive letters, and plain ones.
const words = fc.constantFrom(
  "Self-help",
  "groups",
  "<i>Homo sapiens</i>",
  "<b>bold</b>",
  '"quoted words"',
  "'single'",
  "“curly”",
  "‘inner’",
  "O’Brien’s",
  "<sc>NASA</sc>",
  '<span class="nocase">iPhone</span>',
  "Über",
  "İstanbul",
  "ıslak",
  "[Bracketed]",
  "and",
  "2020",
);
const item = (id: string) =>
  fc.record({
    id: fc.constant(id),
    type: fc.constantFrom("article-journal", "book", "report", "chapter"),
    title: fc.array(words, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(" ")),
    author: fc.array(
      fc.record({ family: fc.constantFrom("Smith", "smith", "Çelik", "O’Neil", "de la Cruz", "Über"), given: words }),
      { minLength: 1, maxLength: 3 },
    ),
    "container-title": words,
    issued: fc.record({ "date-parts": fc.tuple(fc.tuple(fc.integer({ min: 1990, max: 1995 }))) }),
  }) as fc.Arbitrary<CslItem>;

describe("citeproc's reading of markup, skipped for plain text", () => {
  test.each(["rtf", "text"])(
    "lists and cites any works exactly as the stock engine does (%s)",
    (format) => {
      const mine = engineFormatting(patchedCsl, format, true);
      const theirs = engineFormatting(stockCsl, format, false);
      fc.assert(
        fc.property(fc.tuple(item("a"), item("b"), item("c"), item("d")), (items) => {
          expect(mine(items)).toEqual(theirs(items));
        }),
        { numRuns: 100 },
      );
    },
    120_000,
  );
});
