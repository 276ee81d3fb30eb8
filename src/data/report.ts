import { getCollection } from "astro:content";
import { chromiumAvailable } from "../lib/browser.ts";
import type { FormattedEntry } from "../lib/citations/citation-engine.ts";
import { type CitingPlace, collectCitingPlaces } from "../lib/citations/citing-places.ts";
import { resolveContentDir } from "../lib/content-dir.ts";
import { sumReadingStats } from "../lib/reading-stats.ts";
import type { SectionAnalysis } from "../lib/report-analysis.ts";
import { loadReportContext } from "../lib/report-context.ts";
import { loadReportMetadata } from "../lib/report-metadata.ts";
import type { ReportMetadata } from "../lib/schemas/report.ts";
import { orderSections } from "../lib/section-order.ts";
import { withBase } from "../lib/site-url.ts";

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
const sectionEntries = orderSections(await getCollection("sections"));

/** A section of the report with everything its pages show. */
export interface Section {
  entry: (typeof sectionEntries)[number];
  slug: string;
  title: string;
  /** 1-based position in reading order. */
  number: number;
  url: string;
  analysis: SectionAnalysis;
}

/** The sections in reading order. */
export const sections: Section[] = sectionEntries.map((entry, index) => {
  const analysis = context.analyses.get(entry.id);
  if (!analysis) throw new Error(`no analysis for section ${entry.id}`);
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

/** Standalone pages such as the edition note. */
export const pages = await getCollection("pages");

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
  return context.engine
    .formatBibliography(keys)
    .map((entry) => ({ ...entry, citedBy: citingPlaces.get(entry.key) ?? [] }));
}

/** The works cited in the report, in APA order. */
export const citedReferences: Reference[] = referencesFor([...citingPlaces.keys()]);

/** Works the author lists without citing them (report.yaml's furtherReading). */
export const furtherReading: Reference[] = referencesFor(report.furtherReading.filter((key) => !citingPlaces.has(key)));

/** The bibliography as CSL-JSON, for the downloads. */
export const bibliographyItems = context.bibliography.items;

/** The PDF of the full report, when this build can print one (it needs Chromium). */
export const pdf = {
  enabled: process.env["REPORT_PDF"] !== "off" && (await chromiumAvailable()),
  fileName: `${report.pdfName}.pdf`,
  url: siteUrl(`${report.pdfName}.pdf`),
};
