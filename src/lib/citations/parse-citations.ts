/**
 * Pandoc's citation grammar (the `citations` extension of Pandoc's Markdown), read from plain text.
 *
 * The text may hold the inline markers below in place of Markdown formatting, so that a prefix or
 * suffix keeps its emphasis (`[*see* @key p. **32**]`), and the caller may mark offsets where a key
 * cannot start (an escaped `\@`, text inside a nested element).
 */

/** Stands for an inline element that is not text (a footnote reference, inline HTML, code). */
export const OPAQUE = "\uFFFC";
/** Open and close markers of emphasis and strong emphasis in the flattened text. */
export const EMPHASIS_OPEN = "\uE000";
export const EMPHASIS_CLOSE = "\uE001";
export const STRONG_OPEN = "\uE002";
export const STRONG_CLOSE = "\uE003";
const MARKERS = /[\uE000-\uE003]/g;

/** A locator kind that citeproc understands: the locator terms Pandoc reads. */
export type CitationLocatorLabel =
  | "book"
  | "chapter"
  | "column"
  | "figure"
  | "folio"
  | "issue"
  | "line"
  | "note"
  | "opus"
  | "page"
  | "paragraph"
  | "part"
  | "section"
  | "sub verbo"
  | "verse"
  | "volume";

/**
 * The en-US locale's forms of Pandoc's locator terms (long, short and symbol; singular and
 * plural), which Pandoc matches case-insensitively at the start of a suffix.
 */
const LOCATOR_TERMS: Readonly<Record<CitationLocatorLabel, readonly string[]>> = {
  book: ["book", "books", "bk.", "bks."],
  chapter: ["chapter", "chapters", "chap.", "chaps."],
  column: ["column", "columns", "col.", "cols."],
  figure: ["figure", "figures", "fig.", "figs."],
  folio: ["folio", "folios", "fol.", "fols."],
  issue: ["number", "numbers", "no.", "nos."],
  line: ["line", "lines", "l.", "ll."],
  note: ["note", "notes", "n.", "nn."],
  opus: ["opus", "opera", "op.", "opp."],
  page: ["page", "pages", "p.", "pp."],
  paragraph: ["paragraph", "paragraphs", "para.", "paras.", "¶", "¶¶"],
  part: ["part", "parts", "pt.", "pts."],
  section: ["section", "sections", "sec.", "secs.", "§", "§§"],
  "sub verbo": ["sub verbo", "sub verbis", "s.v.", "s.vv."],
  verse: ["verse", "verses", "v.", "vv."],
  volume: ["volume", "volumes", "vol.", "vols."],
};

const TERM_LABELS: ReadonlyArray<readonly [string, CitationLocatorLabel]> = (
  Object.entries(LOCATOR_TERMS) as Array<[CitationLocatorLabel, readonly string[]]>
)
  .flatMap(([label, terms]) => terms.map((term) => [term, label] as const))
  // Longest first, as Pandoc tries the longest label that matches.
  .sort((a, b) => b[0].length - a[0].length);

/** One cited work inside a citation, with what the author wrote around it. */
export interface CitationItem {
  key: string;
  /** Text before the key, trimmed; may hold the emphasis markers. */
  prefix?: string;
  /** Text after the locator as written (with its leading comma or space); may hold markers. */
  suffix?: string;
  locator?: string;
  label?: CitationLocatorLabel;
  /** `[-@key]`: the year only, because the sentence already names the author. */
  suppressAuthor?: boolean;
}

/**
 * A citation as written in the text: `[@a; @b]` (parenthetical) or `@a`, `@a [p. 3; @b]`
 * (narrative: the first work's author is part of the sentence).
 */
export interface Citation {
  kind: "parenthetical" | "narrative";
  items: CitationItem[];
  /** Offsets of the citation's source text in the string it was parsed from. */
  start: number;
  end: number;
}

/** Keys that pandoc-crossref (and this site's cross-references) read as figures, tables, equations, sections. */
const CROSS_REFERENCE = /^(?:fig|tbl|lst|alg|eq|sec)[:-]/;

