import type { CslItem } from "./citation-js.ts";

// citeproc reads a report number such as 99-02 as the range 99 to 2 ("Nos. 99–02"); APA prints the
// number as the publisher wrote it after "No." (APA 7, 10.4). Only what citeproc is given changes:
// the downloads keep the number as written.
const HYPHENATED_NUMBER = /^(?=.*\d)(?!No\.).*\S\s*[-–]\s*\S/;

// APA's two forms of a thesis: "[Unpublished doctoral dissertation]. University." and, for every
// other, "[Doctoral dissertation, University]. Database." (APA 7, 10.6).
const UNPUBLISHED = /^\s*unpublished\b/i;

function hasNames(item: CslItem, field: string): boolean {
  const names = item[field];
  return Array.isArray(names) && names.length > 0;
}

// APA 7 dates a preprint (10.8), software (10.10) and a data set (10.9) by its year alone; month and
// day belong to periodicals and web pages.
const YEAR_ONLY_TYPES = new Set(["article", "software", "dataset"]);

// A periodical's name is printed as the periodical writes it (APA 7, 9.25): the style would title-case
// it, turning "für" into "Für" and "Trans. on" into "Trans. On"; citeproc leaves a nocase span alone.
const PERIODICAL_TYPES = new Set(["article-journal", "article-magazine", "article-newspaper", "periodical"]);

function yearOnly(date: unknown): unknown {
  const parts = (date as { "date-parts"?: unknown[][] } | undefined)?.["date-parts"];
  if (!Array.isArray(parts)) return date;
  return { ...(date as object), "date-parts": parts.map((part) => part.slice(0, 1)) };
}

/**
 * Stands for BibTeX's "and others" (the names the data leaves out) among the names citeproc prints;
 * `withEtAl` turns it into APA's "et al." in the formatted text. Word joiners, never printed.
 */
export const OTHERS_MARK = "\u2060others\u2060";

/**
 * Formatted HTML with the "and others" of the data as APA writes it: "(Albert et al., 2022)",
 * "(Harris, Millman, ..., Smith, et al., 2020)" and, in the reference list, "Albert, A., et al. (2022)".
 */
export function withEtAl(html: string, reference = false): string {
  if (!html.includes(OTHERS_MARK)) return html;
  const joined = new RegExp(`(,?) (?:&#38;|&amp;|&|and) ${OTHERS_MARK}${reference ? "\\.?" : ""}`, "g");
  return html
    .replace(joined, (_all, comma: string) => (reference ? ", et al." : `${comma} et al.`))
    .replaceAll(OTHERS_MARK, "et al.");
}

/** A name list whose last name is BibTeX's "others", with that name marked for `withEtAl`. */
function markOthers(names: unknown): unknown {
  if (!Array.isArray(names) || names.length < 2) return names;
  const last = names.at(-1) as { family?: string; given?: string; literal?: string } | undefined;
  const isOthers = last?.family === "others" && last.given === undefined && last.literal === undefined;
  return isOthers ? [...names.slice(0, -1), { literal: OTHERS_MARK }] : names;
}

/**
 * Stands for the en dash of a page range citeproc cannot read, "217495:1-217495:14": citeproc prints
 * such a range with a hyphen, and an en dash given to it as a hyphen too; `withRangeDashes` sets it.
 */
export const RANGE_DASH_MARK = "\u2060range\u2060";

/**
 * Formatted HTML with each marked page range's en dash (APA 7, 9.28), labelled "pp." as every range
 * is: citeproc read the marked range as one page and labelled it "p.".
 */
export function withRangeDashes(html: string): string {
  return html
    .replace(new RegExp(`\\bp\\. (?=[^\\s<]*${RANGE_DASH_MARK})`, "g"), "pp. ")
    .replaceAll(RANGE_DASH_MARK, "–");
}

const PAGE_RANGE = /^(\s*)([^\s–-]*\d[^\s–-]*)\s*[-–]\s*([^\s–-]*\d[^\s–-]*)(\s*)$/u;
const PLAIN_PAGE = /^\p{L}*\d+\p{L}*$/u;

/**
 * A page field with every range citeproc cannot read ("217495:1-217495:14", "1.1-1.5") marked for
 * its en dash; a range of plain pages ("12-19", "e12-e15") is citeproc's, which also expands it.
 */
export function markedPageRanges(page: string): string {
  return page
    .split(",")
    .map((part) => {
      const range = PAGE_RANGE.exec(part);
      if (!range) return part;
      const [, before = "", first = "", last = "", after = ""] = range;
      if (PLAIN_PAGE.test(first) && PLAIN_PAGE.test(last)) return part;
      return `${before}${first}${RANGE_DASH_MARK}${last}${after}`;
    })
    .join(",");
}

