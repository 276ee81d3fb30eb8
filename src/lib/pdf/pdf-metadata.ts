import type { ReportMetadata } from "../content/schemas/report.ts";
import { formatByline } from "../metadata/byline.ts";

/** What the PDF's document information says about the report. */
export interface PdfMetadata {
  title: string;
  /** Absent when the report names no author: the PDF then names none either. */
  author: string | undefined;
  subject: string;
  keywords: string[];
  /** BCP 47 tag, for the catalog's /Lang. */
  language: string;
  creationDate: Date;
  /** The application that made the document (the Info dictionary's /Creator). */
  creator: string;
}

/** File name of the report's PDF in the built site, e.g. `self-help-group-report.pdf`. */
export function pdfFileName(report: Pick<ReportMetadata, "pdfName">): string {
  return `${report.pdfName}.pdf`;
}

/** Maps report.yaml to the PDF's metadata; never invents an author. */
export function pdfMetadata(report: ReportMetadata): PdfMetadata {
  return {
    title: report.title,
    author: formatByline(report.authors, report.language),
    subject: report.summary,
    keywords: report.keywords,
    language: report.language,
    creationDate: report.published,
    creator: "Astro build, printed by Chromium",
  };
}