/** True for `fig:x`, `tbl:x`, `lst:x`, `eq:x`, `sec:x` (or Quarto's `fig-x` ...): a cross-reference, never a citation. */
export function isCrossReferenceKey(key: string): boolean {
  return CROSS_REFERENCE.test(key);
}

/** Where keys may start: false for an escaped `@` or one inside a nested element. */
export interface ParseOptions {
  canStartKey?: (offset: number) => boolean;
}

// A key starts with a letter, digit or _, and holds single internal punctuation (Pandoc's rule).
const KEY_CHAR = String.raw`[\p{L}\p{N}_]`;
const BARE_KEY = new RegExp(String.raw`^${KEY_CHAR}(?:${KEY_CHAR}|[:.#$%&\-+?<>~/](?=${KEY_CHAR}))*`, "u");
const WORD_BEFORE = /[\p{L}\p{N}]/u;

interface KeyMatch {
  key: string;
  /** Offset just after the key (and its closing brace). */
  end: number;
}

/** Reads a key after the `@` at `at`: a bare key or `@{...}` with balanced braces. */
function readKey(text: string, at: number): KeyMatch | undefined {
  if (text[at + 1] === "{") {
    let depth = 0;
    for (let index = at + 1; index < text.length; index++) {
      const char = text[index];
      if (char === "{") depth++;
      else if (char === "}" && --depth === 0) {
        const key = text.slice(at + 2, index).trim();
        return key === "" || /[\uE000-\uE003\uFFFC]/.test(key) ? undefined : { key, end: index + 1 };
      }
    }
    return undefined;
  }
  const match = BARE_KEY.exec(text.slice(at + 1));
  return match ? { key: match[0], end: at + 1 + match[0].length } : undefined;
}

/** True where an `@` may begin a citation key: not after a letter or digit, and allowed by the caller. */
function keyMayStart(text: string, at: number, options: ParseOptions): boolean {
  if (text[at] !== "@") return false;
  const before = text[at - 1];
  if (before !== undefined && WORD_BEFORE.test(before)) return false;
  return options.canStartKey?.(at) ?? true;
}

const ROMAN = /^(?=[mdclxvi])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/i;

/** A locator word: digits, roman numerals, ranges with - or –, `1.2`, `34(1)`, `[17]`. */
const LOCATOR_WORD = /^(?:[^\s\p{P}\uFFFC]|[-–:()[\]\uE000-\uE003]|\.(?=[^\s\p{P}\uFFFC]))+/u;

function digitLike(word: string, explicit: boolean): boolean {
  if (/\d/.test(word)) return true;
  return explicit && word.split(/[-–:.()[\]\uE000-\uE003]/).some((part) => ROMAN.test(part));
}

