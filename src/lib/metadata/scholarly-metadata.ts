// What reference managers and search engines read from a page's head: Highwire Press tags
// (Google Scholar, Zotero), Dublin Core's type (Zotero's item type), Open Graph and schema.org.

import type { CslItem } from "../citations/citation-js.ts";
import type { CitedPerson } from "../citations/cite-this.ts";

/** The report, or one of its sections, as the page that presents it describes it. */
export interface ScholarlyWork {
  kind: "report" | "section";
  /** Title as the page shows it. */
  title: string;
  /** Absolute URL of the work's page. */
  url: string;
  authors: readonly CitedPerson[];
  published: Date;
  /** BCP 47 tag, e.g. "en". */
  language: string;
  description: string;
  keywords: readonly string[];
  /** Absolute URL of the PDF of the whole report, when the build made one. */
  pdfUrl?: string | undefined;
  /** The works this one cites, as CSL-JSON. */
  references: readonly CslItem[];
  /** The report a section belongs to. */
  partOf?: { title: string; url: string } | undefined;
  /** 1-based position of a section in the report. */
  position?: number | undefined;
  /** The report's sections, listed on the report itself. */
  parts?: ReadonlyArray<{ title: string; url: string }> | undefined;
  license?: string | undefined;
  licenseUrl?: string | undefined;
}

/** One `<meta>` element: `name` for Highwire and Dublin Core, `property` for Open Graph. */
export type MetaTag = { name: string; content: string } | { property: string; content: string };

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A name as CSL-JSON and the report's metadata give it. */
type NamedPerson = { family?: string | undefined; given?: string | undefined; literal?: string | undefined };

/** "Family, Given", the name form Highwire tags and Google Scholar expect. */
export function invertedName(person: NamedPerson): string {
  if (person.literal) return person.literal;
  return [person.family, person.given].filter(Boolean).join(", ");
}

function cslYear(item: CslItem): number | undefined {
  const issued = item["issued"] as { "date-parts"?: number[][] } | undefined;
  return issued?.["date-parts"]?.[0]?.[0];
}

function cslDate(item: CslItem): string | undefined {
  const issued = item["issued"] as { "date-parts"?: number[][] } | undefined;
  const parts = issued?.["date-parts"]?.[0];
  if (!parts?.length) return undefined;
  return parts.map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, "0"))).join("-");
}

