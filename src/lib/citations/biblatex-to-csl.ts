import { type Creator, type Entry, toSentenceCase } from "@retorquere/bibtex-parser";
import type { CslItem } from "./citation-js.ts";
import { workAddress } from "./work-address.ts";

/** A CSL name as citeproc reads it. */
export interface CslName {
  family?: string;
  given?: string;
  suffix?: string;
  literal?: string;
  "dropping-particle"?: string;
  "non-dropping-particle"?: string;
}

/** A CSL date: parts (from/to), a season, or a literal when the value cannot be read as a date. */
export interface CslDate {
  "date-parts"?: number[][];
  season?: number;
  circa?: boolean;
  literal?: string;
}

/** biblatex entry types to CSL types, as Pandoc maps them (`article` is refined by `entrysubtype`). */
const TYPES: Record<string, string> = {
  article: "article-journal",
  artwork: "graphic",
  audio: "song",
  bibnote: "document",
  book: "book",
  bookinbook: "chapter",
  booklet: "pamphlet",
  collection: "book",
  commentary: "book",
  conference: "paper-conference",
  dataset: "dataset",
  image: "graphic",
  inbook: "chapter",
  incollection: "chapter",
  inproceedings: "paper-conference",
  inreference: "entry-encyclopedia",
  jurisdiction: "legal_case",
  legal: "treaty",
  legislation: "legislation",
  letter: "personal_communication",
  manual: "book",
  mastersthesis: "thesis",
  misc: "document",
  movie: "motion_picture",
  music: "song",
  mvbook: "book",
  mvcollection: "book",
  mvproceedings: "book",
  mvreference: "book",
  online: "webpage",
  patent: "patent",
  performance: "performance",
  periodical: "periodical",
  phdthesis: "thesis",
  proceedings: "book",
  reference: "book",
  report: "report",
  review: "review",
  software: "software",
  standard: "standard",
  suppbook: "chapter",
  suppcollection: "chapter",
  suppperiodical: "article-journal",
  techreport: "report",
  thesis: "thesis",
  unpublished: "manuscript",
  video: "motion_picture",
  www: "webpage",
};

/** biblatex's localisation keys in `type`, as the words APA prints for them. */
const GENRES: Record<string, string> = {
  mathesis: "Master's thesis",
  mastersthesis: "Master's thesis",
  phdthesis: "Doctoral dissertation",
  candthesis: "Candidate thesis",
  techreport: "Technical report",
  resreport: "Research report",
  software: "Computer software",
  datacd: "Data CD",
  audiocd: "Audio CD",
  patent: "Patent",
  patentus: "U.S. patent",
  patentfr: "French patent",
  patentde: "German patent",
  patenteu: "European patent",
  patentuk: "British patent",
  patreq: "Patent request",
  patreqfr: "French patent request",
  patreqde: "German patent request",
  patreqeu: "European patent request",
  patrequk: "British patent request",
  patrequs: "U.S. patent request",
};

/** biblatex's `pubstate` localisation keys, as APA writes them. */
const PUBSTATES: Record<string, string> = {
  inpress: "in press",
  inpreparation: "in preparation",
  submitted: "submitted",
  forthcoming: "forthcoming",
  prepublished: "prepublished",
};