function balanced(word: string): boolean {
  let depth = 0;
  for (const char of word) {
    if (char === "(" || char === "[") depth++;
    else if (char === ")" || char === "]") depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** Reads locator words after a label: `33`, `33, 35-37`, `14.2`, `iv`; returns the text and its end. */
function readLocatorWords(text: string, explicit: boolean): { locator: string; end: number } | undefined {
  let locator = "";
  let cursor = 0;
  for (let first = true; ; first = false) {
    const lead = first ? /^\s?/.exec(text.slice(cursor)) : /^[,;]?\s?/.exec(text.slice(cursor));
    const from = cursor + (lead?.[0].length ?? 0);
    const word = LOCATOR_WORD.exec(text.slice(from))?.[0];
    if (!word || !balanced(word) || !digitLike(word, explicit)) break;
    const separator = first ? "" : (lead?.[0] ?? "").replace(/\s/, " ");
    locator += separator + word;
    cursor = from + word.length;
  }
  if (locator === "") return undefined;
  return { locator: locator.replace(MARKERS, "").trim(), end: cursor };
}

function labelAt(text: string): { label: CitationLocatorLabel; length: number } | undefined {
  const folded = text.toLowerCase();
  for (const [term, label] of TERM_LABELS) {
    if (!folded.startsWith(term)) continue;
    // A word term ("page") must end at a word boundary; an abbreviation ("p.") may touch its number.
    const next = text[term.length];
    if (/\p{L}$/u.test(term) && next !== undefined && /[\p{L}\p{N}]/u.test(next)) continue;
    return { label, length: term.length };
  }
  return undefined;
}

/** Pandoc adds ", " before a suffix that starts with neither punctuation nor a space. */
function suffixAsWritten(rest: string): string | undefined {
  if (rest === "") return undefined;
  const first = rest.replace(MARKERS, "")[0] ?? "";
  if (first === "" || /[\s\p{P}]/u.test(first)) return rest;
  return `, ${rest}`;
}

/**
 * Splits what follows a key (`, p. 12`, ` pp. 33, 35-37 emphasis mine`, `, {pp. iv, vi-xi}`)
 * into locator, label and suffix, as Pandoc's locator parser does.
 */
export function parseLocator(rest: string): Pick<CitationItem, "locator" | "label" | "suffix"> {
  const lead = /^,?\s?/.exec(rest)?.[0] ?? "";
  const body = rest.slice(lead.length);
  const withSuffix = (
    found: Pick<CitationItem, "locator" | "label">,
    suffix: string,
  ): Pick<CitationItem, "locator" | "label" | "suffix"> => {
    const written = suffixAsWritten(suffix);
    return written === undefined || written.trim() === "" ? found : { ...found, suffix: written };
  };
  if (body.startsWith("{")) {
    let depth = 0;
    for (let index = 0; index < body.length; index++) {
      if (body[index] === "{") depth++;
      else if (body[index] === "}" && --depth === 0) {
        const inner = body.slice(1, index).trimStart();
        const found = labelAt(inner);
        const locator = (found ? inner.slice(found.length) : inner).replace(MARKERS, "").trim();
        if (locator === "") break;
        return withSuffix({ label: found?.label ?? "page", locator }, body.slice(index + 1));
      }
    }
  }
  const found = labelAt(body);
  if (found) {
    const words = readLocatorWords(body.slice(found.length), true);
    if (words) return withSuffix({ label: found.label, locator: words.locator }, body.slice(found.length + words.end));
  } else {
    const words = readLocatorWords(body, false);
    if (words) return withSuffix({ label: "page", locator: words.locator }, body.slice(words.end));
  }
  const suffix = suffixAsWritten(rest);
  return suffix === undefined || suffix.trim() === "" ? {} : { suffix };
}

/** Splits a bracket's content at top-level semicolons (not inside `{...}`). */
function splitParts(content: string, offset: number): Array<{ text: string; at: number }> {
  const parts: Array<{ text: string; at: number }> = [];
  let depth = 0;
  let from = 0;
  for (let index = 0; index < content.length; index++) {
    const char = content[index];
    if (char === "{") depth++;
    else if (char === "}") depth = Math.max(0, depth - 1);
    else if (char === ";" && depth === 0) {
      parts.push({ text: content.slice(from, index), at: offset + from });
      from = index + 1;
    }
  }
  parts.push({ text: content.slice(from), at: offset + from });
  return parts;
}

/** One `;`-separated part of a bracket: `see -@key, p. 3, suffix`. */
function parseItem(part: { text: string; at: number }, full: string, options: ParseOptions): CitationItem | undefined {
  for (let index = 0; index < part.text.length; index++) {
    if (!keyMayStart(full, part.at + index, options)) continue;
    const found = readKey(full, part.at + index);
    if (!found) continue;
    const dash = part.text[index - 1] === "-";
    const prefix = part.text.slice(0, dash ? index - 1 : index).trim();
    const item: CitationItem = { key: found.key, ...parseLocator(part.text.slice(found.end - part.at)) };
    if (prefix !== "") item.prefix = prefix;
    if (dash) item.suppressAuthor = true;
    return item;
  }
  return undefined;
}

/** The offset of the `]` that closes the `[` at `open`, with nested brackets balanced. */
function closingBracket(text: string, open: number): number | undefined {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === "[") depth++;
    else if (char === "]" && --depth === 0) return index;
  }
  return undefined;
}

/**
 * The works of a bracket whose parts may also be cross-references (`[@a, p. 3; see @fig:x]`): each
 * cross-reference part stays, as written, in the text around the works (the suffix of the work
 * before it, or the prefix of the first work), where the cross-references plugin names it
 * ("see Figure 2"). Undefined when the bracket cites no work (`[@fig:x]` is a cross-reference).
 */
