import { absoluteUrl, siteIsKnown, siteUrl } from "../build/site-url.ts";
import type { CslItem } from "../citations/citation-js.ts";
import { reportCslItem, sectionCslItem } from "../citations/cite-this.ts";
import { EXPORT_FORMATS } from "../citations/export-formats.ts";
import type { ReportMetadata } from "../content/schemas/report.ts";
import type { ScholarlyWork } from "./scholarly-metadata.ts";

/** A section as its citation and its page's metadata name it. */
export interface SectionIdentity {
  title: string;
  slug: string;
}

/** The report as it is cited: the one CSL item every format of "Cite this report" is made from. */
export function reportCitationItem(report: ReportMetadata): CslItem {
  return reportCslItem({ ...report, url: siteIsKnown() ? absoluteUrl("") : undefined });
}

/** A section as it is cited: a chapter of the report. */
export function sectionCitation(reportCitation: CslItem, section: SectionIdentity): CslItem {
  return sectionCslItem(reportCitation, {
    title: section.title,
    slug: section.slug,
    url: siteIsKnown() ? absoluteUrl(`sections/${section.slug}/`) : undefined,
  });
}

/** What the report's page-head description is made from. */
export interface ReportWorkInput {
  report: ReportMetadata;
  /** The PDF's file name, when the build prints one. */
  pdfFileName: string | undefined;
  /** The works the report cites, as CSL-JSON, in the references page's order. */
  references: readonly CslItem[];
  sections: readonly SectionIdentity[];
}

/** The report as every page's head describes it to reference managers and search engines. */
export function reportScholarlyWork({ report, pdfFileName, references, sections }: ReportWorkInput): ScholarlyWork {
  return {
    kind: "report",
    title: report.title,
    url: absoluteUrl(""),
    authors: report.authors,
    published: report.published,
    language: report.language,
    description: report.summary,
    keywords: report.keywords,
    pdfUrl: pdfFileName === undefined ? undefined : absoluteUrl(pdfFileName),
    references,
    parts: sections.map((section) => ({ title: section.title, url: absoluteUrl(`sections/${section.slug}/`) })),
    license: report.license,
    licenseUrl: report.licenseUrl,
  };
}

/** What a section's page-head description adds to the report's. */
export interface SectionWorkInput extends SectionIdentity {
  description: string;
  /** 1-based position in reading order. */
  number: number;
  /** The works the section cites, as CSL-JSON. */
  references: readonly CslItem[];
}

/** A section as its page's head describes it: a part of the report citing its own works. */
export function sectionScholarlyWork(reportWork: ScholarlyWork, section: SectionWorkInput): ScholarlyWork {
  return {
    ...reportWork,
    kind: "section",
    title: section.title,
    url: absoluteUrl(`sections/${section.slug}/`),
    description: section.description,
    references: section.references,
    partOf: { title: reportWork.title, url: reportWork.url },
    position: section.number,
    parts: undefined,
  };
}

/** The report's reference as files to download (BibTeX, RIS, CSL-JSON), served under /cite/. */
export function citationDownloads(report: ReportMetadata): Array<{ href: string; label: string }> {
  return EXPORT_FORMATS.map((format) => ({
    href: siteUrl(`cite/${report.pdfName}.${format.extension}`),
    label: `${report.pdfName}.${format.extension} (${format.label})`,
  }));
}
