import { type Entry, FieldMode, parse } from "@retorquere/bibtex-parser";
import { location } from "vfile-location";
import type { ContentProblem } from "../content/content-error.ts";
import { bracketDepthProblem } from "../content/content-limits.ts";
import { biblatexEntryToCsl } from "./biblatex-to-csl.ts";
import type { CslItem } from "./citation-js.ts";
import { isBracedWhole, rawEntries } from "./raw-bibtex.ts";
import { mathSpacedForParser } from "./tex-math-text.ts";

/** What a BibTeX/BibLaTeX file holds: CSL-JSON items, each key's line, and every problem found. */
export interface BibtexReading {
  items: CslItem[];
  /** 1-based line of each entry's `@type{key,`. */
  lines: Map<string, number>;
  problems: ContentProblem[];
  /** Keys of entries that could not be read in full (their other problems would only be echoes). */
  unreadable: Set<string>;
}

/** A function from character offset to 1-based line, built once per file (vfile-location's index). */
export function lineIndex(source: string): (offset: number) => number {
  const place = location(source);
  return (offset) => place.toPoint(offset)?.line ?? 1;
}

// Commands that carry text the reader does not know: the words they print, or nothing when they only format.
const COMMAND_TEXT: Record<string, string> = {
  TeX: "TeX",
  LaTeX: "LaTeX",
  LaTeXe: "LaTeX2e",
  BibTeX: "BibTeX",
  XeTeX: "XeTeX",
  ConTeXt: "ConTeXt",
  hyphen: "-",
  hyphenation: "",
  nopp: "",
  adddot: ".",
  addcomma: ",",
  addspace: " ",
  addnbspace: "\u00a0",
  textendash: "–",
  textemdash: "—",
  // apacite's words for a missing date and a work in press.
  bibnodate: "n.d.",
  BIP: "in press",
};

function unsupported(node: { type: string; content?: unknown }, tex: string): string {
  if (node.type === "macro" && typeof node.content === "string") {
    const known = COMMAND_TEXT[node.content];
    if (known !== undefined) return known;
  }
  // Anything else: keep the text inside its braces, drop the command itself.
  const inner = /\{([^{}]*)\}/.exec(tex)?.[1];
  return inner ?? "";
}

// LaTeX's old text encoding prints < and > as ¡ and ¿, which no one exporting a bibliography means:
// they are set aside before parsing and put back as themselves.
const LESS = "\ue000";
const GREATER = "\ue001";

const QUOTE_COMMAND = /\\(?:enquote\*?|mkbibquote)\s*\{/g;

/**
 * `\enquote{...}`, `\enquote*{...}` (csquotes' inner quotes) and `\mkbibquote{...}` as quotation marks
 * around plain text. Which marks is the formatter's choice, as APA's: double, and single inside a
 * title that is itself in double quotes. The parser would protect the quoted words from title case.
 */
export function quotesAsText(source: string): string {
  let result = "";
  let from = 0;
  for (const match of source.matchAll(QUOTE_COMMAND)) {
    if (match.index < from) continue;
    const open = match.index + match[0].length;
    let depth = 1;
    let at = open;
    for (; at < source.length && depth > 0; at += 1) {
      const char = source[at];
      if (char === "\\") at += 1;
      else if (char === "{") depth += 1;
      else if (char === "}") depth -= 1;
    }
    // An unclosed argument is left to the parser, which reports it with its line.
    if (depth > 0) break;
    result += `${source.slice(from, match.index)}\u201c${quotesAsText(source.slice(open, at - 1))}\u201d`;
    from = at;
  }
  return result + source.slice(from);
}

// The TeX logos as the words they print: the parser sets \LaTeX in raised and lowered letters
// ("LᴬT<sub>E</sub>X") and eats the space a following "\ " keeps; a reference prints the word. As in
// TeX, a space after the command is eaten ("The \TeX book" is "The TeXbook"), "\ " and "{}" are not.
const LOGOS = /\\(LaTeXe|LaTeX|BibTeX|XeTeX|TeX)(?![A-Za-z])(?:\{\}|(\\ )|\s*)/g;
const LOGO_TEXT: Record<string, string> = {
  LaTeXe: "LaTeX2e",
  LaTeX: "LaTeX",
  BibTeX: "BibTeX",
  XeTeX: "XeTeX",
  TeX: "TeX",
};

/** The text as the parser should see it: formulas spaced, quote commands as quotation marks, starred quote commands as plain ones, < and > set aside. */
function prepared(source: string): string {
  return quotesAsText(mathSpacedForParser(source))
    .replace(LOGOS, (_all, name: string, space?: string) => `{${LOGO_TEXT[name] ?? name}}${space ? " " : ""}`)
    .replace(/\\(textquote)\*/g, "\\$1")
    .replaceAll("<", LESS)
    .replaceAll(">", GREATER);
}

function restored<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll(LESS, "<").replaceAll(GREATER, ">") as T;
  if (Array.isArray(value)) return value.map(restored) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, restored(inner)])) as T;
  return value;
}