function foldCrossReferences(
  parts: ReadonlyArray<{ text: string }>,
  items: readonly CitationItem[],
  lead?: Partial<CitationItem>,
): CitationItem[] | undefined {
  const works: CitationItem[] = [];
  let previous = lead;
  let before = "";
  items.forEach((item, index) => {
    const written = parts[index]?.text.trim() ?? "";
    if (isCrossReferenceKey(item.key)) {
      if (previous) previous.suffix = `${previous.suffix ?? ""}; ${written}`;
      else before = before === "" ? written : `${before}; ${written}`;
      return;
    }
    if (before !== "") item.prefix = `${before};${item.prefix ? ` ${item.prefix}` : ""}`;
    before = "";
    works.push(item);
    previous = item;
  });
  return works.length > 0 || lead ? works : undefined;
}

function bracketItems(text: string, open: number, close: number, options: ParseOptions): CitationItem[] | undefined {
  const parts = splitParts(text.slice(open + 1, close), open + 1);
  const items = parts.map((part) => parseItem(part, text, options));
  if (!items.every((item) => item !== undefined)) return undefined;
  return foldCrossReferences(parts, items);
}

/**
 * After a narrative `@key`: an optional bracket, either more works (`[-@b p. 30; see also @c]`) or
 * the first work's locator followed by more works (`[p. 33; @b]`).
 */
function narrativeTail(
  text: string,
  keyEnd: number,
  options: ParseOptions,
): { items: CitationItem[]; first: Partial<CitationItem>; end: number } | undefined {
  const space = /^[ \t]*\n?[ \t]*/.exec(text.slice(keyEnd))?.[0] ?? "";
  const open = keyEnd + space.length;
  if (text[open] !== "[") return undefined;
  const close = closingBracket(text, open);
  if (close === undefined) return undefined;
  const all = bracketItems(text, open, close, options);
  if (all) return { items: all, first: {}, end: close + 1 };
  const [head, ...others] = splitParts(text.slice(open + 1, close), open + 1);
  if (!head || text[open + 1] === "@") return undefined;
  const items = others.map((part) => parseItem(part, text, options));
  if (!items.every((item) => item !== undefined)) return undefined;
  const bare = head.text.trim();
  const first: Partial<CitationItem> = bare === "" ? {} : parseLocator(bare);
  const works = foldCrossReferences(others, items, first) ?? [];
  return { items: works, first, end: close + 1 };
}

/** Finds every Pandoc citation in a run of text, in order of appearance. */
export function parseCitations(text: string, options: ParseOptions = {}): Citation[] {
  const citations: Citation[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === "[") {
      const close = closingBracket(text, index);
      const items = close === undefined ? undefined : bracketItems(text, index, close, options);
      if (close !== undefined && items) {
        citations.push({ kind: "parenthetical", items, start: index, end: close + 1 });
        index = close + 1;
        continue;
      }
    } else if (char === "@" && keyMayStart(text, index, options)) {
      const found = readKey(text, index);
      if (found && isCrossReferenceKey(found.key)) {
        index = found.end;
        continue;
      }
      if (found) {
        const tail = narrativeTail(text, found.end, options);
        const first: CitationItem = { key: found.key, ...tail?.first };
        citations.push({
          kind: "narrative",
          items: [first, ...(tail?.items ?? [])],
          start: index,
          end: tail?.end ?? found.end,
        });
        index = tail?.end ?? found.end;
        continue;
      }
    }
    index++;
  }
  return citations;
}

/** The text of a prefix or suffix without the emphasis markers. */
export function withoutMarkers(text: string): string {
  return text.replace(MARKERS, "");
}

/** A prefix or suffix in citeproc's inline markup: `<i>` and `<b>` for emphasis. */
export function markersToCiteproc(text: string): string {
  return text
    .replaceAll(EMPHASIS_OPEN, "<i>")
    .replaceAll(EMPHASIS_CLOSE, "</i>")
    .replaceAll(STRONG_OPEN, "<b>")
    .replaceAll(STRONG_CLOSE, "</b>")
    .replaceAll(OPAQUE, "");
}
