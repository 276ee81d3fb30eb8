import { type CollectionEntry, getCollection } from "astro:content";
import fs from "node:fs";
import path from "node:path";
import { withBase } from "../lib/build/site-url.ts";
import type { FormattedEntry } from "../lib/citations/citation-engine.ts";
import type { CslItem } from "../lib/citations/citation-js.ts";
import { citationFiles, reportCslItem, sectionCslItem } from "../lib/citations/cite-this.ts";
import { findUncitedEntries } from "../lib/citations/uncited-entries.ts";
import { resolveContentDir } from "../lib/content/content-dir.ts";
import { loadReportMetadata } from "../lib/content/report-file.ts";
import type { ReportMetadata } from "../lib/content/schemas/report.ts";
import type { ScholarlyWork } from "../lib/metadata/scholarly-metadata.ts";
import { pdfSkipReason } from "../lib/pdf/pdf-availability.ts";
import { pdfFileName } from "../lib/pdf/pdf-metadata.ts";
import { type CitingPlace, collectCitingPlaces } from "../lib/report/citing-places.ts";
import { sumReadingStats } from "../lib/report/reading-stats.ts";
import type { SectionAnalysis } from "../lib/report/report-analysis.ts";
import { loadReportContext } from "../lib/report/report-context.ts";
import { loadTimeline, resolveTimeline, type TimelineEvent, timelineSectionTarget } from "../lib/timeline/events.ts";

// Every content query of the site, each run once per build: pages never re-read content.

/** The folder the report is built from. */
export const contentDir = resolveContentDir();

/** The report's validated metadata. */
export const report: ReportMetadata = loadReportMetadata(contentDir);

/** Makes a site-internal URL that respects the configured base path. */
export function siteUrl(target: string): string {
  return withBase(import.meta.env.BASE_URL, target);
}

const context = loadReportContext(contentDir);
const sectionEntries = new Map((await getCollection("sections")).map((entry) => [entry.id, entry]));

/** A section of the report with everything its pages show. */
export interface Section {
  entry: CollectionEntry<"sections">;
  slug: string;
  title: string;
  /** 1-based position in reading order. */
  number: number;
  url: string;
  analysis: SectionAnalysis;
}

/** The sections in the reading order the report's analysis found. */
export const sections: Section[] = context.sections.map((analysis, index) => {
  const entry = sectionEntries.get(analysis.slug);
  if (!entry) throw new Error(`the content collection has no section ${analysis.slug}`);
  return {
    entry,
    slug: entry.id,
    title: entry.data.title,
    number: index + 1,
    url: siteUrl(`sections/${entry.id}/`),
    analysis,
  };
});

/** Word count and reading time of the whole report. */
export const reportStats = sumReadingStats(sections.map((section) => section.analysis.stats));

/** Standalone pages such as the edition note; a report need not have any (no `pages/` folder). */
export const pages = fs.existsSync(path.join(contentDir, "pages")) ? await getCollection("pages") : [];

/** A work on the references page, with the places that cite it. */
export interface Reference extends FormattedEntry {
  citedBy: CitingPlace[];
}

const citingPlaces = collectCitingPlaces(
  sections.map((section) => ({
    slug: section.slug,
    title: section.title,
    url: section.url,
    analysis: section.analysis,
  })),
);

function referencesFor(keys: readonly string[]): Reference[] {
  const wanted = new Set(keys);
  return [...context.entries.values()]
    .filter((entry) => wanted.has(entry.key))
    .map((entry) => ({ ...entry, citedBy: citingPlaces.get(entry.key) ?? [] }));
}

// Captions are not paragraphs: a work cited only in a figure or table caption is cited all the same.
const citedKeys = new Set([...citingPlaces.keys(), ...context.crossReferences.captionKeys]);

/** The works cited in the report, in APA order. */
export const citedReferences: Reference[] = referencesFor([...citedKeys]);

const uncited = findUncitedEntries(
  context.bibliography.items.map((item) => item.id),
  citedKeys,
  report.furtherReading,
  `${contentDir}/report.yaml`,
);
if (uncited.unused.length > 0) {
  console.warn(
    `[references] ${uncited.unused.length} bibliography entr${uncited.unused.length === 1 ? "y is" : "ies are"} cited nowhere and left off the references page: ${uncited.unused.join(", ")}. Cite them, list them under furtherReading in report.yaml, or remove them.`,
  );
}