const ARABIC = /^\d+$/;
const ROMAN = /^[ivxlcdm]+$/i;

/**
 * A volume or issue with each hyphen citeproc would print as a range's en dash kept a hyphen, unless
 * it joins two numbers of one kind ("1-2", "IV-VI"): in "63-II" or "12-A" the hyphen is part of the
 * identifier, as the journal writes it (APA 7, 9.25). citeproc keeps a hyphen written "\-".
 */
export function identifierHyphens(value: string): string {
  const sides = value.split("-");
  if (sides.length !== 2) return value;
  const [first = "", last = ""] = sides.map((side) => side.trim());
  const range = (ARABIC.test(first) && ARABIC.test(last)) || (ROMAN.test(first) && ROMAN.test(last));
  return range || first === "" || last === "" ? value : `${first}\\-${last}`;
}

const ORDINAL_EDITION = /^\s*\d+(?:st|nd|rd|th)?\s*$/i;

/**
 * An edition citeproc would read as a number only when it is one ("3", "2nd"): "3-е изд, перераб. и
 * доп." is words, printed as written (APA 7, 9.28 gives the edition as the work states it), where
 * citeproc made it "3rd-е изд, перераб. и доп. eds.". citeproc keeps a hyphen written "\-" as text.
 */
export function editionAsWritten(value: string): string {
  return ORDINAL_EDITION.test(value) ? value : value.replace(/(?<!\\)-/g, "\\-");
}

/** The item as citeproc should format it for APA 7; the bibliography data itself is left alone. */
export function forApaDisplay(original: CslItem): CslItem {
  let item = original;
  for (const role of ["author", "editor"])
    if (item[role] !== undefined && markOthers(item[role]) !== item[role])
      item = { ...item, [role]: markOthers(item[role]) } as CslItem;
  if (YEAR_ONLY_TYPES.has(item.type) && item["issued"] !== undefined)
    item = { ...item, issued: yearOnly(item["issued"]) } as CslItem;
  const issued = item["issued"] as { season?: unknown; "date-parts"?: unknown[][] } | undefined;
  if (item.type === "article-journal" && issued?.season !== undefined && issued["date-parts"]?.[0]?.length === 1)
    // An issue named by its season is dated "(2019, Spring)" (APA 7, 9.14); the style prints month or
    // season only for magazines, whose reference is otherwise the journal article's (10.1).
    item = { ...item, type: "article-magazine" };
  const genre = item["genre"];
  if (typeof genre === "string" && /^data\s?set$/i.test(genre.trim()))
    // APA labels a data set "[Data set]" (APA 7, 10.9), the two words, whatever the export wrote.
    item = { ...item, genre: "Data set" };
  for (const field of ["volume", "issue"]) {
    const value = item[field];
    if (typeof value === "string" && identifierHyphens(value) !== value)
      item = { ...item, [field]: identifierHyphens(value) } as CslItem;
  }
  const edition = item["edition"];
  if (typeof edition === "string" && editionAsWritten(edition) !== edition)
    item = { ...item, edition: editionAsWritten(edition) };
  const page = item["page"];
  if (typeof page === "string" && markedPageRanges(page) !== page) item = { ...item, page: markedPageRanges(page) };
  const journal = item["container-title"];
  if (PERIODICAL_TYPES.has(item.type) && typeof journal === "string" && !journal.includes("nocase"))
    item = { ...item, "container-title": `<span class="nocase">${journal}</span>` };
  return forApaForms(item);
}

function forApaForms(item: CslItem): CslItem {
  const number = item["number"];
  if (typeof number === "string" && HYPHENATED_NUMBER.test(number.trim()) && item.type !== "patent") {
    return { ...item, number: `No. ${number.trim()}` };
  }
  const genre = item["genre"];
  const publisher = item["publisher"];
  if (
    item.type === "thesis" &&
    typeof genre === "string" &&
    typeof publisher === "string" &&
    !UNPUBLISHED.test(genre) &&
    item["archive"] === undefined &&
    item["DOI"] === undefined &&
    item["URL"] === undefined
  ) {
    // The style puts the university inside the brackets only for a thesis in a database or online.
    const { publisher: _university, ...rest } = item;
    return { ...rest, genre: `${genre}, ${publisher}` };
  }
  if (
    item.type === "periodical" &&
    typeof item.title === "string" &&
    item["container-title"] !== undefined &&
    item["genre"] === undefined &&
    !hasNames(item, "author") &&
    !hasNames(item, "editor")
  ) {
    // A special issue without editors is listed by its title with its label, "Title [Special issue].
    // (2011).", cited by the title alone (APA 7, 10.1); the style would print the label after the date.
    return {
      ...item,
      type: "article-journal",
      title: `${item.title} [Special issue]`,
      "title-short": item["title-short"] ?? item.title,
    };
  }
  return item;
}