const TITLE_FIELDS = ["title", "subtitle", "booktitle", "maintitle", "journaltitle", "journal"];

const INHERITED = [
  "date",
  "year",
  "month",
  "publisher",
  "location",
  "address",
  "edition",
  "volumes",
  "institution",
  "organization",
  "editor",
  "langid",
];

interface KeyPosition {
  key: string;
  line: number;
  offset: number;
}

function entryPositions(source: string): KeyPosition[] {
  const lineAt = lineIndex(source);
  const positions: KeyPosition[] = [];
  // An entry starts a line; "%@article{...}" is an entry commented out, as biber and Pandoc read it.
  for (const match of source.matchAll(/^[ \t]*@(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,/gm)) {
    if (/^(comment|preamble|string)$/i.test(match[1] ?? "")) continue;
    const offset = match.index + match[0].indexOf("@");
    positions.push({ key: match[2] ?? "", line: lineAt(offset), offset });
  }
  return positions;
}

function entryAt(positions: readonly KeyPosition[], line: number): KeyPosition | undefined {
  let found: KeyPosition | undefined;
  for (const position of positions) if (position.line <= line) found = position;
  return found;
}

/** A word with a capital after its first letter and a lower-case letter: "FPGAs", "MHz", "BPEL4Chor", "iPhone". */
function isMixedCase(word: string): boolean {
  return /\p{Lu}/u.test(word.slice(1)) && /\p{Ll}/u.test(word);
}

/**
 * A designation of capitals and digits joined by "/", "-" or "." with two capitals or more: "GB/T",
 * "ISO/IEC", "COVID-19", "U.S.A". An acronym keeps its capitals (APA 7, 6.25), yet sentence casing
 * reads "GB/T" at a title's start as a word to capitalise and prints "Gb/T".
 */
function isAcronym(word: string): boolean {
  return /^[\p{Lu}\p{N}]+(?:[/.-][\p{Lu}\p{N}]+)+$/u.test(word) && (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

const JOINED_WORD = /[\p{L}\p{N}]+(?:[/.-][\p{L}\p{N}]+)+/gu;

/**
 * The words of a title whose capitals sentence casing must not lower: mixed-case words and acronyms.
 * A title written all in capitals ("DEEP LEARNING FOR X-RAY IMAGES") tells no acronym from a word,
 * so sentence casing lowers it whole.
 */
export function wordsKeepingCapitals(title: string): string[] {
  const words = (title.match(/[\p{L}\p{N}]+/gu) ?? []).filter(isMixedCase);
  const acronyms = (title.match(JOINED_WORD) ?? []).filter(isAcronym);
  const rest = title.replace(JOINED_WORD, (word) => (isAcronym(word) ? " " : word));
  const inCapitals = !/\p{Ll}/u.test(rest) && /\p{Lu}\p{Lu}/u.test(rest);
  return inCapitals ? words : [...words, ...acronyms];
}

/**
 * Sentence case lowers a word written with capitals inside it ("FPGAs" to "fpgas", "MHz" to "mhz",
 * "GB/T" to "Gb/T"), though such a word is an acronym, its plural, a unit or a name that keeps its
 * capitals (APA 7, 6.17, 6.25); Pandoc leaves it as written. The field gets each such word back as
 * the .bib file writes it.
 */
function keepMixedCase(fields: Record<string, unknown>, name: string, words: readonly string[]): void {
  let value = fields[name];
  if (typeof value !== "string") return;
  for (const word of new Set(words)) {
    const escaped = word.replaceAll(".", "\\.");
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "giu");
    value = (value as string).replace(pattern, (found) =>
      isAcronym(word) || found === found.toLowerCase() || found === capitalised(word) ? word : found,
    );
  }
  fields[name] = value;
}

const capitalised = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1).toLowerCase()}`;

/** Reads BibTeX/BibLaTeX as reference managers and LaTeX users write it, collecting every problem. */
export function readBibtex(file: string, source: string): BibtexReading {
  const problems: ContentProblem[] = [];
  // Braces nested thousands deep overflow the parser's stack: measured before it runs.
  const tooDeep = bracketDepthProblem(file, source, "{}");
  if (tooDeep) return { items: [], lines: new Map(), problems: [tooDeep], unreadable: new Set() };
  const positions = entryPositions(source);
  const lines = new Map<string, number>();
  for (const { key, line } of positions) {
    const earlier = lines.get(key);
    if (earlier !== undefined) {
      problems.push({
        file,
        line,
        problem: `the citation key "${key}" is used twice (first on line ${earlier}).`,
        fix: "give one of the two entries another key, or delete the duplicate entry.",
      });
    } else lines.set(key, line);
  }

  const options = {
    applyCrossRef: true,
    unsupported,
    // Dates are EDTF, not TeX: "-0349~" (circa) must keep its "~", which TeX would read as a space.
    verbatimFields: [...FieldMode.verbatim, "date", "origdate", "urldate", "eventdate"],
    // Sentence case is English's: a work whose `language` says Russian keeps its title as written
    // ("дис. ... канд. юрид. наук", "Гос. Думой"), as biblatex does for a langid other than English.
    languageAsLangid: true,
  };
  // APA capitalises the first word after a colon; a title already in sentence case is left alone.
  const library = parse(prepared(source), {
    ...options,
    sentenceCase: { subSentence: true, guess: false, preserveQuoted: true },
  });
  // A title braced whole ({{Title}}, "{Title}") is protected, as BibTeX and Pandoc read it: printed as
  // written, since no word of it can be told to be lowered (the bibliography lint says so).
  const bracedWhole = new Map<string, string[]>();
  const mixedCase = new Map<string, string[]>();
  for (const entry of rawEntries(source)) {
    const words = entry.fields
      .filter((field) => TITLE_FIELDS.includes(field.name))
      .flatMap((field) => wordsKeepingCapitals(field.value));
    if (words.length > 0) mixedCase.set(entry.key, words);
    // A @periodical's title is the journal's name, which is printed as written too (APA 7, 9.25).
    const names = entry.fields.filter(
      (field) =>
        TITLE_FIELDS.includes(field.name) &&
        (isBracedWhole(field.value) || (entry.type === "periodical" && field.name === "title")),
    );
    if (names.length > 0)
      bracedWhole.set(
        entry.key,
        names.map((field) => field.name),
      );
  }
  if (bracedWhole.size > 0) {
    const asWritten = new Map(
      parse(prepared(source), { ...options, sentenceCase: false }).entries.map((entry) => [entry.key, entry]),
    );
    for (const entry of library.entries) {
      const written = asWritten.get(entry.key);
      for (const name of bracedWhole.get(entry.key) ?? []) {
        const value = (written?.fields as Record<string, unknown> | undefined)?.[name];
        // Kept in a nocase span, as the parser keeps a braced word: the first word is not capitalised
        // either ({{starry: Analytic ...}}, {{pyhf: a ...}}), since the braces say "as written".
        if (typeof value === "string")
          (entry.fields as Record<string, unknown>)[name] = `<span class="nocase">${value}</span>`;
      }
    }
  }
  for (const entry of library.entries) {
    const words = mixedCase.get(entry.key);
    if (words) for (const name of TITLE_FIELDS) keepMixedCase(entry.fields as Record<string, unknown>, name, words);
  }
  const lineAt = lineIndex(source);
  const unreadable = new Set<string>();
  for (const error of library.errors) {
    const message = error.error;
    // A name with too many commas (a list joined by commas, not "and") is read as far as it goes;
    // the bibliography lint warns about it with its line and fix (lint-bibliography.ts).
    if (/unexpected \d+-part name/.test(message)) continue;
    const atLine = /at line (\d+)/.exec(message)?.[1];
    const unresolved = /Unresolved @string reference "([^"]+)"/.exec(message)?.[1];
    let line = atLine === undefined ? undefined : Number(atLine);
    if (line === undefined && unresolved !== undefined) {
      const use = new RegExp(
        String.raw`(?:=|#)\s*${unresolved.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\s*(?:[,#}]|$)`,
        "im",
      ).exec(source);
      if (use) line = lineAt(use.index);
    }
    const entry = line === undefined ? undefined : entryAt(positions, line);
    if (entry) unreadable.add(entry.key);
    const inEntry = entry ? ` in the entry "${entry.key}"` : "";
    if (unresolved !== undefined) {
      problems.push({
        file,
        line,
        problem: `the value ${unresolved}${inEntry} is neither a number, a {braced} or "quoted" text, nor a @string defined in the file.`,
        fix: `put the value in braces ({${unresolved}}), or define it with @string{${unresolved} = {...}} above the entry.`,
      });
      continue;
    }
    problems.push({
      file,
      line,
      problem: `the BibTeX cannot be read${inEntry}: ${message.replace(/ at line \d+, column \d+.*$/s, "")}.`,
      fix: "check the braces, commas and quotes of that entry: every field is name = {value}, fields are separated by commas, and the entry ends with }. Re-exporting from Zotero or JabRef gives valid BibTeX.",
    });
  }

  const keys = new Set(library.entries.map((entry) => entry.key));
  const byKey = new Map(library.entries.map((entry) => [entry.key, entry]));
  const items: CslItem[] = [];
  for (const entry of library.entries as Entry[]) {
    // @xdata only lends fields; an @set groups entries that are listed on their own.
    if (entry.type.toLowerCase() === "xdata" || entry.type.toLowerCase() === "set") continue;
    // biblatex inherits every field from a crossref'd entry; the parser leaves out a few APA prints.
    const parent = entry.fields["crossref"] === undefined ? undefined : byKey.get(entry.fields["crossref"]);
    if (parent) {
      for (const name of INHERITED) {
        const value = (parent.fields as Record<string, unknown>)[name];
        if (value !== undefined && !(name in entry.fields)) (entry.fields as Record<string, unknown>)[name] = value;
      }
    }
    // biblatex's xdata: the named @xdata entries lend every field the entry does not set itself.
    for (const parent of (entry.fields["xdata"] ?? "").split(",").map((value) => value.trim())) {
      const donor = byKey.get(parent);
      if (!donor) continue;
      for (const [name, value] of Object.entries(donor.fields)) {
        if (!(name in entry.fields)) (entry.fields as Record<string, unknown>)[name] = value;
      }
    }
    // biblatex's related entries: only "origpubin" (first published as the related entry) says something
    // APA prints, the original date ("Original work published 1959"; APA 7, 10.2 Example 29).
    const related = entry.fields["related"]?.split(",").map((value) => value.trim());
    const original = related?.length === 1 ? byKey.get(related[0] ?? "") : undefined;
    if (entry.fields["relatedtype"]?.toLowerCase() === "origpubin" && original) {
      const fields = entry.fields as Record<string, unknown>;
      if (fields["origdate"] === undefined && fields["origyear"] === undefined) {
        if (original.fields["date"] !== undefined) fields["origdate"] = original.fields["date"];
        else if (original.fields["year"] !== undefined) fields["origyear"] = original.fields["year"];
      }
    }
    for (const field of ["crossref", "xdata"] as const) {
      const target = entry.fields[field];
      if (target === undefined) continue;
      for (const parent of target.split(",").map((value) => value.trim())) {
        if (keys.has(parent)) continue;
        problems.push({
          file,
          line: lines.get(entry.key),
          problem: `the entry "${entry.key}" takes fields from "${parent}" (${field} = {${parent}}), but no entry has that key.`,
          fix: `add the entry "${parent}" to the bibliography, or correct or remove the ${field} field.`,
        });
      }
    }
    items.push(restored(biblatexEntryToCsl(entry)));
  }
  return { items, lines, problems, unreadable };
}