/** Works the author lists without citing them (report.yaml's furtherReading). */
export const furtherReading: Reference[] = referencesFor(report.furtherReading.filter((key) => !citedKeys.has(key)));

/** The bibliography as CSL-JSON, for the downloads. */
export const bibliographyItems = context.bibliography.items;

/**
 * The PDF of the full report, when this build can print one (it needs Chromium). Only builds print
 * it (src/integrations/pdf-integration.ts, with the same test), so `astro dev` links no PDF.
 */
export const pdf = {
  enabled: import.meta.env.PROD && (await pdfSkipReason()) === undefined,
  fileName: pdfFileName(report),
  url: siteUrl(pdfFileName(report)),
};

/** True when SITE_URL says where the site lives; without it no page names an absolute URL of the site. */
export const siteIsKnown = Boolean(import.meta.env.SITE);

/**
 * Absolute URL of a path inside the site (from SITE_URL), for citations and metadata; a path from
 * the site's root when SITE_URL is unset (never a localhost address).
 */
export function absoluteUrl(target: string): string {
  return siteIsKnown ? new URL(siteUrl(target), import.meta.env.SITE).href : siteUrl(target);
}

/** The report as it is cited: the one CSL item every format of "Cite this report" is made from. */
export const reportCitation: CslItem = reportCslItem({ ...report, url: siteIsKnown ? absoluteUrl("") : undefined });

/** A section as it is cited: a chapter of the report. */
export function sectionCitation(section: Section): CslItem {
  return sectionCslItem(reportCitation, {
    title: section.title,
    slug: section.slug,
    url: siteIsKnown ? absoluteUrl(`sections/${section.slug}/`) : undefined,
  });
}

function bibliographyFor(keys: ReadonlySet<string>): CslItem[] {
  const byKey = new Map(bibliographyItems.map((item) => [item.id, item]));
  return citedReferences.filter((entry) => keys.has(entry.key)).flatMap((entry) => byKey.get(entry.key) ?? []);
}

/** The report as every page's head describes it to reference managers and search engines. */
export const reportWork: ScholarlyWork = {
  kind: "report",
  title: report.title,
  url: absoluteUrl(""),
  authors: report.authors,
  published: report.published,
  language: report.language,
  description: report.summary,
  keywords: report.keywords,
  pdfUrl: pdf.enabled ? absoluteUrl(pdf.fileName) : undefined,
  references: bibliographyFor(new Set(citedReferences.map((entry) => entry.key))),
  parts: sections.map((section) => ({ title: section.title, url: absoluteUrl(`sections/${section.slug}/`) })),
  license: report.license,
  licenseUrl: report.licenseUrl,
};

/** A section as its page's head describes it: a part of the report citing its own works. */
export function sectionWork(section: Section): ScholarlyWork {
  const keys = new Set(
    section.analysis.citingBlocks.flatMap((block) =>
      block.citations.flatMap((citation) => citation.items.map((item) => item.key)),
    ),
  );
  return {
    ...reportWork,
    kind: "section",
    title: section.title,
    url: absoluteUrl(`sections/${section.slug}/`),
    description: section.entry.data.description ?? report.summary,
    references: bibliographyFor(keys),
    partOf: { title: report.title, url: reportWork.url },
    position: section.number,
    parts: undefined,
  };
}

/** The report's reference as files to download (BibTeX, RIS, CSL-JSON), served under /cite/. */
export const reportCitationDownloads = citationFiles.map((file) => ({
  href: siteUrl(`cite/${report.pdfName}.${file.extension}`),
  label: `${report.pdfName}.${file.extension} (${file.format})`,
}));

/** The history timeline's events in time order, each checked against the sections and the bibliography. */
export const timeline: TimelineEvent[] = resolveTimeline(loadTimeline(contentDir), {
  sections: sections.map(timelineSectionTarget),
  bibliographyKeys: bibliographyItems.map((item) => item.id),
  bibliographyFile: context.bibliography.file,
  listedKeys: new Set([...citedReferences, ...furtherReading].map((reference) => reference.key)),
  formatCitation: (key) => context.engine.formatCitation({ kind: "parenthetical", items: [{ key }] }).text,
  referencesUrl: siteUrl("references/"),
});
