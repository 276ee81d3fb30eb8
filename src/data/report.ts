import { type CollectionEntry, getCollection } from "astro:content";
import fs from "node:fs";
import path from "node:path";
import { siteUrl } from "../lib/build/site-url.ts";
import type { FormattedEntry } from "../lib/citations/citation-engine.ts";
import type { CslItem } from "../lib/citations/citation-js.ts";
import { resolveContentDir } from "../lib/content/content-dir.ts";
import { loadReportMetadata } from "../lib/content/report-file.ts";
import type { ReportMetadata } from "../lib/content/schemas/report.ts";
import { reportScholarlyWork, sectionScholarlyWork } from "../lib/metadata/report-work.ts";
import type { ScholarlyWork } from "../lib/metadata/scholarly-metadata.ts";
import { pdfFileName } from "../lib/pdf/pdf-metadata.ts";
import { type CitingPlace, collectCitingPlaces } from "../lib/report/citing-places.ts";
import type { ContentFeatures } from "../lib/report/content-features.ts";
import { sumReadingStats } from "../lib/report/reading-stats.ts";
import type { SectionAnalysis } from "../lib/report/report-analysis.ts";
import { loadReportContext } from "../lib/report/report-context.ts";
import { loadTimeline, resolveTimeline, type TimelineEvent, timelineSectionTarget } from "../lib/timeline/events.ts";

// Every content query of the site, each run once per build: pages never re-read content.

/** The folder the report is built from. */
export const contentDir = resolveContentDir();

/** The report's validated metadata. */
export const report: ReportMetadata = loadReportMetadata(contentDir);

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

/** What each standalone page's text uses beyond paragraphs (for its stylesheets), by page id. */
export const pageFeatures: ReadonlyMap<string, ContentFeatures> = context.pageFeatures;

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

const citedKeys: ReadonlySet<string> = context.cited;

/** The works cited in the report, in APA order. */
export const citedReferences: Reference[] = referencesFor([...citedKeys]);

/** Works the author lists without citing them (report.yaml's furtherReading). */
export const furtherReading: Reference[] = referencesFor(report.furtherReading.filter((key) => !citedKeys.has(key)));

/** Every work the references page lists, formatted once, by key: what the citation previews show. */
export const formattedEntries: ReadonlyMap<string, FormattedEntry> = context.entries;

/** The bibliography as CSL-JSON, for the downloads. */
export const bibliographyItems = context.bibliography.items;

/**
 * The PDF of the full report, when this build prints one (it needs Chromium): the PDF integration
 * decides that once, before any page renders (src/integrations/pdf-integration.ts).
 */
export const pdf = {
  enabled: __REPORT_PDF__,
  fileName: pdfFileName(report),
  url: siteUrl(pdfFileName(report)),
};

const bibliographyByKey = new Map(bibliographyItems.map((item) => [item.id, item]));

function bibliographyFor(keys: ReadonlySet<string>): CslItem[] {
  return citedReferences
    .filter((entry) => keys.has(entry.key))
    .flatMap((entry) => bibliographyByKey.get(entry.key) ?? []);
}

/** The report as its landing page and its full text describe it, with every work it cites. */
export const reportWork: ScholarlyWork = reportScholarlyWork({
  report,
  pdfFileName: pdf.enabled ? pdf.fileName : undefined,
  references: bibliographyFor(new Set(citedReferences.map((entry) => entry.key))),
  sections,
});

/**
 * The report as its other pages (timeline, references, instructors, standalone pages, 404) describe
 * it: a reference manager saves the report from any page, but only the landing page and the full text
 * list the works it cites. Google Scholar reads `citation_reference` from the landing page, and
 * repeating every reference on every page only makes each page heavier (a report citing 4,000 works
 * put 3.6 MB of them into each one).
 */
export const reportPageWork: ScholarlyWork = { ...reportWork, references: [] };

/** A section as its page's head describes it: a part of the report citing its own works. */
export function sectionWork(section: Section): ScholarlyWork {
  const keys = new Set(
    section.analysis.citingBlocks.flatMap((block) =>
      block.citations.flatMap((citation) => citation.items.map((item) => item.key)),
    ),
  );
  return sectionScholarlyWork(reportWork, {
    title: section.title,
    slug: section.slug,
    description: section.entry.data.description ?? report.summary,
    number: section.number,
    references: bibliographyFor(keys),
  });
}

/** The history timeline's events in time order, each checked against the sections and the bibliography. */
export const timeline: TimelineEvent[] = resolveTimeline(loadTimeline(contentDir), {
  sections: sections.map(timelineSectionTarget),
  bibliographyKeys: bibliographyItems.map((item) => item.id),
  bibliographyFile: context.bibliography.file,
  listedKeys: new Set([...citedReferences, ...furtherReading].map((reference) => reference.key)),
  formatCitation: (key) => context.engine.formatCitation({ kind: "parenthetical", items: [{ key }] }).text,
  referencesUrl: siteUrl("references/"),
});