/** `langid` values (babel/polyglossia names) to BCP 47, for the languages readers meet most. */
const LANGUAGES: Record<string, string> = {
  american: "en-US",
  english: "en-US",
  usenglish: "en-US",
  british: "en-GB",
  ukenglish: "en-GB",
  canadian: "en-CA",
  australian: "en-AU",
  newzealand: "en-NZ",
  german: "de-DE",
  ngerman: "de-DE",
  austrian: "de-AT",
  naustrian: "de-AT",
  swissgerman: "de-CH",
  nswissgerman: "de-CH",
  french: "fr-FR",
  italian: "it-IT",
  spanish: "es-ES",
  portuguese: "pt-PT",
  brazilian: "pt-BR",
  dutch: "nl-NL",
  danish: "da-DK",
  swedish: "sv-SE",
  norwegian: "nb-NO",
  norsk: "nb-NO",
  nynorsk: "nn-NO",
  finnish: "fi-FI",
  greek: "el-GR",
  russian: "ru-RU",
  polish: "pl-PL",
  czech: "cs-CZ",
  turkish: "tr-TR",
  latin: "la",
  catalan: "ca-AD",
  galician: "gl-ES",
  slovene: "sl-SI",
  japanese: "ja-JP",
  chinese: "zh-CN",
  hebrew: "he-IL",
};

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** biblatex's season codes (EDTF 21-24) to CSL seasons 1-4. */
function datePart(value: string): { parts: number[]; season?: number } | undefined {
  const match = /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const astronomical = Number(match[1]);
  // EDTF counts 1 BCE as year 0 and 350 BCE as -349; CSL writes 350 BCE as -350.
  const year = astronomical <= 0 ? astronomical - 1 : astronomical;
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && month >= 21 && month <= 24) return { parts: [year], season: month - 20 };
  if (month === undefined) return { parts: [year] };
  return { parts: day === undefined ? [year, month] : [year, month, day] };
}

/** Reads a biblatex (EDTF level 0/1) date or range: `2004-10-27`, `1885/1888`, `1988/`, `2012-22` (summer), `1950~`. */
export function parseBiblatexDate(raw: string): CslDate | undefined {
  // The parser reads EDTF's "~" (circa) as LaTeX's tie, a no-break space: it is read back as "~".
  let value = raw.replace(/\u00a0/g, "~").trim();
  if (value === "") return undefined;
  const circa = /[~?%]$/.test(value);
  value = value.replace(/[~?%]$/, "").replace(/[~?%](?=\/)/, "");
  const [from = "", to, ...extra] = value.split("/");
  if (extra.length > 0) return { literal: raw.trim() };
  const start = datePart(from);
  if (!start) return { literal: raw.trim() };
  const date: CslDate = { "date-parts": [start.parts] };
  if (start.season !== undefined) date.season = start.season;
  if (to !== undefined && to.trim() !== "" && to.trim() !== "..") {
    const end = datePart(to);
    if (!end) return { literal: raw.trim() };
    date["date-parts"]?.push(end.parts);
  }
  if (circa) date.circa = true;
  return date;
}

const SEASONS: Record<string, number> = { spring: 1, summer: 2, autumn: 3, fall: 3, winter: 4 };

/** CSL's season number (1 spring to 4 winter) of a field that is only a season's name in English. */
export function seasonNumber(value: string | undefined): number | undefined {
  return value === undefined ? undefined : SEASONS[value.trim().toLowerCase()];
}

function legacyDate(year: string | undefined, month: string | undefined, day?: string): CslDate | undefined {
  if (year === undefined || year.trim() === "") return undefined;
  if (!/^\d{1,4}$/.test(year.trim())) {
    const asDate = parseBiblatexDate(year);
    if (asDate && asDate.literal === undefined) return asDate;
    return { literal: year.trim() };
  }
  const parts = [Number(year)];
  const monthText = month?.trim().toLowerCase() ?? "";
  const monthNumber = /^\d{1,2}$/.test(monthText) ? Number(monthText) : MONTHS.indexOf(monthText.slice(0, 3)) + 1;
  if (monthNumber > 0) {
    parts.push(monthNumber);
    if (day !== undefined && /^\d{1,2}$/.test(day.trim())) parts.push(Number(day));
  }
  return { "date-parts": [parts] };
}

function useprefixOption(options: string | undefined): boolean | undefined {
  const match = /(?:^|,)\s*useprefix\s*(?:=\s*(true|false))?\s*(?:,|$)/i.exec(options ?? "");
  if (!match) return undefined;
  return match[1] === undefined || match[1].toLowerCase() === "true";
}

