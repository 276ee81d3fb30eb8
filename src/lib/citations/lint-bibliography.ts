import type { ContentProblem } from "../content/content-error.ts";
import { isBracedWhole, rawEntries, unwrapped } from "./raw-bibtex.ts";

export { type RawEntry, type RawField, rawEntries } from "./raw-bibtex.ts";

// The entry types biblatex and BibTeX define (biblatex manual, 2.1), lower case.
const ENTRY_TYPES = new Set(
  (
    "article book mvbook inbook bookinbook suppbook booklet collection mvcollection incollection suppcollection " +
    "dataset manual misc online patent periodical suppperiodical proceedings mvproceedings inproceedings " +
    "reference mvreference inreference report set software thesis unpublished xdata custom " +
    "conference electronic masterthesis mastersthesis phdthesis techreport www artwork audio bibnote commentary " +
    "image jurisdiction legislation legal letter movie music performance review standard video"
  ).split(" "),
);

// The data fields of biblatex and BibTeX (biblatex manual, 2.2) that a misspelling would be mistaken for.
const KNOWN_FIELDS = (
  "abstract addendum address afterword annotation annotator author bookauthor bookpagination booksubtitle booktitle " +
  "chapter commentator date doi edition editor editora editorb editorc editortype eid entrysubtype eprint eprintclass " +
  "eprinttype eventdate eventtitle file foreword holder howpublished indextitle institution introduction isan isbn " +
  "ismn isrc issn issue issuesubtitle issuetitle iswc journal journalsubtitle journaltitle keywords label language " +
  "langid library location mainsubtitle maintitle month note number organization origdate origlanguage origlocation " +
  "origpublisher pages pagetotal pagination part publisher pubstate reprinttitle school series shortauthor " +
  "shorthand shortjournal shortseries shorttitle subtitle title titleaddon translator type url urldate venue " +
  "version volume volumes year crossref xdata related relatedtype sortkey sortname sorttitle sortyear presort " +
  "options ids execute entryset nameaddon origtitle urlyear urlmonth urlday"
).split(" ");

/** Levenshtein distance, enough to tell "jounal" from "journal". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_unused, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** The known field an unknown name is probably a misspelling of, if any. */
export function misspeltField(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 4 || KNOWN_FIELDS.includes(lower)) return undefined;
  return KNOWN_FIELDS.find(
    (known) => Math.abs(known.length - lower.length) <= 2 && distance(lower, known) <= (known.length > 6 ? 2 : 1),
  );
}

/** People of a name list, split at top-level " and ". */
function people(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let from = 0;
  for (let index = 0; index < list.length; index += 1) {
    const char = list[index];
    if (char === "{") depth += 1;
    else if (char === "}") depth -= 1;
    else if (depth === 0 && /^\sand\s/i.test(list.slice(index, index + 5))) {
      names.push(list.slice(from, index));
      from = index + 5;
      index += 4;
    }
  }
  names.push(list.slice(from));
  return names.map((name) => name.trim()).filter((name) => name !== "");
}

/** Commas outside braces. */
function topLevelCommas(text: string): number {
  let depth = 0;
  let count = 0;
  for (const char of text) {
    if (char === "{") depth += 1;
    else if (char === "}") depth -= 1;
    else if (char === "," && depth === 0) count += 1;
  }
  return count;
}

/**
 * A name in BibLaTeX's extended name format (`family=Doe, given=Jane, prefix=van`): every part is
 * `key=value`, and citation-js reads it as such, so its commas are no list.
 */
function isExtendedName(person: string): boolean {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let index = 0; index <= person.length; index++) {
    const char = person[index];
    if (char === "{") depth += 1;
    else if (char === "}") depth -= 1;
    else if ((char === "," && depth === 0) || index === person.length) {
      parts.push(person.slice(from, index).trim());
      from = index + 1;
    }
  }
  return parts.every((part) => /^[a-z-]+\s*=/i.test(part)) && parts.some((part) => /^(?:family|given)\s*=/i.test(part));
}

/** The line a person of a name field is written on (a long author list runs over several lines). */
function personLine(field: { value: string; line: number }, person: string): number {
  const at = field.value.indexOf(person.trim());
  return at < 0 ? field.line : field.line + (field.value.slice(0, at).match(/\n/g)?.length ?? 0);
}

const TITLE_FIELDS = new Set(["title", "booktitle", "maintitle", "subtitle"]);
const NAME_FIELDS = new Set(["author", "editor", "translator", "bookauthor"]);
const DOI_PREFIX = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/i;

/**
 * Warnings about data APA will print oddly, each with its file, line and fix. They do not stop the
 * build: the entry is still read and printed, only not as its author would want.
 */
export function lintBibliography(file: string, source: string): ContentProblem[] {
  const warnings: ContentProblem[] = [];
  const warn = (line: number, problem: string, fix: string) => warnings.push({ file, line, problem, fix });
  for (const entry of rawEntries(source)) {
    if (!ENTRY_TYPES.has(entry.type)) {
      warn(
        entry.line,
        `the entry "${entry.key}" has the type @${entry.type}, which neither BibTeX nor biblatex knows; it is printed as @misc.`,
        "use a standard type (@article, @book, @incollection, @inproceedings, @report, @thesis, @online, @dataset, @software, @misc).",
      );
    }
    for (const field of entry.fields) {
      const value = unwrapped(field.value);
      const suggestion = misspeltField(field.name);
      if (suggestion !== undefined) {
        warn(
          field.line,
          `the field "${field.name}" of "${entry.key}" is not a BibTeX or biblatex field, so it is ignored.`,
          `rename it to "${suggestion}" if that is what it means.`,
        );
      }
      if (TITLE_FIELDS.has(field.name) && isBracedWhole(field.value)) {
        if (/\p{Ll}/u.test(value) && /\s/.test(value)) {
          warn(
            field.line,
            `the ${field.name} of "${entry.key}" is braced whole ({{…}}), so it is printed as written: APA's sentence case cannot lower any of its words.`,
            "remove the inner pair of braces, and brace only the words that keep their capitals ({NASA}, {Python}).",
          );
        }
      }
      if (field.name === "doi" && DOI_PREFIX.test(value)) {
        warn(
          field.line,
          `the doi of "${entry.key}" starts with "${DOI_PREFIX.exec(value)?.[0]}"; the field holds the DOI alone.`,
          `write doi = {${value.replace(DOI_PREFIX, "")}}.`,
        );
      }
      if ((field.name === "url" || field.name === "doi") && value.includes("\\")) {
        warn(
          field.line,
          `the ${field.name} of "${entry.key}" holds a backslash (${/\\\S?/.exec(value)?.[0]}), a TeX escape that does not belong in an address.`,
          "write the address as a browser shows it: \\_ as _, \\% as %, \\-- as --, \\# as #.",
        );
      }
      if (NAME_FIELDS.has(field.name)) {
        for (const person of people(value)) {
          if (topLevelCommas(person) > 2 && !isExtendedName(person)) {
            warn(
              personLine(field, person),
              `the name "${person.trim()}" in the ${field.name} of "${entry.key}" has ${topLevelCommas(person)} commas; BibTeX reads at most two ("Family, Jr., Given"), so the reference list would print this name wrongly.`,
              'separate people with "and" ("Doe, Jane and Roe, Richard"), and write each as "Family, Given" (or, in BibLaTeX\'s extended format, "family=Doe, given=Jane, prefix=van").',
            );
          }
        }
      }
    }
  }
  return warnings;
}
