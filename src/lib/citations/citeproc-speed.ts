import CSL from "citeproc";

/**
 * Three shortcuts through citeproc-js's hottest string work, each giving exactly what the stock code
 * gives (a CPU profile of the 400-section report: 4,000 listed works and 8,000 citations spent some
 * 15% of the citation path in these three places).
 */

interface CaseState {
  tmp: { lang_array?: unknown };
}

type CaseFunction = (this: CaseState, text: string) => string;

interface CiteprocStatics {
  toLocaleLowerCase: CaseFunction;
  toLocaleUpperCase: CaseFunction;
  getSortCompare: (this: CaseState, defaultLocale?: string) => (a: string, b: string) => number;
  stringCompare?: unknown;
  report_fast_strings?: boolean;
}

/**
 * Languages whose case mapping differs from the language-neutral one (Unicode's SpecialCasing.txt:
 * Lithuanian, Turkish, Azeri). For any other language toLocaleLowerCase(lang) is toLowerCase().
 */
const SPECIAL_CASING = new Set(["lt", "tr", "az"]);

/**
 * True when `languages` (citeproc's `tmp.lang_array`) names first a plain two-letter language
 * without special casing: ECMA-402 maps case by the first locale only, so the neutral mapping gives
 * the same text. Anything else (no list, a three-letter or odd tag) takes citeproc's own path.
 */
export function caseIsNeutral(languages: unknown): boolean {
  if (!Array.isArray(languages) || typeof languages[0] !== "string") return false;
  const primary = /^([a-z]{2})(?:-|$)/i.exec(languages[0])?.[1]?.toLowerCase();
  return primary !== undefined && !SPECIAL_CASING.has(primary);
}

/**
 * The options citeproc-js compares sort keys with (CSL.getSortCompare). `a.localeCompare(b, locale,
 * options)` is by definition (ECMA-402, 19.1.1) a new Intl.Collator(locale, options) comparing the
 * two; citeproc made one per comparison, this makes one per engine.
 */
const SORT_OPTIONS: Intl.CollatorOptions = { sensitivity: "base", ignorePunctuation: true, numeric: true };

/** Makes citeproc's case mapping and sort comparison fast, once per process, with the same results. */
export function useFastCiteprocStrings(): void {
  const statics = CSL as unknown as CiteprocStatics;
  if (statics.report_fast_strings) return;
  const stockLower = statics.toLocaleLowerCase;
  const stockUpper = statics.toLocaleUpperCase;
  statics.toLocaleLowerCase = function (this: CaseState, text: string) {
    return caseIsNeutral(this.tmp.lang_array) ? text.toLowerCase() : stockLower.call(this, text);
  };
  statics.toLocaleUpperCase = function (this: CaseState, text: string) {
    return caseIsNeutral(this.tmp.lang_array) ? text.toUpperCase() : stockUpper.call(this, text);
  };
  const stockCompare = statics.getSortCompare;
  statics.getSortCompare = function (this: CaseState, defaultLocale?: string) {
    // A comparison set from outside wins, as in citeproc.
    if (statics.stringCompare) return stockCompare.call(this, defaultLocale);
    let collator: Intl.Collator;
    try {
      collator = new Intl.Collator(defaultLocale || "en-US", SORT_OPTIONS);
    } catch {
      // A locale the collator refuses: citeproc's own comparison fails as it always did.
      return stockCompare.call(this, defaultLocale);
    }
    const lower = (text: string) => statics.toLocaleLowerCase.call(this, text);
    const compare = (a: string, b: string) => collator.compare(lower(a), lower(b));
    // citeproc strips leading brackets and quotes first where the collator does not ignore them.
    if (!compare("[x", "x")) return compare;
    const stripPunctuation = (text: string) => text.replace(/^[[\]'"]*/g, "");
    return (a: string, b: string) => compare(stripPunctuation(a), stripPunctuation(b));
  };
  statics.report_fast_strings = true;
}

interface TextBlob {
  blobs: unknown;
}

interface FlipFlopper {
  processTags(blob: TextBlob): void;
}

/**
 * citeproc-js reads every piece of text it outputs for markup (<i>, <b>, <sc>, <span class="nocase">
 * ...) and quotes, compiling and running a Unicode-wide expression on it first. Text without any
 * character a tag or a quote can begin or end with has none: it is left as it is, which is what the
 * stock code does after that work. `engine.fun.flipflopper` is set per engine.
 */
export function skipPlainTextMarkup(engine: unknown): void {
  const state = engine as { fun?: { flipflopper?: FlipFlopper }; getTerm?: (name: string) => unknown };
  const flipflopper = state.fun?.flipflopper;
  if (!flipflopper || typeof state.getTerm !== "function") return;
  // The characters of every tag and quote the stock code looks for: the straight quotes, "<" of the
  // tags, the typographic apostrophe (made a straight one first) and the locale's own quotes.
  const marks = new Set(["<", '"', "'", "\u2019"]);
  for (const term of ["open-quote", "close-quote", "open-inner-quote", "close-inner-quote"]) {
    const text = state.getTerm.call(engine, term);
    if (typeof text === "string") for (const character of text) marks.add(character);
  }
  const looked = [...marks];
  const stock = flipflopper.processTags.bind(flipflopper);
  flipflopper.processTags = (blob: TextBlob) => {
    const text = blob.blobs;
    if (typeof text === "string" && !looked.some((mark) => text.includes(mark))) return;
    stock(blob);
  };
}