function text(item: CslItem, field: string): string | undefined {
  const value = item[field];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/**
 * A cited work in the `citation_reference` form Google Scholar reads: `citation_*` fields joined by
 * "; " (semicolons inside values become commas, since they would end the field).
 */
export function highwireReference(item: CslItem): string {
  const fields: Array<[string, string | undefined]> = [
    ["citation_title", item.title],
    ...(item.author ?? []).map((person): [string, string] => ["citation_author", invertedName(person)]),
    [
      item.type === "article-journal" ? "citation_journal_title" : "citation_inbook_title",
      text(item, "container-title"),
    ],
    ["citation_publication_date", cslYear(item)?.toString()],
    ["citation_volume", text(item, "volume")],
    ["citation_issue", text(item, "issue")],
  ];
  const [first, last] = (text(item, "page") ?? "").split(/[-–]+/);
  if (first) fields.push(["citation_firstpage", first]);
  if (last) fields.push(["citation_lastpage", last]);
  fields.push(["citation_doi", text(item, "DOI")]);
  return fields
    .filter((field): field is [string, string] => Boolean(field[1]))
    .map(([name, value]) => `${name}=${value.replaceAll(";", ",")}`)
    .join("; ");
}

/** Highwire Press tags, with Dublin Core's type so that Zotero saves the report as a report. */
export function highwireTags(work: ScholarlyWork): MetaTag[] {
  const tags: MetaTag[] = [{ name: "citation_title", content: work.title }];
  for (const author of work.authors) {
    tags.push({ name: "citation_author", content: invertedName(author) });
    // Google Scholar reads an author's institution and ORCID from the tags right after the name.
    if (author.affiliation) tags.push({ name: "citation_author_institution", content: author.affiliation });
    if (author.orcid) tags.push({ name: "citation_author_orcid", content: orcidLink(author.orcid) });
  }
  tags.push({ name: "citation_publication_date", content: isoDate(work.published).replaceAll("-", "/") });
  tags.push({ name: "citation_language", content: work.language });
  if (work.partOf) tags.push({ name: "citation_inbook_title", content: work.partOf.title });
  if (work.keywords.length > 0) tags.push({ name: "citation_keywords", content: work.keywords.join("; ") });
  tags.push({ name: "citation_public_url", content: work.url });
  if (work.pdfUrl) tags.push({ name: "citation_pdf_url", content: work.pdfUrl });
  for (const reference of work.references)
    tags.push({ name: "citation_reference", content: highwireReference(reference) });
  // Without an institution Highwire cannot say "report"; Zotero reads DC.type instead.
  if (work.kind === "report") tags.push({ name: "DC.type", content: "Report" });
  return tags;
}

/** Open Graph tags for link previews; `pageUrl` is the page's canonical URL (none without SITE_URL). */
export function openGraphTags(work: ScholarlyWork, pageUrl: string | undefined, siteName: string): MetaTag[] {
  const tags: MetaTag[] = [
    { property: "og:type", content: "article" },
    { property: "og:title", content: work.title },
    { property: "og:description", content: work.description },
    ...(pageUrl ? [{ property: "og:url", content: pageUrl }] : []),
    { property: "og:site_name", content: siteName },
    { property: "og:locale", content: work.language.replace("-", "_") },
    { property: "article:published_time", content: isoDate(work.published) },
  ];
  for (const keyword of work.keywords) tags.push({ property: "article:tag", content: keyword });
  return tags;
}

const SCHEMA_TYPES: Record<string, string> = {
  "article-journal": "ScholarlyArticle",
  book: "Book",
  chapter: "Chapter",
  report: "Report",
  thesis: "Thesis",
  webpage: "WebPage",
};

function schemaPerson(person: NamedPerson): Record<string, string> {
  if (person.literal) return { "@type": "Person", name: person.literal };
  const name = [person.given, person.family].filter(Boolean).join(" ");
  return {
    "@type": "Person",
    name,
    ...(person.family ? { familyName: person.family } : {}),
    ...(person.given ? { givenName: person.given } : {}),
  };
}

/** An ORCID iD as its https URL, the form ORCID asks sites to show and link. */
export function orcidLink(orcid: string): string {
  return orcid.startsWith("https://") ? orcid : `https://orcid.org/${orcid}`;
}

/** An author of this report as a schema.org Person, with their institution and ORCID when given. */
function schemaAuthor(person: CitedPerson): Record<string, unknown> {
  return {
    ...schemaPerson(person),
    ...(person.affiliation ? { affiliation: { "@type": "Organization", name: person.affiliation } } : {}),
    ...(person.orcid ? { identifier: orcidLink(person.orcid), sameAs: orcidLink(person.orcid) } : {}),
  };
}

/** A cited work as a schema.org CreativeWork. */
export function schemaCitation(item: CslItem): Record<string, unknown> {
  const container = text(item, "container-title");
  const doi = text(item, "DOI");
  const result: Record<string, unknown> = {
    "@type": SCHEMA_TYPES[item.type] ?? "CreativeWork",
    name: item.title,
  };
  if (item.author?.length) result["author"] = item.author.map(schemaPerson);
  const date = cslDate(item);
  if (date) result["datePublished"] = date;
  if (container) {
    result["isPartOf"] = { "@type": item.type === "article-journal" ? "Periodical" : "CreativeWork", name: container };
  }
  if (text(item, "volume")) result["volumeNumber"] = text(item, "volume");
  if (text(item, "issue")) result["issueNumber"] = text(item, "issue");
  if (text(item, "page")) result["pagination"] = text(item, "page");
  if (doi) result["sameAs"] = `https://doi.org/${doi}`;
  if (text(item, "URL")) result["url"] = text(item, "URL");
  return result;
}

/**
 * schema.org JSON-LD: the report as a `Report`, a section as a `Chapter` that is part of it (the
 * same shape as its CSL item and Zotero's "book section"), with authors only when there are any.
 */
export function jsonLd(work: ScholarlyWork): Record<string, unknown> {
  const result: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": work.kind === "report" ? "Report" : "Chapter",
    "@id": work.url,
    url: work.url,
    name: work.title,
    headline: work.title.length > 110 ? `${work.title.slice(0, 109)}…` : work.title,
    description: work.description,
    datePublished: isoDate(work.published),
    inLanguage: work.language,
    isAccessibleForFree: true,
  };
  if (work.authors.length > 0) result["author"] = work.authors.map(schemaAuthor);
  if (work.keywords.length > 0) result["keywords"] = [...work.keywords];
  if (work.licenseUrl ?? work.license) result["license"] = work.licenseUrl ?? work.license;
  if (work.partOf)
    result["isPartOf"] = { "@type": "Report", "@id": work.partOf.url, name: work.partOf.title, url: work.partOf.url };
  if (work.position !== undefined) result["position"] = work.position;
  if (work.parts?.length) {
    result["hasPart"] = work.parts.map((part, index) => ({
      "@type": "Chapter",
      "@id": part.url,
      name: part.title,
      url: part.url,
      position: index + 1,
    }));
  }
  if (work.pdfUrl)
    result["encoding"] = { "@type": "MediaObject", contentUrl: work.pdfUrl, encodingFormat: "application/pdf" };
  if (work.references.length > 0) result["citation"] = work.references.map(schemaCitation);
  return result;
}

/**
 * JSON-LD as the text of a `<script type="application/ld+json">`: "<" is escaped so that no value
 * can close the element.
 */
export function jsonLdText(data: Record<string, unknown>): string {
  return JSON.stringify(data).replaceAll("<", "\\u003c");
}