function cslName(creator: Creator, useprefix: boolean): CslName {
  if (creator.name !== undefined) return { literal: creator.name };
  const name: CslName = {};
  // A tie in a name ("J.~B. Bell", as NASA ADS writes initials) is a space: the name sorts, and
  // letters its works, with the same name written without one (APA 7, 9.47).
  // An elided particle joins its name ("abbé d'Aubignac"): the space after its apostrophe ("d' Aubignac",
  // as Better BibTeX writes it) only makes it a word of its own for BibTeX, as Pandoc reads it.
  if (creator.lastName !== undefined)
    name.family = creator.lastName.replace(/\u00a0/g, " ").replace(/(^|\s)(\p{Ll}{1,4}['’])\s+(?=\p{Lu})/gu, "$1$2");
  if (creator.firstName !== undefined) name.given = creator.firstName.replace(/\u00a0/g, " ");
  if (creator.suffix !== undefined) name.suffix = creator.suffix;
  if (creator.prefix !== undefined) {
    // biblatex: a prefix ("von") is dropped from sorting and put after the given name unless useprefix is on.
    const keep = creator.useprefix ?? useprefix;
    name[keep ? "non-dropping-particle" : "dropping-particle"] = creator.prefix;
  }
  return name;
}

function capitalised(text: string): string {
  return text.replace(
    /^((?:<[^>]+>)*)(\p{Ll})/u,
    (_match, markup: string, letter: string) => markup + letter.toUpperCase(),
  );
}

function joinTitle(main: string | undefined, sub: string | undefined, addon?: string): string | undefined {
  if (main === undefined) return undefined;
  let title = main;
  // APA capitalises the first word of a subtitle, which sentence casing the field alone lowercased.
  if (sub !== undefined && sub.trim() !== "") title = `${title.replace(/[:.]\s*$/, "")}: ${capitalised(sub)}`;
  if (addon !== undefined && addon.trim() !== "") title = `${title}. ${addon}`;
  return title;
}

function list(value: string[] | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  return value.length === 0 ? undefined : value.join("; ");
}

function eprintUrl(type: string | undefined, eprint: string | undefined, eprintclass?: string): string | undefined {
  if (eprint === undefined) return undefined;
  switch ((type ?? "").toLowerCase()) {
    case "arxiv":
      return `https://arxiv.org/abs/${eprint}`;
    case "hdl":
      return `https://hdl.handle.net/${eprint}`;
    case "jstor":
      return `https://www.jstor.org/stable/${eprint}`;
    case "pubmed":
      return `https://www.ncbi.nlm.nih.gov/pubmed/${eprint}`;
    case "googlebooks":
      return `https://books.google.com?id=${eprint}`;
    default:
      return eprintclass === undefined ? undefined : undefined;
  }
}

function genre(typeField: string | undefined, entryType: string): string | undefined {
  const raw = typeField?.trim();
  if (raw !== undefined && raw !== "") {
    const known = GENRES[raw.toLowerCase()];
    if (known) return known;
    return raw;
  }
  if (entryType === "phdthesis") return GENRES["phdthesis"];
  if (entryType === "mastersthesis") return GENRES["mastersthesis"];
  // A @techreport says only that the work is a report: APA prints the label the report itself
  // carries (its type field), never one the data does not hold (APA 7, 10.4).
  return undefined;
}

function language(fields: Entry["fields"]): string | undefined {
  // `language` names the work's language where no langid does (Russian templates, JabRef), as the parser reads it.
  const raw = String(fields["langid"] ?? fields["hyphenation"] ?? fields["language"] ?? "")
    .toLowerCase()
    .trim();
  if (raw === "") return undefined;
  return LANGUAGES[raw] ?? (/^[a-z]{2,3}(?:-[a-z0-9]+)*$/i.test(raw) ? raw : undefined);
}

// The Greek of Unicode's mathematical alphabets (U+1D6A8 on), in their order: the parser writes `$\mu$`
// as mathematical italic 𝜇, but a title's Greek is the letter μ (as Pandoc prints it).
const MATH_GREEK = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡϴΣΤΥΦΧΨΩ∇αβγδεζηθικλμνξοπρςστυφχψω∂ϵϑϰϕϱϖ";
const MATH_GREEK_BASES = [0x1d6a8, 0x1d6e2, 0x1d71c, 0x1d756, 0x1d790];

/** Mathematical bold or italic Greek as the plain Greek letter. */
export function plainGreek(text: string): string {
  return text.replace(/[\u{1d6a8}-\u{1d7c9}]/gu, (letter) => {
    const code = letter.codePointAt(0) ?? 0;
    const base = MATH_GREEK_BASES.findLast((start) => code >= start) ?? 0;
    return MATH_GREEK[code - base] ?? letter;
  });
}

// The parser turns `\"O` into O + a combining diaeresis; composed (NFC) text keeps initials ("Ö.") whole.
function composed<T>(value: T): T {
  if (typeof value === "string") return plainGreek(value.normalize("NFC")) as T;
  if (Array.isArray(value)) return value.map(composed) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, composed(inner)])) as T;
  return value;
}

