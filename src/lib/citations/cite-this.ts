// How to cite the report and its sections: one CSL item per work, every format generated from it.
import type { CitationNodes } from "./citation-engine.ts";
import { Cite, type CslItem, plugins } from "./citation-js.ts";
import { CITEPROC_TREE_FORMAT, citeprocTree, useCiteprocTreeFormat } from "./citeproc-tree.ts";
import { EXPORT_FORMATS, type ExportFormatId } from "./export-formats.ts";

/** A person named on the report. */
export interface CitedPerson {
  family: string;
  given?: string | undefined;
  /** Institution, for Highwire and JSON-LD (CSL, BibTeX and RIS have no place for it). */
  affiliation?: string | undefined;
  /** ORCID iD, bare or as its https URL. */
  orcid?: string | undefined;
}

/** What a citation of the report needs from its metadata. */
export interface ReportCitationInput {
  title: string;
  authors: readonly CitedPerson[];
  published: Date;
  /** BCP 47 tag, e.g. "en". */
  language: string;
  keywords?: readonly string[] | undefined;
  /** Absolute URL of the report's home page; undefined when the site's address (SITE_URL) is unknown. */
  url: string | undefined;
}

/** What a citation of one section adds to the report's. */
export interface SectionCitationInput {
  title: string;
  /** URL name of the section, used in its citation key. */
  slug: string;
  /** Absolute URL of the section's page; undefined when the site's address is unknown. */
  url: string | undefined;
}

/** A work cited in every format the cite-this box offers. */
export interface CitationFormats {
  /** APA 7 reference as a tree (the title in italics), for display and rich-text copying. */
  apa: CitationNodes;
  /** The same reference as plain text. */
  apaText: string;
  /** The one item in each export format (BibTeX, RIS, CSL-JSON), ending with one newline. */
  files: Readonly<Record<ExportFormatId, string>>;
}

// Acronyms and names with inner capitals ("AA", "McDonald"), and the pronoun "I", keep their case.
const KEEP_CASE = /^(?:I|.+\p{Lu}.*)$/u;

/**
 * APA 7 reference lists set titles in sentence case: the first word, the first word after a colon
 * and proper nouns keep their capital. Words written in capitals or with inner capitals (acronyms,
 * "McDonald") are kept; other proper nouns cannot be told from ordinary words and are lowercased.
 */
export function sentenceCase(title: string): string {
  let capitalizeNext = true;
  return title.replace(/[\p{L}\p{N}’']+|[^\p{L}\p{N}’']+/gu, (token) => {
    if (!/[\p{L}\p{N}]/u.test(token)) {
      if (/[:?!—]/u.test(token)) capitalizeNext = true;
      return token;
    }
    const keep = capitalizeNext || KEEP_CASE.test(token);
    capitalizeNext = false;
    return keep ? token : token.toLowerCase();
  });
}

function dateParts(date: Date): [number, number, number] {
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

function keyPart(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** A citation key in Google Scholar's manner, first title word and year: `selfhelp2026`. */
export function reportCitationKey(title: string, published: Date): string {
  const firstWord = keyPart(title.split(/\s+/)[0] ?? "");
  return `${firstWord || "report"}${published.getUTCFullYear()}`;
}

/**
 * The report as a CSL item. APA 7 cites a report published on the web as a report: without an
 * author, the title moves to the author's place, and the date is the year only.
 */
export function reportCslItem(input: ReportCitationInput): CslItem {
  const key = reportCitationKey(input.title, input.published);
  const item: CslItem = {
    id: key,
    "citation-key": key,
    type: "report",
    title: sentenceCase(input.title),
    issued: { "date-parts": [dateParts(input.published)] },
    language: input.language,
  };
  if (input.url) item.URL = input.url;
  if (input.authors.length > 0) {
    item.author = input.authors.map((person) =>
      person.given ? { family: person.family, given: person.given } : { family: person.family },
    );
  }
  // citation-js splits keywords on commas; no space, or RIS keywords start with one.
  if (input.keywords && input.keywords.length > 0) item["keyword"] = input.keywords.join(",");
  return item;
}

/**
 * A section as a CSL item: a chapter whose container is the report, so APA 7 gives
 * "Section title. (Year). In *Report title*. URL", the form of a chapter in a report without editors.
 */
export function sectionCslItem(report: CslItem, section: SectionCitationInput): CslItem {
  // citation-js drops BibTeX keys with hyphens; underscores pass.
  const key = `${report.id}_${section.slug.split("-").map(keyPart).join("_")}`;
  const item: CslItem = {
    id: key,
    "citation-key": key,
    type: "chapter",
    title: sentenceCase(section.title),
    "container-title": report.title,
    issued: report["issued"],
    language: report["language"],
  };
  if (section.url) item.URL = section.url;
  if (report.author) item.author = report.author;
  return item;
}

interface CiteprocEngine {
  updateItems(ids: string[]): void;
  makeBibliography(): [unknown, string[]];
}

/** The APA reference of one work, made by citation-js's engine (kept between calls) as a tree. */
function apaReference(item: CslItem): CitationNodes {
  useCiteprocTreeFormat();
  const { engine: prepare } = plugins.config.get("@csl") as {
    engine: (items: CslItem[], style: string, lang: string, format: string) => CiteprocEngine;
  };
  const engine = prepare([item], "apa", "en-US", CITEPROC_TREE_FORMAT);
  engine.updateItems([item.id]);
  const [, entries] = engine.makeBibliography();
  return citeprocTree((entries[0] ?? "").trim());
}

/** The APA 7 reference and every export format of one work, all made by citation-js. */
export function citationFormats(item: CslItem): CitationFormats {
  const cite = new Cite(item);
  const files = Object.fromEntries(
    EXPORT_FORMATS.map((format) => [format.id, `${format.render([item]).trim()}\n`]),
  ) as Record<ExportFormatId, string>;
  return {
    apa: apaReference(item),
    apaText: (cite.format("bibliography", { format: "text", template: "apa", lang: "en-US" }) as string).trim(),
    files,
  };
}
