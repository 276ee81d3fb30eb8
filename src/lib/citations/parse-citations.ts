/** CSL locator labels and the abbreviations authors write for them, as Pandoc reads them. */
const LOCATOR_LABELS: ReadonlyArray<readonly [RegExp, CitationLocatorLabel]> = [
  [/^(?:pp?\.|pages?)$/i, "page"],
  [/^(?:chaps?\.|chapters?)$/i, "chapter"],
  [/^(?:secs?\.|sections?|§§?)$/i, "section"],
  [/^(?:paras?\.|paragraphs?|¶¶?)$/i, "paragraph"],
  [/^(?:figs?\.|figures?)$/i, "figure"],
  [/^(?:vols?\.|volumes?)$/i, "volume"],
  [/^(?:ll?\.|lines?)$/i, "line"],
];

/** A locator kind that citeproc understands. */
export type CitationLocatorLabel = "page" | "chapter" | "section" | "paragraph" | "figure" | "volume" | "line";

/** One cited work inside a citation, with what the author wrote around it. */
export interface CitationItem {
  key: string;
  prefix?: string;
  suffix?: string;
  locator?: string;
  label?: CitationLocatorLabel;
  /** `[-@key]`: the year only, because the sentence already names the author. */
  suppressAuthor?: boolean;
}

/** A citation as written in the text: `[@a; @b]` (parenthetical) or `@a` (narrative). */
export interface Citation {
  kind: "parenthetical" | "narrative";
  items: CitationItem[];
  /** Offsets of the citation's source text in the string it was parsed from. */
  start: number;
  end: number;
}

// Pandoc: a key starts with a letter, digit or _, and may hold internal punctuation.
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const BRACKETED = new RegExp(String.raw`\[([^\[\]]*?-?@${KEY}[^\[\]]*)\]`, "gu");
const NARRATIVE = new RegExp(String.raw`(?<![\p{L}\p{N}_@.\-])@(${KEY})(?:\s\[([^\[\]@]*)\])?`, "gu");
// `@fig:x`, `@tbl:x`, `@eq:x`, `@sec:x` are cross-references (pandoc-crossref), never bibliography keys.
const CROSS_REFERENCE_KEY = /^(?:fig|tbl|eq|sec):/;
const ITEM = new RegExp(`^(.*?)(-?)@(${KEY})(.*)$`, "su");

/** Splits "p. 12" or ", pp. 3-4, emphasis added" into locator, label and suffix. */
export function parseLocator(rest: string): Pick<CitationItem, "locator" | "label" | "suffix"> {
  const trimmed = rest.replace(/^\s*,?\s*/, "");
  if (trimmed === "") return {};
  const match = /^(\S+?)\s*(\d[\w–-]*(?:\s*[–-]\s*\d[\w]*)?)(.*)$/su.exec(trimmed);
  if (match) {
    const [, word = "", locator = "", suffix = ""] = match;
    const label = LOCATOR_LABELS.find(([pattern]) => pattern.test(word))?.[1];
    if (label) return withSuffix({ label, locator: locator.replace(/\s+/g, "") }, suffix);
  }
  const bareNumber = /^(\d[\w–-]*)(.*)$/su.exec(trimmed);
  if (bareNumber) return withSuffix({ label: "page", locator: bareNumber[1] ?? "" }, bareNumber[2] ?? "");
  return { suffix: trimmed };
}

function withSuffix(
  parsed: Pick<CitationItem, "locator" | "label">,
  suffix: string,
): Pick<CitationItem, "locator" | "label" | "suffix"> {
  const cleaned = suffix.trim();
  return cleaned === "" ? parsed : { ...parsed, suffix: cleaned };
}

function parseItem(source: string): CitationItem | undefined {
  const match = ITEM.exec(source);
  if (!match) return undefined;
  const [, prefix = "", dash = "", key = "", rest = ""] = match;
  const item: CitationItem = { key, ...parseLocator(rest) };
  if (prefix.trim() !== "") item.prefix = prefix.trim();
  if (dash === "-") item.suppressAuthor = true;
  return item;
}

/** Finds every Pandoc-style citation in a run of text, in order of appearance. */
export function parseCitations(text: string): Citation[] {
  const citations: Citation[] = [];
  const taken: Array<[number, number]> = [];
  for (const match of text.matchAll(BRACKETED)) {
    const items = (match[1] ?? "").split(";").map(parseItem);
    if (items.some((item) => item === undefined || CROSS_REFERENCE_KEY.test(item.key))) continue;
    const start = match.index;
    const end = start + match[0].length;
    citations.push({ kind: "parenthetical", items: items as CitationItem[], start, end });
    taken.push([start, end]);
  }
  for (const match of text.matchAll(NARRATIVE)) {
    const start = match.index;
    if (taken.some(([from, to]) => start >= from && start < to)) continue;
    const item: CitationItem = { key: match[1] ?? "" };
    if (CROSS_REFERENCE_KEY.test(item.key)) continue;
    if (match[2] !== undefined) Object.assign(item, parseLocator(match[2]));
    citations.push({ kind: "narrative", items: [item], start, end: start + match[0].length });
  }
  return citations.sort((a, b) => a.start - b.start);
}