// `\url{...}` and `\href{...}{...}` in a note or howpublished come out of the parser as HTML links,
// which citeproc would print as escaped tags; the reference shows the address or words as text.
const LINK_TAG = /<a\b[^>]*>|<\/a>/gi;

function set(item: Record<string, unknown>, field: string, value: unknown): void {
  if (value === undefined || value === "") return;
  if (Array.isArray(value) && value.length === 0) return;
  const plain = typeof value === "string" ? value.replace(LINK_TAG, "") : value;
  item[field] = composed(plain);
}

/** Maps one entry read by @retorquere/bibtex-parser to CSL-JSON, field by field as biblatex defines them. */
export function biblatexEntryToCsl(entry: Entry): CslItem {
  const fields = entry.fields;
  const entryType = entry.type.toLowerCase();
  const subtype = (fields["entrysubtype"] ?? "").toLowerCase();
  let type = TYPES[entryType] ?? "document";
  if (entryType === "article" && subtype === "magazine") type = "article-magazine";
  if (entryType === "article" && subtype === "newspaper") type = "article-newspaper";
  const item: Record<string, unknown> = { id: entry.key, type, "citation-key": entry.key };
  // biblatex-apa sets useprefix=true (biblatex-apa.bbx): a name keeps its particle as its bearer writes
  // it, "van der Kouwe, A."; an entry can still say useprefix=false.
  const useprefix = useprefixOption(fields["options"]) ?? true;
  const names = (creators: Creator[] | undefined) => creators?.map((creator) => cslName(creator, useprefix));

  set(item, "author", names(fields.author));
  set(item, "editor", names(fields.editor));
  set(item, "translator", names(fields.translator));
  // A part of a book by its own author ("In F. Nietzsche, Works") names the book's editors instead, as
  // for an edited book (APA 7, 10.3): the author is already named at the head of the entry.
  const bookAuthors = names(fields.bookauthor);
  const sameAuthors = JSON.stringify(bookAuthors) === JSON.stringify(item["author"]);
  if (!(sameAuthors && item["editor"] !== undefined && TYPES[entryType] === "chapter"))
    set(item, "container-author", bookAuthors);
  if (fields["editortype"]?.toLowerCase() === "director") set(item, "director", item["editor"]);

  let title = joinTitle(fields["title"], fields["subtitle"], fields["titleaddon"]);
  const issueTitle = joinTitle(fields["issuetitle"], fields["issuesubtitle"]);
  const mainTitle = joinTitle(fields["maintitle"], fields["mainsubtitle"], fields["maintitleaddon"]);
  const bookTitle = joinTitle(fields["booktitle"], fields["booksubtitle"], fields["booktitleaddon"]);
  let journal = joinTitle(fields["journaltitle"] ?? fields["journal"], fields["journalsubtitle"]);
  if (type === "periodical" && issueTitle !== undefined) {
    if (journal === undefined) {
      // biblatex's @periodical: `title` is the journal, `issuetitle` the special issue cited.
      journal = title;
      // The parser sentence-cases titles but not issue titles; APA wants both in sentence case.
      const english = language(fields)?.startsWith("en") ?? true;
      title = english ? toSentenceCase(issueTitle) : issueTitle;
    } else {
      // Written as biblatex-apa does: `issuetitle` says what the part is ("Special section").
      set(item, "genre", issueTitle);
    }
  }
  const isPart = ["chapter", "paper-conference", "entry-encyclopedia"].includes(type);
  const oneVolume = !isPart && type === "book" && mainTitle !== undefined && title !== undefined;
  if (oneVolume) {
    // One volume of a multivolume work with its own title: APA writes "Work: Vol. 2. Volume title".
    const volume =
      fields["volume"] === undefined ? "" : `Vol. ${fields["volume"]}${fields["part"] ? `.${fields["part"]}` : ""}. `;
    set(item, "title", `${mainTitle}: ${volume}${capitalised(title ?? "")}`);
  } else {
    set(item, "title", title);
  }
  // Without a short title, the title before its subtitle is the short form APA cites untitled works by.
  set(item, "title-short", fields["shorttitle"] ?? (fields["subtitle"] === undefined ? undefined : fields["title"]));
  if (isPart) set(item, "container-title", mainTitle ?? bookTitle);
  else set(item, "container-title", journal ?? (type === "book" ? undefined : bookTitle));
  // An article's `series` is the journal's series ("newseries"), which APA does not print.
  if (!type.startsWith("article")) set(item, "collection-title", fields["series"]);
  set(item, "event-title", fields["eventtitle"]);
  set(item, "event-place", fields["venue"]);

  const number = fields["number"];
  // A season written as the issue ("Spring") dates the issue: APA prints it with the year (9.14),
  // and biblatex prints `issue` beside the date too; a number beside it stays the issue.
  const seasonWord = [fields["issue"], number].find((value) => seasonNumber(value) !== undefined);
  if (type.startsWith("article") || type === "periodical")
    set(
      item,
      "issue",
      [fields["issue"], number].find((value) => value !== undefined && value !== seasonWord),
    );
  else if (fields["series"] !== undefined && ["book", "chapter", "paper-conference"].includes(type))
    set(item, "collection-number", number);
  else set(item, "number", number);
  const volume = fields["volume"];
  if (!oneVolume)
    set(item, "volume", volume !== undefined && fields["part"] !== undefined ? `${volume}.${fields["part"]}` : volume);
  set(item, "number-of-volumes", fields["volumes"]);
  // CSL-JSON writes ranges with a hyphen (citeproc sets the en dash); the parser turned "--" into "–".
  set(item, "page", fields["pages"]?.replace(/\s*[–—]\s*/g, "-"));
  set(item, "number-of-pages", fields["pagetotal"]);
  set(item, "chapter-number", fields["chapter"]);
  set(item, "edition", fields["edition"]);
  set(item, "version", fields["version"]);
  set(item, "genre", genre(fields["type"], entryType));
  set(item, "status", PUBSTATES[(fields["pubstate"] ?? "").toLowerCase()] ?? fields["pubstate"]);

  const institution = list(fields.institution) ?? list(fields["school"]);
  let publisher = list(fields.publisher) ?? institution ?? list(fields.organization) ?? list(fields["howpublished"]);
  if (type === "thesis" && institution !== undefined && fields.publisher !== undefined) {
    // A thesis's publisher is the university that awarded it (CSL's publisher); biblatex-apa's
    // `publisher` is then the database or repository holding it, CSL's archive (APA 7, 10.6).
    publisher = institution;
    set(item, "archive", list(fields.publisher));
  }
  // APA omits the publisher when it is the author (a group publishing its own report).
  const authors = item["author"] as CslName[] | undefined;
  const sameAsAuthor = authors?.length === 1 && authors[0]?.literal !== undefined && authors[0].literal === publisher;
  if (!sameAsAuthor) set(item, "publisher", publisher);
  set(item, "publisher-place", list(fields.location) ?? list(fields["address"]));

  const issued =
    (fields["date"] !== undefined ? parseBiblatexDate(fields["date"]) : undefined) ??
    legacyDate(fields["year"], fields["month"], fields["day"]);
  // A year written as words ("in press", apacite's \BIP; "n.d.") is a state, not a date: given as one,
  // the style writes it and its letter as APA does ("in press-a", "n.d.-b"; APA 7, 8.19).
  const season = type.startsWith("article") || type === "periodical" ? seasonNumber(seasonWord) : undefined;
  if (season !== undefined && issued?.["date-parts"]?.[0]?.length === 1 && issued.season === undefined)
    issued.season = season;
  else if (seasonWord !== undefined && (type.startsWith("article") || type === "periodical"))
    set(item, "issue", fields["issue"] ?? number);
  const dateWords = issued?.literal?.trim().toLowerCase();
  if (dateWords !== undefined && Object.values(PUBSTATES).includes(dateWords)) {
    if (item["status"] === undefined) set(item, "status", dateWords);
  } else if (dateWords !== "n.d.") set(item, "issued", issued);
  // APA prints only the original date ("Original work published 1959"), not the first publisher.
  set(
    item,
    "original-date",
    fields["origdate"] === undefined
      ? legacyDate(fields["origyear"], undefined)
      : parseBiblatexDate(fields["origdate"]),
  );
  set(item, "accessed", fields["urldate"] === undefined ? undefined : parseBiblatexDate(fields["urldate"]));
  set(item, "event-date", fields["eventdate"] === undefined ? undefined : parseBiblatexDate(fields["eventdate"]));

  const address = workAddress(
    fields["doi"],
    fields["url"] ?? eprintUrl(fields["eprinttype"] ?? fields["archiveprefix"], fields["eprint"]),
  );
  set(item, "DOI", address.DOI);
  set(item, "URL", address.URL);
  set(item, "ISBN", fields["isbn"]);
  set(item, "ISSN", fields["issn"]);
  set(item, "note", fields["note"] ?? fields["addendum"]);
  const lang = language(fields);
  set(item, "language", lang);
  if (lang === undefined || lang.startsWith("en")) {
    // APA capitalises a title's first word (6.17) when it is a plain lower-case word ("bugreports"),
    // not one written with a capital inside it ("iPhone", "eLife").
    if (
      typeof item["title"] === "string" &&
      /^(?:<(?!span class="nocase")[^>]+>)*\p{Ll}[\p{Ll}'’-]*(?=[\s:_.,]|$)/u.test(item["title"])
    )
      item["title"] = capitalised(item["title"]);
    // APA capitalises the first word after a colon in a title (sentence casing lowercased it).
    for (const field of ["title", "volume-title"])
      if (typeof item[field] === "string")
        item[field] = (item[field] as string).replace(
          /(:\s+(?:<[^>]+>)*)(\p{Ll})/gu,
          (_m, lead: string, letter: string) => lead + letter.toUpperCase(),
        );
    if (isPart && typeof item["container-title"] === "string")
      item["container-title"] = (item["container-title"] as string).replace(
        /(:\s+(?:<[^>]+>)*)(\p{Ll})/gu,
        (_m, lead: string, letter: string) => lead + letter.toUpperCase(),
      );
  }
  return item as CslItem;
}
