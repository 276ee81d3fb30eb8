import type { RawEntry } from "../../src/lib/citations/lint-bibliography.ts";

/**
 * The named rules by which the site's APA may differ from Pandoc + apa.csl. Each is a function over
 * Pandoc's text (and the cited entries as written in the .bib) that gives the text APA 7 asks for,
 * with the section of the Publication Manual (7th ed., 2020) or the APA Style page that says so. The
 * oracle test applies every rule to every reference and citation: the site must print what the rules
 * make of Pandoc's text, so a rule that is wrong for one entry fails the test there too.
 */

/** What is compared: a reference-list entry or an in-text citation of one or several works. */
export type Form = "reference" | "parenthetical" | "narrative" | "locator" | "group";

/** One comparison: Pandoc's text and the entries it cites. */
export interface Case {
  form: Form;
  /** The cited entries, in citation order, as written in the .bib file. */
  entries: readonly RawEntry[];
  /** Every entry of the corpus by key, for rules that look at an entry's neighbours. */
  all: ReadonlyMap<string, RawEntry>;
  /**
   * For a grouped citation: each cited work's own parenthetical citation as the rules give it, by
   * key. A work is cited in a group as it is cited alone (APA 7 §8.12), so a group is checked
   * through them.
   */
  alone?: ReadonlyMap<string, string>;
}

/** A named difference from Pandoc + apa.csl and the APA rule that justifies it. */
export interface ApaRule {
  name: string;
  /** The APA 7 section, example or APA Style page that states the rule. */
  apa: string;
  /** Pandoc's text as APA 7 writes it (the text itself when the rule does not apply). */
  rewrite: (text: string, context: Case) => string;
  /**
   * For a choice APA leaves open (the letters of works with identical titles) or a part the rule can
   * only check, not write (a volume's own title in sentence case): whether the site's text is one of
   * the forms APA allows, given the rules' text.
   */
  accepts?: (expected: string, site: string, context: Case) => boolean;
}

/** The raw value of a field, without its outer braces or quotes. */
export function field(entry: RawEntry | undefined, name: string): string | undefined {
  const value = entry?.fields.find((candidate) => candidate.name === name)?.value;
  if (value === undefined) return undefined;
  if ((value.startsWith("{") && value.endsWith("}")) || (value.startsWith('"') && value.endsWith('"')))
    return value.slice(1, -1);
  return value;
}

const isCitation = (form: Form) => form !== "reference";

/** The text of an apacite corporate author, `\bibcorporate{...}`, when the entry's author is one. */
function corporateAuthor(entry: RawEntry | undefined): string | undefined {
  return /\\bibcorporate\{([^{}]+)\}/.exec(field(entry, "author") ?? "")?.[1];
}

/** A field's text as a reader sees it: braces gone, TeX's escapes and accents undone. */
export function plainText(value: string): string {
  return texAccents(value)
    .replace(/\\([&%$#_{}])/g, "$1")
    .replace(/\\(ss|o|O|aa|AA|ae|AE|oe|OE|l|L|i)\b\s*/g, (_all, letter: string) => LETTERS[letter] ?? letter)
    .replace(/\\([A-Za-z]+)\s*/g, "$1")
    .replace(/---/g, "—")
    .replace(/--/g, "–")
    .replace(/[{}]/g, "")
    .replace(/~/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const ACCENTS: Record<string, string> = {
  '"': "\u0308",
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  c: "\u0327",
  v: "\u030c",
  u: "\u0306",
  H: "\u030b",
  k: "\u0328",
};

const LETTERS: Record<string, string> = {
  ss: "ß",
  o: "ø",
  O: "Ø",
  aa: "å",
  AA: "Å",
  ae: "æ",
  AE: "Æ",
  oe: "œ",
  OE: "Œ",
  l: "ł",
  L: "Ł",
  i: "ı",
};

/** TeX accent commands (`\"a`, `{\'e}`, `\c{c}`) as the accented letters. */
export function texAccents(text: string): string {
  return text
    .replace(/\{?\\(["'`^~=.]|[cvuHk](?=[{\s]))\s*\{?([A-Za-z])\}?\}?/g, (_all, accent: string, letter: string) =>
      `${letter}${ACCENTS[accent] ?? ""}`.normalize("NFC"),
    )
    .normalize("NFC");
}

/** Family names of an entry's authors (or editors), as written. */
export function families(entry: RawEntry | undefined): string[] {
  const names = field(entry, "author") ?? field(entry, "editor") ?? "";
  return names
    .split(/\s+and\s+/)
    .map((name) => plainText(name.includes(",") ? (name.split(",")[0] ?? "") : (name.trim().split(/\s+/).pop() ?? "")))
    .filter((name) => name !== "" && name !== "others");
}

const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A particle before its name: an elided one ("d'") or one ending in a hyphen ("al-") joins it, as it is printed. */
const joined = (particle: string, family: string) =>
  /['’-]$/.test(particle) ? `${particle}${family}` : `${particle} ${family}`;

/** A family name as printed: the space BibTeX needs after an elided or hyphenated particle ("d' Jones", "al- One") goes. */
const printedFamily = (family: string) => family.replace(/(^|\s)(\p{Ll}{1,4}['’-])\s+(?=\p{Lu})/gu, "$1$2");

/** The lower-case particles ("de", "van der", "d'") of an entry's authors as written, with the rest of each family name. */
export function particles(entry: RawEntry): Array<{ particle: string; family: string }> {
  const names = field(entry, "author") ?? field(entry, "editor") ?? "";
  const found: Array<{ particle: string; family: string }> = [];
  for (const person of names.split(/\s+and\s+/)) {
    // A name braced whole ({van der Kouwe}) is already one family name, as Pandoc prints it.
    const last = person.includes(",") ? (person.split(",")[0] ?? "") : person;
    if (/^\s*\{/.test(last) && person.includes(",")) continue;
    const words = plainText(last).split(/\s+/);
    const start = person.includes(",") ? 0 : words.findIndex((word, index) => index > 0 && /^\p{Ll}/u.test(word));
    if (start < 0) continue;
    let end = start;
    while (end < words.length - 1 && /^\p{Ll}/u.test(words[end] ?? "")) end += 1;
    if (end === start) continue;
    const particle = words.slice(start, end).join(" ");
    const family = words.slice(end).join(" ");
    if (/^\p{Lu}/u.test(family)) found.push({ particle, family });
  }
  return found;
}

/**
 * Whether an entry is in English: no language given, or one that names English, also in the language
 * of the exporter's interface ("Anglais" from a French Zotero, as Better BibTeX writes it to langid).
 */
function inEnglish(entry: RawEntry | undefined): boolean {
  const language = (field(entry, "langid") ?? field(entry, "language") ?? "english").toLowerCase().trim();
  return /^(?:en\b|english|american|british|anglais|englisch|ingl[eéê]s|inglese|engels)/.test(language);
}

/** An entry's year as written (year field, or the year of its date). */
export function yearOf(entry: RawEntry | undefined): string | undefined {
  return /\d{4}/.exec(field(entry, "year") ?? field(entry, "date") ?? "")?.[0];
}

/** A title as APA sorts it (§9.47): letters only, lower case, without a leading article. */
function sortTitle(entry: RawEntry): string {
  const main = field(entry, "maintitle");
  const title =
    main === undefined
      ? (field(entry, "title") ?? "")
      : `${main} ${field(entry, "volume") ?? ""} ${field(entry, "title") ?? ""}`;
  return plainText(title)
    .toLowerCase()
    .replace(/^(?:a|an|the)\s+/, "")
    .replace(/[^\p{L}\p{N} ]/gu, "");
}

const sameAuthorYear = new WeakMap<ReadonlyMap<string, RawEntry>, Map<string, RawEntry[]>>();

/** The entries with the same authors (or, without authors, the same title) and year as this one. */
function sameAuthorAndYear(entry: RawEntry, all: ReadonlyMap<string, RawEntry>): RawEntry[] {
  let index = sameAuthorYear.get(all);
  if (!index) {
    index = new Map();
    for (const other of all.values()) {
      const id = authorYear(other);
      index.set(id, [...(index.get(id) ?? []), other]);
    }
    sameAuthorYear.set(all, index);
  }
  return index.get(authorYear(entry)) ?? [];
}

function authorYear(entry: RawEntry): string {
  // A name braced whole ({ATLAS Collaboration}) is one name, not a family name "Collaboration".
  const who =
    people(entry)
      .map((person) => `${person.family} ${initials(person.given)}`)
      .join("|") || plainText(field(entry, "title") ?? "").toLowerCase();
  // A work of several years ("1984/1986", printed 1984–1986) is lettered among works of that range, not of its first year.
  const range = /^\s*(\d{4})\/(\d{4})\s*$/.exec(field(entry, "date") ?? "");
  return `${who}#${range ? `${range[1]}-${range[2]}` : (yearOf(entry) ?? "n.d.")}`;
}

/** Replaces each occurrence of `written` in `text`, whatever its case, with `written` as written. */
function asWritten(text: string, written: string): string {
  if (written.length < 3) return text;
  const pattern = new RegExp(written.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"), "gi");
  // The journal follows the title, which may hold the same words ("Neural networks" in Neural Networks).
  const last = [...text.matchAll(pattern)].pop();
  return last ? `${text.slice(0, last.index)}${written}${text.slice(last.index + last[0].length)}` : text;
}

/** The people of an entry's author (or, without one, editor) field: family and given names, or a braced literal. */
export function people(entry: RawEntry | undefined): Array<{ family: string; given: string; literal: boolean }> {
  const names = field(entry, "author") ?? field(entry, "editor") ?? "";
  if (names.trim() === "") return [];
  return splitNames(names)
    .filter((name) => name.trim() !== "" && name.trim() !== "others")
    .map((name) => {
      const trimmed = name.trim();
      if (/^\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}$/.test(trimmed) && !trimmed.slice(1, -1).includes(","))
        return { family: plainText(trimmed), given: "", literal: true };
      const parts = splitTop(trimmed, ",");
      if (parts.length > 1) {
        const given = parts.slice(parts.length === 3 ? 2 : 1).join(" ");
        return { family: printedFamily(plainText(parts[0] ?? "")), given: plainGiven(given), literal: false };
      }
      const words = splitTop(trimmed, " ").filter((word) => word !== "");
      // "First von Last": the family name starts at the first lower-case word after the first.
      const particle = words.findIndex((word, index) => index > 0 && index < words.length - 1 && /^\p{Ll}/u.test(word));
      const start = particle === -1 ? words.length - 1 : particle;
      return {
        family: printedFamily(plainText(words.slice(start).join(" "))),
        given: plainGiven(words.slice(0, start).join(" ")),
        literal: false,
      };
    });
}

/** Given names as read, with `{\\relax Ch}` (one initial of several letters) kept as its first letter. */
function plainGiven(given: string): string {
  return plainText(given.replace(/\{\\relax\s*(\p{Lu})[^{}]*\}/gu, "$1"));
}

/** Splits on a separator outside braces. */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const character of text) {
    if (character === "{") depth += 1;
    if (character === "}") depth -= 1;
    if (character === separator && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += character;
  }
  parts.push(current.trim());
  return parts;
}

/** A name list split on " and " outside braces. */
function splitNames(names: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < names.length; at += 1) {
    if (names[at] === "{") depth += 1;
    if (names[at] === "}") depth -= 1;
    if (depth === 0 && /^\s+and\s+/i.test(names.slice(at)) && /\s/.test(names[at] ?? "")) {
      parts.push(names.slice(start, at));
      const skip = /^\s+and\s+/i.exec(names.slice(at))?.[0].length ?? 0;
      start = at + skip;
      at = start - 1;
    }
  }
  parts.push(names.slice(start));
  return parts;
}

/**
 * A given name's initials as APA writes them: "Chih-Yu" is "C.-Y.", "J.C." is "J. C.", and a word of
 * two or three capitals without periods ("SM", as PubMed exports write initials) is initials too, unless
 * `capitalsAsInitials` is false: the initials as Pandoc and citeproc print them ("SM" is "S.").
 */
export function initials(given: string, { capitalsAsInitials = true } = {}): string {
  return given
    .replace(/\{\\relax\s*(\p{Lu})[^{}]*\}/gu, "$1")
    .replace(/\b(\p{Lu})\.(?=\p{Lu})/gu, "$1. ")
    .split(/\s+/)
    .flatMap((word) => (capitalsAsInitials && /^\p{Lu}{2,3}$/u.test(word) ? [...word] : [word]))
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) =>
      word
        .split("-")
        .map((part) => `${part.charAt(0)}.`)
        .join("-"),
    )
    .join(" ");
}

/** The surname the text cites an entry's first author by (with a lower-case particle, as APA cites it). */
function citedSurname(entry: RawEntry): string | undefined {
  const [first] = people(entry);
  return first && !first.literal && first.given !== "" ? first.family : undefined;
}

const surnameIndex = new WeakMap<ReadonlyMap<string, RawEntry>, Map<string, Set<string>>>();

/** The initials of every first author of the reference list by cited surname (lower case). */
function initialsBySurname(all: ReadonlyMap<string, RawEntry>): Map<string, Set<string>> {
  let index = surnameIndex.get(all);
  if (!index) {
    index = new Map();
    for (const entry of all.values()) {
      const [first] = people(entry);
      if (!first || first.literal) continue;
      const key = first.family.toLowerCase();
      // The initials as the reference list prints them (Pandoc and citeproc read "VS" as one name, "V."):
      // two references both listed as "Fonov, V." do not tell the reader of two people.
      index.set(key, (index.get(key) ?? new Set()).add(initials(first.given, { capitalsAsInitials: false })));
    }
    surnameIndex.set(all, index);
  }
  return index;
}

/** APA's order of a reference list (§9.44–9.47): names letter by letter, one author before several, then the date. */
function referenceOrder(a: RawEntry, b: RawEntry): number {
  const names = (entry: RawEntry) =>
    people(entry).map((person) => `${person.family} ${initials(person.given)}`.toLowerCase());
  const [left, right] = [names(a), names(b)];
  if (left.length === 0 || right.length === 0) {
    const head = (entry: RawEntry, list: string[]) => list[0] ?? sortTitle(entry);
    const compared = head(a, left).localeCompare(head(b, right));
    if (compared !== 0) return compared;
  }
  for (let at = 0; at < Math.min(left.length, right.length); at += 1) {
    const compared = (left[at] ?? "").localeCompare(right[at] ?? "");
    if (compared !== 0) return compared;
  }
  if (left.length !== right.length) return left.length - right.length;
  return dateRank(a) - dateRank(b);
}

/** n.d. first, then the years, "in press" last (APA 7 §8.12, §9.47). */
function dateRank(entry: RawEntry): number {
  const year = yearOf(entry);
  if (year !== undefined) return Number(year);
  return /press|forthcoming/i.test(`${field(entry, "year") ?? ""} ${field(entry, "pubstate") ?? ""}`) ? 99999 : 0;
}

/** The works an entry's citation "First et al., year" stands for besides itself: same first surname, year, three or more names. */
function shortenedAlike(entry: RawEntry, all: ReadonlyMap<string, RawEntry>): string[][] {
  const own = people(entry).map((person) => person.family);
  if (own.length < 3 || people(entry).some((person) => person.literal)) return [];
  const found: string[][] = [];
  for (const other of all.values()) {
    if (other === entry || yearOf(other) !== yearOf(entry)) continue;
    const names = people(other).map((person) => person.family);
    if (names.length >= 3 && names[0] === own[0]) found.push(names);
  }
  return found;
}

/** Whether two name lists are the same authors (such works take letters, not names: APA 7 §8.19). */
const sameList = (a: readonly string[], b: readonly string[]) => a.join("|") === b.join("|");

/** The names a citation of `own` shows before "et al." so that no other list shows the same ones (APA 7 §8.18). */
function namesNeeded(own: readonly string[], others: readonly (readonly string[])[]): number {
  let count = 1;
  while (count < own.length && others.some((other) => sameList(other.slice(0, count), own.slice(0, count)))) count += 1;
  return count;
}

export const APA_RULES: readonly ApaRule[] = [
  {
    name: "others-as-et-al",
    apa: 'APA 7 §8.17 and §9.8: the authors a work lists but the data leaves out ("and others" in BibTeX) are "et al.", in the text and, as biblatex-apa prints them, in the reference list; Pandoc glues the word to the last initial ("Albert, A.others.") or writes "& others".',
    rewrite: (text, { form, entries }) => {
      if (!entries.some((entry) => /\band\s+others\s*$/.test(field(entry, "author") ?? field(entry, "editor") ?? "")))
        return text;
      return form === "reference"
        ? text.replace(/^([^()]*?)(?:,? & )?others\. \(/, "$1, et al. (")
        : text.replace(/(,?) (?:&|and) others(?=[,)]| \()/g, "$1 et al.");
    },
  },
  {
    name: "narrative-and",
    apa: 'APA 7 §8.17: a narrative citation joins two authors with "and"; "&" belongs inside parentheses.',
    rewrite: (text, { form }) =>
      form === "narrative" ? text.replace(/^([^()]+?) & ([^()]+?) \(/, "$1 and $2 (") : text,
  },
  {
    name: "volumes-plural",
    apa: 'APA 7 §10.2, Example 30 (multivolume work): several volumes take the plural, "Vols. 1–3".',
    rewrite: (text, { form }) => (form === "reference" ? text.replace(/\bVol\. (\w+–\w+)/g, "Vols. $1") : text),
  },
  {
    name: "edition-once",
    apa: 'APA 7 §10.2, Example 20 ("Feminist therapy (2nd ed.)"): the edition appears once, after the title.',
    rewrite: (text, { form }) =>
      form === "reference" ? text.replace(/(\((\d+\w* ed\.)\)\. \(\d{4}\w?\)\.) \(\2\)\./, "$1") : text,
  },
  {
    name: "apacite-in-press",
    apa: 'APA 7 §§9.13–9.17 (date element) and §9.47: a work in press is dated "in press", two by one author "in press-a", "in press-b".',
    rewrite: (text) =>
      text.replace(/\\BIP([a-z]?)/g, (_all, letter: string) => (letter ? `in press-${letter}` : "in press")),
  },
  {
    name: "apacite-no-date",
    apa: 'APA 7 §§9.13–9.17; APA Style, "Missing reference information" (https://apastyle.apa.org/style-grammar-guidelines/references/missing-information): no date is "n.d.".',
    rewrite: (text) => text.replace(/\\bibnodate/g, "n.d."),
  },
  {
    name: "apacite-group-author",
    apa: "APA 7 §§9.7–9.12 (group author in the author element) and §8.17, Table 8.1 (cited by its name).",
    rewrite: (text, { form, entries }) => {
      const group = corporateAuthor(entries[0]);
      if (group === undefined) return text;
      // Without the author Pandoc told works apart by letters; with it, each is one work of its author.
      const dated = text.replace(/\((\d{4})[a-z]\)/, "($1)").replace(/^\((\d{4})[a-z]?((?:, p\. \d+)?)\)$/, "($1$2)");
      if (form === "reference") return `${group}. ${dated}`;
      if (form === "narrative") return dated.replace(/^\((\d{4})\)$/, `${group} ($1)`);
      return isCitation(form) ? dated.replace(/^\(/, `(${group}, `) : dated;
    },
  },
  {
    name: "thesis-label-and-university",
    apa: 'APA 7 §10.6, Examples 64–66 (APA Style, "Published dissertation or thesis references"): "[Doctoral dissertation, University]", "[Master\'s thesis, University]".',
    rewrite: (text, { form }) =>
      form === "reference"
        ? text
            .replace(/\[PhD thesis(?:, ([^\]]+))?\]/, (_all, university?: string) =>
              university ? `[Doctoral dissertation, ${university}]` : "[Doctoral dissertation]",
            )
            .replace(
              /\(PhD Thesis No\. ([^)]+)\)\. ([^;]+); ([^.]+)\.$/,
              "(Publication No. $1) [Doctoral dissertation, $2]. $3.",
            )
            .replace(/\[((?:Doctoral dissertation|Master's thesis)), ([^;\]]+); ([^\]]+)\]\./, "[$1, $2]. $3.")
            .replace(
              /\[((?:Doctoral dissertation|Master's thesis))\]\. ([^.]+(?:\.[^.\s][^.]*)*(?:\. \p{Ll}[^.]*)*)\.$/u,
              "[$1, $2].",
            )
            .replace(/\[((?:Doctoral dissertation|Master's thesis))\]\. ([^.]+?)\. (https?:\/\/\S+)$/, "[$1, $2]. $3")
        : text,
  },
  {
    name: "doi-as-link",
    apa: "APA 7 §9.34–9.35: a DOI is written as a link, https://doi.org/ followed by the DOI, whatever form the data gives it (doi:, a DOI URL, a short DOI).",
    rewrite: (text, { entries }) => {
      const doi = field(entries[0], "doi")?.trim();
      let fixed = text.replace(/https:\/\/doi\.org\/(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/gi, "https://doi.org/");
      if (doi?.startsWith("10/")) fixed = fixed.replace(`https://doi.org/${doi.slice(3)}`, `https://doi.org/${doi}`);
      return fixed;
    },
  },
  {
    name: "tex-markup-undone",
    apa: 'APA 7 §9.19 and §6.7: a reference prints words, not the markup that encodes them; Pandoc leaves some TeX as written ({{Report}}, \\"a, C{+}{+}).',
    rewrite: (text) =>
      texAccents(text)
        .replace(/\{\{([^{}]*)\}\}/g, "$1")
        .replace(/\bC \+ \+/g, "C++"),
  },
  {
    name: "html-markup-undone",
    apa: "APA 7 §9.19: a title's italics are formatting, not characters; Pandoc prints the <i> tags that some exports put in the data.",
    rewrite: (text) => text.replace(/<\/?(?:i|b|em|strong|sub|sup|scp)>/g, ""),
  },
  {
    name: "periodical-name-as-written",
    apa: "APA 7 §9.25: the periodical's name as the periodical writes it; Pandoc's apa.csl title-cases it (Trans. On, Für).",
    rewrite: (text, { form, entries }) => {
      if (form !== "reference") return text;
      const journal = field(entries[0], "journaltitle") ?? field(entries[0], "journal");
      if (journal === undefined) return text;
      // The name stands before the DOI or address, which may hold the same word in other case.
      const link = text.search(/ https?:\/\//);
      const head = link === -1 ? text : text.slice(0, link);
      return `${asWritten(head, plainText(journal))}${text.slice(head.length)}`;
    },
  },
  {
    name: "names-before-letters",
    apa: 'APA 7 §8.18 and §8.19: works whose different author lists shorten to the same "First et al." are told apart by as many names as needed, then "et al."; letters after the year are only for works of the same authors. Pandoc\'s citeproc, when two works of a group have the same authors, gives every work of the group a letter and drops the names ("Fischl et al., 1999a" to "1999d" for two lists of two works each). When one list is the other\'s beginning ("Wettinger, Binz, & Breitenbücher" beside six authors), APA leaves open whether the longer one needs its next name: "(Wettinger, Binz, Breitenbücher, et al., 2014)" tells them apart as well.',
    rewrite: (text, { form, entries, all }) => {
      const [entry] = entries;
      if (form === "reference" || form === "group" || entries.length !== 1 || !entry) return text;
      const own = people(entry).map((person) => person.family);
      const others = shortenedAlike(entry, all).filter((other) => !sameList(other, own));
      const year = yearOf(entry);
      const first = own[0];
      if (others.length === 0 || !year || !first) return text;
      const shortened = new RegExp(`^(\\(?)${quote(first)} et al\\.( \\(|, )${year}([a-z])\\b`);
      const match = shortened.exec(text);
      if (!match) return text;
      const count = namesNeeded(own, others);
      const and = form === "narrative" ? "and" : "&";
      // "et al." never stands for one name (§8.18): with one name left, all are written out.
      const names =
        count >= own.length - 1
          ? `${own.slice(0, -1).join(", ")}, ${and} ${own.at(-1) ?? ""}`
          : `${own.slice(0, count).join(", ")}, et al.`;
      // A letter stays only among works of the same authors; year-letters-by-title then orders them.
      const letter = sameAuthorAndYear(entry, all).length > 1 ? (match[3] ?? "") : "";
      return `${match[1] ?? ""}${names}${match[2] ?? ""}${year}${letter}${text.slice(match[0].length)}`;
    },
    accepts: (expected, site, { form, entries, all }) => {
      const [entry] = entries;
      const year = yearOf(entry);
      if (form === "reference" || form === "group" || entries.length !== 1 || !entry || !year) return false;
      const own = people(entry).map((person) => person.family);
      const shown = /^\(?(.+?), et al\.(?=,| \()/.exec(site)?.[1]?.split(", ") ?? [];
      const count = shown.length;
      if (count === 0 || count >= own.length - 1 || !sameList(shown, own.slice(0, count))) return false;
      // The names shown are a whole other list's: that work is cited without "et al.", this one with it.
      const others = shortenedAlike(entry, all).filter((other) => !sameList(other, own));
      if (!others.some((other) => other.length === count)) return false;
      if (others.some((other) => other.length !== count && sameList(other.slice(0, count), shown))) return false;
      const rest = (text: string) => text.slice(text.search(new RegExp(`(?:, | \\()${year}`)));
      return site.startsWith("(") === expected.startsWith("(") && rest(site) === rest(expected);
    },
  },
  {
    name: "year-letters-by-title",
    apa: "APA 7 §9.47: works by the same authors in the same year take letters in the order of their titles (A, An, The ignored); works with identical titles leave their order among themselves open.",
    rewrite: (text, { entries, all }) => {
      const [entry] = entries;
      if (entries.length !== 1 || !entry || !/\d{4}[a-z]\b/.test(text)) return text;
      const same = sameAuthorAndYear(entry, all);
      if (same.length < 2) return text;
      const order = same.map(sortTitle).sort((a, b) => a.localeCompare(b));
      const title = sortTitle(entry);
      if (order.indexOf(title) !== order.lastIndexOf(title)) return text;
      const letter = String.fromCharCode(97 + order.indexOf(title));
      return text.replace(/(\d{4})[a-z]\b/g, `$1${letter}`);
    },
    accepts: (expected, site, { entries, all }) => {
      const [entry] = entries;
      if (entries.length !== 1 || !entry) return false;
      const same = sameAuthorAndYear(entry, all);
      const order = same.map(sortTitle).sort((a, b) => a.localeCompare(b));
      const title = sortTitle(entry);
      const [first, last] = [order.indexOf(title), order.lastIndexOf(title)];
      if (same.length < 2 || first === last) return false;
      // Identical titles: any of their letters, on the year Pandoc printed with or without one.
      const letters = order
        .slice(first, last + 1)
        .map((_unused, index) => String.fromCharCode(97 + first + index))
        .join("");
      const pattern = (text: string) => text.replace(/(\d{4})[a-z]?\b/g, "$1").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return new RegExp(`^${pattern(expected).replace(/(\d{4})/g, `$1[${letters}]?`)}$`).test(site);
    },
  },
  {
    name: "special-issue-label",
    apa: 'APA 7 §10.1, Example 12: a special issue without editors is listed by its title with its label, "Title [Special issue]. (2011)."',
    rewrite: (text, { form, entries }) => {
      const [entry] = entries;
      if (form !== "reference" || entry?.type !== "periodical" || field(entry, "issuetitle") === undefined) return text;
      if (field(entry, "author") !== undefined || field(entry, "editor") !== undefined) return text;
      return text.replace(/\. \((\d{4})\)\./, " [Special issue]. ($1).");
    },
  },
  {
    name: "special-section-of-journal",
    apa: 'APA 7 §10.1, Example 12: "Editor, A. (Ed.). (2018). Title of the section [Special section]. Journal, 6(1), 51–104." — the section\'s title in sentence case, its label, then the journal.',
    rewrite: (text) => text,
    accepts: (expected, site, { form, entries }) => {
      const [entry] = entries;
      const label = field(entry, "issuetitle");
      const title = field(entry, "title");
      const journal = field(entry, "journaltitle");
      if (form !== "reference" || entry?.type !== "periodical" || !label || !title || !journal) return false;
      const written = expected.replace(
        `${plainText(label)}. ${plainText(title)}, `,
        `${plainText(title)} [${plainText(label)}]. ${plainText(journal)}, `,
      );
      return written !== expected && written.toLowerCase() === site.toLowerCase();
    },
  },
  {
    name: "volume-with-own-title",
    apa: 'APA 7 §10.2, Example 30: one volume of a multivolume work with its own title, "Title of the work: Vol. 1. Title of the volume".',
    rewrite: (text) => text,
    accepts: (expected, site, { form, entries, all }) => {
      const [entry] = entries;
      const parent = all.get(field(entry, "crossref") ?? "");
      const title = field(entry, "title");
      const part = field(entry, "part");
      const volume = `${field(entry, "volume") ?? field(parent, "volume") ?? ""}${part ? `.${part}` : ""}`;
      const main = field(entry, "maintitle") ?? (parent?.type.startsWith("mv") ? field(parent, "title") : undefined);
      if (form !== "reference" || !main || !title || !volume) return false;
      const quoted = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      // The site's "Work: Vol. 2. Own title" and Pandoc's "Work (…; Vol. 2)" both less the volume.
      const siteBare = site.replace(new RegExp(`: Vol\\. ${quoted(volume)}\\. ${quoted(plainText(title))}`, "i"), "");
      const pandocBare = expected
        .replace(`: Vol. ${volume}`, "")
        .replace(new RegExp(`(?:; |, )Vol\\. ${quoted(volume)}\\)`), ")")
        .replace(` (Vol. ${volume})`, "");
      return siteBare !== site && siteBare === pandocBare;
    },
  },
  {
    name: "original-date-of-related-edition",
    apa: 'APA 7 §10.2, Example 29 (republished book): "(Original work published 1959)" after the reference and "1959/1997" in the text (§8.15); biblatex\'s relatedtype = {origpubin} names the first edition, which Pandoc ignores.',
    rewrite: (text, { form, entries, all }) => {
      const [entry] = entries;
      const related = all.get(field(entry, "related") ?? "");
      if (field(entry, "relatedtype") !== "origpubin" || !related) return text;
      const original = yearOf(related);
      const year = yearOf(entry);
      if (!original || !year) return text;
      // The reference keeps the date of the edition read and ends with the original's (Example 29).
      if (form === "reference")
        return text.includes("(Original work published") ? text : `${text} (Original work published ${original})`;
      return text.replace(new RegExp(`\\b${year}\\b`), `${original}/${year}`);
    },
  },
  {
    name: "date-as-given",
    apa: 'APA 7 §9.14 and §10.1, Examples 15–17: a magazine or newspaper article, a blog post or any other work dated to the month or day is dated as it gives it, "(2018, September 15)"; Pandoc keeps only the year of these types.',
    rewrite: (text, { form, entries }) => {
      const [entry] = entries;
      const kind = `${entry?.type ?? ""} ${field(entry, "entrysubtype") ?? ""}`;
      if (form !== "reference" || !/\b(?:magazine|newspaper|misc|online)\b/.test(kind)) return text;
      const date = /^\d{4}-(\d{2})(?:-(\d{2}))?$/.exec(field(entry, "date") ?? "");
      const written = field(entry, "month") ?? "";
      const month = date
        ? Object.values(MONTHS)[Number(date[1]) - 1]
        : (MONTHS[written.slice(0, 3).toLowerCase()] ?? Object.values(MONTHS)[Number(written) - 1]);
      if (!month) return text;
      const day = date?.[2] === undefined ? field(entry, "day") : String(Number(date[2]));
      return text.replace(/\((\d{4}[a-z]?)\)/, `($1, ${month}${day ? ` ${day}` : ""})`);
    },
  },
  {
    name: "publisher-same-as-author",
    apa: "APA 7 §10.2, Example 32 and §9.29: when the group author is also the publisher, the publisher is omitted.",
    rewrite: (text, { form }) => {
      const author = /^([^.,()]+)\. \(/.exec(text)?.[1];
      return form === "reference" && author ? text.replace(`). ${author}. `, "). ") : text;
    },
  },
  {
    name: "report-number-label",
    apa: 'APA 7 §10.4 (reports): the number follows its label, "(Report No. 123)"; Pandoc writes a report type without "No.", and a label the data writes with the number ("no. 92") in lower case.',
    rewrite: (text, { form, entries }) => {
      const number = field(entries[0], "number");
      if (form !== "reference" || !number) return text;
      // A number written with its label in the data ("no. 92", JabRef's export) takes APA's "No.".
      const labelled = /^no\.\s*(\S.*)$/i.exec(number.trim());
      if (labelled) return text.replace(`no. ${labelled[1]}`, `No. ${labelled[1]}`);
      return text.replace(
        new RegExp(`(\\((?:Research|Technical) Report) (${number.replace(/[-.]/g, "\\$&")})\\)`),
        "$1 No. $2)",
      );
    },
  },
  {
    name: "acronyms-in-cited-titles",
    apa: 'APA 7 §8.14 and APA Style, "Title case capitalization": a work cited by its title keeps a term written in capitals (3D) as it is; Pandoc\'s title casing lowers it to "3d".',
    rewrite: (text, { form, entries }) => {
      if (form === "reference" || !text.includes('"')) return text;
      let fixed = text;
      const titles = `${field(entries[0], "title") ?? ""} ${field(entries[0], "issuetitle") ?? ""}`;
      for (const word of plainText(titles).split(/\s+/))
        if (/\p{Lu}.*\p{Lu}|\d\p{Lu}/u.test(word))
          fixed = fixed.replace(
            new RegExp(`\\b${word.replace(/[^\p{L}\p{N}]/gu, "")}\\b`, "i"),
            word.replace(/[^\p{L}\p{N}]/gu, ""),
          );
      return fixed;
    },
  },
  {
    name: "url-as-parsed",
    apa: "APA 7 §9.35: a URL is given as a working link; the site writes each address as the URL Standard (WHATWG) serialises it, the same address (http://www.ctan.org/ for http://www.ctan.org).",
    rewrite: (text, { form }) =>
      form === "reference"
        ? text.replace(/https?:\/\/\S+?(?=[.,;]?(?:\s|$))/g, (url) => {
            // A DOI is printed as text after https://doi.org/, not as a parsed address.
            if (url.startsWith("https://doi.org/")) return url;
            try {
              // An address is verbatim in biblatex; "\_" and "\#" are TeX's escapes for "_" and "#" (§9.35: a working link).
              return new URL(url.replace(/\\([_#%&~$])/g, "$1")).href;
            } catch {
              return url;
            }
          })
        : text,
  },
  {
    name: "particle-as-written",
    apa: 'APA Style, "Names with particles" (APA 7 §9.8, names as their bearers write them; biblatex-apa sets useprefix=true): "de Vargas, C.", cited "de Vargas"; Pandoc, following biblatex\'s useprefix=false, moves a lower-case particle after the initials ("Vargas, C. de").',
    rewrite: (text, { form, entries }) => {
      const [entry] = entries;
      if (!entry || /useprefix\s*=\s*false/i.test(field(entry, "options") ?? "")) return text;
      let fixed = text;
      for (const { particle, family } of particles(entry)) {
        const name = quote(family);
        if (form === "reference") {
          fixed = fixed
            .replace(
              new RegExp(`${name}, ((?:\\S+\\.[ -]?)+?) ${quote(particle)}\\.(?= \\()`),
              `${joined(particle, family)}, $1`,
            )
            .replace(
              new RegExp(`${name}, ((?:\\S+\\.[ -]?)+?) ${quote(particle)}(?=,| &)`),
              `${joined(particle, family)}, $1`,
            );
        } else {
          // In the text the name stands before its year: only the author part is rewritten.
          const year = fixed.search(/\d{4}|n\.d\.|in press/);
          const head = year === -1 ? fixed : fixed.slice(0, year);
          // A family name already after a lower-case word carries its particle (Pandoc kept it).
          // ("and" before the last name of a narrative citation is no particle.)
          const bare = new RegExp(`(^|[(\\s,])(?<![\\p{Ll}'’] )${name}(?=[\\s,)])|(?<=\\band )${name}(?=[\\s,)])`, "u");
          fixed = `${head.replace(bare, `$1${joined(particle, family)}`)}${fixed.slice(head.length)}`;
        }
      }
      return fixed;
    },
  },
  {
    name: "capital-after-colon",
    apa: 'APA 7 §6.17 (sentence case) and APA Style, "Sentence case capitalization": in a title, capitalise the first word after a colon, after a question or exclamation mark that ends a sentence, and after a period that ends one on a number (a proceedings\' "…, June 17-21, 2013. Proceedings"); Pandoc leaves it as written.',
    rewrite: (text, { form, entries }) => {
      const language = (field(entries[0], "langid") ?? field(entries[0], "language") ?? "english").toLowerCase();
      if (form !== "reference" || !/^(?:en|english|american|british)/.test(language)) return text;
      let fixed = text;
      const title = field(entries[0], "title");
      // Only inside the title as Pandoc printed it: found by its words, whatever their case.
      const plain = plainText(title ?? "").replace(/\$[^$]*\$/g, "");
      const start = fixed.toLowerCase().indexOf(plain.slice(0, 20).toLowerCase());
      if (start !== -1 && plain.length >= 8) {
        const end = start + plain.length;
        const inner = fixed
          .slice(start, end)
          .replace(/([:?!]\s+)(\p{Ll})/gu, (_all, lead: string, letter: string) => lead + letter.toUpperCase());
        fixed = `${fixed.slice(0, start)}${inner}${fixed.slice(end)}`;
      }
      // A book's title ending a sentence on a number, "…, 2013. proceedings": the word after it capitalised.
      for (const [, sentence = "", word = ""] of plainText(field(entries[0], "booktitle") ?? "").matchAll(
        /(\d\.\s+)(\p{L}+)/gu,
      ))
        fixed = fixed.replace(
          new RegExp(`(${quote(sentence)})${quote(word.toLowerCase())}\\b`, "u"),
          `$1${word.charAt(0).toUpperCase()}${word.slice(1).toLowerCase()}`,
        );
      return fixed;
    },
  },
  {
    name: "double-quotes-in-titles",
    apa: "APA 7 §6.7: quotation marks are double; single ones only inside double ones. A reference's title is not in quotation marks, so a quotation in it takes double marks; Pandoc writes single ones.",
    rewrite: (text, { form }) =>
      form === "reference" ? text.replace(/(^|[\s(])'([^']+?)'(?=[\s.,;:)]|$)/g, '$1"$2"') : text,
  },
  {
    name: "punctuation-inside-quotes",
    apa: 'APA Style, "Punctuation" (https://apastyle.apa.org/style-grammar-guidelines/punctuation): American punctuation, a period or comma inside closing quotation marks.',
    rewrite: (text, { form }) => (form === "reference" ? text.replace(/"([.,])(\s|$)/g, '$1"$2') : text),
  },
  {
    name: "roman-numerals-kept",
    apa: 'APA 7 §6.17 (sentence case keeps what is capitalised in its own right) and §6.32 ("Type II error"): a Roman numeral is written in capitals, "Part I"; Pandoc\'s sentence case lowers it ("Part i").',
    rewrite: (text, { form, entries }) => {
      if (form !== "reference") return text;
      const titles = ["title", "subtitle", "booktitle", "maintitle"].map((name) => field(entries[0], name) ?? "");
      let fixed = text;
      for (const word of new Set(plainText(titles.join(" ")).split(/[\s:;,.()]+/)))
        if (/^(?=[IVX]{1,4}$)X{0,3}(?:IX|IV|V?I{0,3})$/.test(word) && word !== "I")
          fixed = fixed.replace(new RegExp(`(?<=\\s)${word.toLowerCase()}(?=[.:,;)]?(?:\\s|$))`, "g"), word);
      // "I" alone is a numeral after a word it numbers ("Part I", "membrane I"), never the pronoun there.
      const numbered = /\b(?:[Pp]art|[Pp]aper|[Vv]ol(?:ume)?|[Tt]ype|[Pp]hase|[Ss]tage)\s+I\b|\w\s+I(?:[.:]|$)/;
      if (titles.some((title) => numbered.test(plainText(title))))
        fixed = fixed.replace(/(?<=\p{L}\s)i(?=[.:]?(?:\s|$))/gu, "I");
      return fixed;
    },
  },
  {
    name: "initials-for-shared-surnames",
    apa: "APA 7 §8.20: when first authors of different references share a surname but not their initials, every in-text citation of them gives the first author's initials (and only then); Pandoc's citeproc adds them only where two citations would read alike.",
    rewrite: (text, { form, entries, all }) => {
      const [entry] = entries;
      if (form === "reference" || form === "group" || !entry) return text;
      const surname = citedSurname(entry);
      const [first] = people(entry);
      if (!surname || !first) return text;
      const shared = (initialsBySurname(all).get(surname.toLowerCase())?.size ?? 0) > 1;
      const written = initials(first.given, { capitalsAsInitials: false });
      const name = quote(surname);
      const withInitials = new RegExp(`((?:^|\\()\\s*)(?:\\p{Lu}\\.[ -]?)+ ?(${name})(?=[\\s,)])`, "u");
      const bare = new RegExp(`((?:^|\\()\\s*)(${name})(?=[\\s,)])`, "u");
      if (!shared) return text.replace(withInitials, "$1$2");
      if (withInitials.test(text) || !written) return text;
      return text.replace(bare, `$1${written} $2`);
    },
  },
  {
    name: "et-al-never-one-name",
    apa: 'APA 7 §8.18: names are added to tell works apart, then "et al."; but "et al." is plural ("and others") and cannot stand for one name, so when only the final name is left it is written out, "(Danaher, Schoepp, & Rhodes, 2018)". Pandoc\'s citeproc writes "(Garrido, Gustafsson, et al., 2011)" for three authors.',
    rewrite: (text, { form, entries }) => {
      const [entry] = entries;
      if (form === "reference" || form === "group" || entries.length !== 1 || !entry) return text;
      const names = people(entry);
      if (
        names.length < 3 ||
        names.some((person) => person.literal) ||
        /\band\s+others\s*$/.test(field(entry, "author") ?? "")
      )
        return text;
      const families = names.map((person) => person.family);
      const head = families.slice(0, -1).join(", ");
      const last = families.at(-1) ?? "";
      return text.replace(`${head}, et al.`, `${head}, ${form === "narrative" ? "and" : "&"} ${last}`);
    },
  },
  {
    name: "unpublished-manuscript-label",
    apa: "APA 7 §10.8: an unpublished manuscript (biblatex's @unpublished, not available online) is described in square brackets after its title, \"Title [Unpublished manuscript].\"; Pandoc's apa.csl prints the title alone.",
    rewrite: (text, { form, entries }) => {
      const [entry] = entries;
      if (form !== "reference" || entries.length !== 1 || entry?.type !== "unpublished") return text;
      const elsewhere = [
        "url",
        "doi",
        "eprint",
        "howpublished",
        "journal",
        "journaltitle",
        "booktitle",
        "publisher",
        "institution",
      ];
      if (elsewhere.some((name) => field(entry, name) !== undefined) || /\[[^\]]+\]/.test(text)) return text;
      const title = plainText(field(entry, "title") ?? "");
      const start = text.toLowerCase().indexOf(title.toLowerCase());
      if (title === "" || start === -1) return text;
      const end = start + title.length;
      return `${text.slice(0, end)} [Unpublished manuscript]${text.slice(end)}`;
    },
  },
  {
    name: "english-named-in-another-language",
    apa: "APA 7 §6.17: an English title is in sentence case. Better BibTeX writes the language as the exporter's Zotero names it (\"langid = {anglais}\" from a French one), which Pandoc does not read as English, so it leaves the title in title case (checked, not written: the site's text is Pandoc's with capitals lowered, nothing else changed).",
    rewrite: (text) => text,
    accepts: (expected, site, { form, entries }) => {
      const [entry] = entries;
      const language = (field(entry, "langid") ?? field(entry, "language") ?? "").toLowerCase();
      if (
        form !== "reference" ||
        entries.length !== 1 ||
        !inEnglish(entry) ||
        /^(?:en\b|english|american|british)/.test(language) ||
        language === ""
      )
        return false;
      if (site.length !== expected.length || site === expected) return false;
      return [...site].every(
        (character, at) => character === expected[at] || character === expected[at]?.toLowerCase(),
      );
    },
  },
  {
    name: "one-capital-names-kept",
    apa: 'APA 7 §6.17 (sentence case keeps proper nouns and symbols as written): a word of one capital letter, alone or with "#", "++" or digits, names a language or a symbol ("An R package", "F#", "C++11", "P values"); Pandoc\'s sentence case lowers it ("an r package", "c++11").',
    rewrite: (text, { form, entries }) => {
      const [entry] = entries;
      const title = field(entry, "title");
      if (form !== "reference" || entries.length !== 1 || title === undefined || !inEnglish(entry)) return text;
      let fixed = text;
      // Not the article "A" or the pronoun "I", and not the title's first word (sentence case capitalises it).
      for (const match of plainText(title).matchAll(
        /(?<=[\s(])([B-HJ-Z](?:#|\+\+)?\d*|A(?:#|\+\+|\d+))(?=[\s,.:;?!)]|$)/gu,
      )) {
        const word = match[1] ?? "";
        fixed = fixed.replace(new RegExp(`(?<=[\\s(])${quote(word.toLowerCase())}(?=[\\s,.:;?!)])`), word);
      }
      return fixed;
    },
  },
  {
    name: "no-sentence-end-after-abbreviation",
    apa: 'APA 7 §6.17 (sentence case: the first word of the title and of a subtitle, and proper nouns) and §6.29 ("vs.", "e.g.", "i.e.", "cf." are abbreviations, not the end of a sentence): "high power vs. high energy"; Pandoc\'s sentence case takes the period for a sentence\'s end and keeps the next word\'s capital ("vs. High energy").',
    rewrite: (text, { form, entries }) => {
      const title = field(entries[0], "title");
      if (form !== "reference" || entries.length !== 1 || title === undefined || !inEnglish(entries[0])) return text;
      // Only where the title is written in title case, so that its words were lowered by sentence case.
      const words = plainText(title).split(/\s+/);
      if (words.filter((word) => /^\p{Lu}\p{Ll}+$/u.test(word)).length < words.length / 2) return text;
      return text.replace(
        /(\b(?:vs|e\.g|i\.e|cf)\. )(\p{Lu})(?=\p{Ll}+\b)/gu,
        (_all, lead: string, letter: string) => lead + letter.toLowerCase(),
      );
    },
  },
  {
    name: "year-range-with-dash",
    apa: 'APA 7 §9.13 (date element) and §10.2, Example 30 (multivolume work): a work published over several years is dated by its first and last years joined by an en dash, "(1957–1990)"; Pandoc prints biblatex\'s interval as written, "1957/1990", the form APA keeps for an original and a republished date (§8.15).',
    rewrite: (text, { entries }) => {
      const range = /^(\d{4})\/(\d{4})$/.exec((field(entries[0], "date") ?? field(entries[0], "year") ?? "").trim());
      return entries.length === 1 && range
        ? text.replaceAll(`${range[1]}/${range[2]}`, `${range[1]}–${range[2]}`)
        : text;
    },
  },
  {
    name: "issue-range-with-dash",
    apa: 'APA 7 §6.6 (an en dash joins the ends of a numerical range) and §9.25 (the issue number after the volume): a double issue is "83(2–3)"; Pandoc prints a hyphen as the data writes it ("number = {2-3}", nilearn), where a doubled one ("2--3") gives it the dash.',
    rewrite: (text, { form, entries }) => {
      const range = /^(\d+)-(\d+)$/.exec((field(entries[0], "number") ?? field(entries[0], "issue") ?? "").trim());
      return form === "reference" && entries.length === 1 && range
        ? text.replace(`(${range[1]}-${range[2]})`, `(${range[1]}–${range[2]})`)
        : text;
    },
  },
  {
    name: "standard-cited-by-its-body",
    apa: "APA 7 §9.11 and §8.17 (a group author is cited by its name): a standard is authored by the body that issued it, \"(International Organization for Standardization, 2018)\"; Pandoc's apa.csl drops the author of biblatex's @standard and cites it by its title.",
    rewrite: (text, { form, entries }) => {
      const [entry] = entries;
      const body = field(entry, "author");
      if (form === "reference" || entries.length !== 1 || entry?.type !== "standard" || !body) return text;
      const name = plainText(body);
      // Pandoc's narrative citation of a work without author is its parenthetical one.
      const year = /(\d{4}[a-z]?|n\.d\.)\)?$/.exec(text)?.[1];
      if (form === "narrative") return year ? `${name} (${year})` : text;
      return text.replace(/^\(.+?, (\d{4}[a-z]?|n\.d\.)/, `(${name}, $1`);
    },
  },
  {
    name: "title-in-text-with-subtitle",
    apa: "APA 7 §8.14: a work without an author is cited by its title in title case; the title is shortened only where it is long, so the whole title, subtitle too, is APA's form. Pandoc cites the part before the colon.",
    rewrite: (text) => text,
    accepts: (expected, site, { form, entries }) => {
      const [entry] = entries;
      if (form === "reference" || form === "group" || entries.length !== 1 || !entry) return false;
      if (field(entry, "author") !== undefined || field(entry, "editor") !== undefined) return false;
      if (!(field(entry, "title") ?? "").includes(":")) return false;
      const shortened = site.replace(/ ?: [^()]*?(?=,? \(?(?:\d{4}[a-z]?|n\.d\.)(?:[,)]|$))/, "");
      return shortened !== site && shortened === expected.replace(/ ,/g, ",");
    },
  },
  {
    name: "issue-without-volume",
    apa: 'APA Style, "Journal article references", Example 3 (missing volume number): "The Journal of College Admission, (231), 44–45." The issue keeps its parentheses without a volume; the apa.csl Pandoc bundles (2022) prints it bare (fixed in apa.csl since, citation-style-language/styles#7510).',
    rewrite: (text, { form, entries }) => {
      const [entry] = entries;
      const issue = field(entry, "number") ?? field(entry, "issue");
      if (form !== "reference" || entry?.type.toLowerCase() !== "article" || !issue || field(entry, "volume"))
        return text;
      const journal = plainText(field(entry, "journaltitle") ?? field(entry, "journal") ?? "");
      const from = Math.max(0, text.toLowerCase().indexOf(journal.toLowerCase()));
      const tail = text
        .slice(from)
        .replace(new RegExp(`, ${quote(plainText(issue))}(?=, |\\.(?:\\s|$))`), `, (${plainText(issue)})`);
      return `${text.slice(0, from)}${tail}`;
    },
  },
  {
    name: "title-as-written-in-its-language",
    apa: 'APA 7 §9.38 (works in another language: the title as the work gives it) and §6.17 (sentence and title case are rules of English titles, cited in the text too, §8.14); biblatex changes the case of English titles only (langid). Pandoc capitalises a Russian title after its abbreviations\' periods ("дис. ... канд." as "Дис. ... Канд.") and lowers its proper nouns.',
    rewrite: (text, { form, entries }) => {
      const [entry] = entries;
      const language = (field(entry, "langid") ?? field(entry, "language") ?? "english").toLowerCase();
      const title = field(entry, "title");
      if (!title || entries.length !== 1 || /^(?:en|eng|english|american|british|usenglish|ukenglish)$/.test(language))
        return text;
      const written = plainText(title.replace(/\\,/g, " "));
      if (form === "reference") return text.replace(new RegExp(quote(written).replace(/\s+/g, "\\s+"), "iu"), written);
      // Cited by its title (§8.14): title case is English's too, so each word stands as the title writes it.
      const words = new Map(written.split(/[^\p{L}\p{N}]+/u).map((word) => [word.toLowerCase(), word]));
      return text.replace(/[\p{L}\p{N}]+/gu, (word) => words.get(word.toLowerCase()) ?? word);
    },
  },
  {
    name: "tex-math-as-symbols",
    apa: 'APA 7 §6.45 (mathematical copy: symbols, spaced as words around operators, "a + b = c") and §9.19 (a reference prints words, not markup): Pandoc writes a formula it cannot set in text, "$\\sqrt{s} = 13\\,\\text{TeV}$", as its TeX source.',
    rewrite: (text) =>
      text.replace(/\$([^$]+)\$/g, (_all, tex: string) =>
        tex
          .replace(
            /\\sqrt\s*(?:\{([^{}]*)\}|(\w))/g,
            (_root, braced?: string, bare?: string) => `√${braced ?? bare ?? ""}`,
          )
          .replace(/\\(?:text|mathrm)\s*\{([^{}]*)\}/g, "$1")
          .replace(/\\[,;: ]|~/g, " ")
          .replace(/\s*=\s*/g, " = ")
          .replace(/\s+/g, " ")
          .trim(),
      ),
  },
  {
    name: "grouped-citation-in-reference-order",
    apa: 'APA 7 §8.12: works cited together are each cited as alone, in the order of the reference list, separated by semicolons; works of the same authors give the names once and the years in order, "(Bunge, 1973, 1976)". Pandoc orders by its sort keys (given names spelled out) and joins only neighbours.',
    rewrite: (text, { form, entries, alone }) => {
      if (form !== "group" || !alone || entries.length < 2) return text;
      const ordered = [...entries].sort(referenceOrder);
      const parts = ordered.map((entry) => (alone.get(entry.key) ?? "").replace(/^\((.*)\)$/, "$1"));
      if (parts.some((part) => part === "")) return text;
      // Neighbours the text names alike are one author's works: the name once, the years in order.
      const runs: Array<{ author: string; years: string[] }> = [];
      for (const part of parts) {
        const at = part.search(/, (?:\d{4}|n\.d\.|in press)/);
        const author = at === -1 ? part : part.slice(0, at);
        const run = runs.at(-1);
        if (at !== -1 && run && run.author === author) run.years.push(part.slice(at + 2));
        else runs.push({ author, years: at === -1 ? [] : [part.slice(at + 2)] });
      }
      const rank = (year: string) => year.replace(/^n\.d\./, "0000").replace(/^in press/, "9999");
      return `(${runs
        .map(({ author, years }) => [author, ...years.sort((a, b) => rank(a).localeCompare(rank(b)))].join(", "))
        .join("; ")})`;
    },
  },
];

const MONTHS: Record<string, string> = {
  jan: "January",
  feb: "February",
  mar: "March",
  apr: "April",
  may: "May",
  jun: "June",
  jul: "July",
  aug: "August",
  sep: "September",
  oct: "October",
  nov: "November",
  dec: "December",
};
