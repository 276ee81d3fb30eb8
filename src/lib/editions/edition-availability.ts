import { type Environment, readEnvironment } from "../build/environment.ts";
import type { ReportMetadata } from "../content/schemas/report.ts";

/** Why the EPUB is not made in this build, or undefined when it is. */
export function epubSkipReason(environment: Pick<Environment, "epub"> = readEnvironment()): string | undefined {
  return !environment.epub ? "EPUB skipped: REPORT_EPUB=off." : undefined;
}

/** File name of the report's EPUB in the built site, e.g. `self-help-group-report.epub`. */
export function epubFileName(report: Pick<ReportMetadata, "pdfName">): string {
  return `${report.pdfName}.epub`;
}

/** File name of the single-file HTML edition in the built site, e.g. `self-help-group-report.html`. */
export function singleFileName(report: Pick<ReportMetadata, "pdfName">): string {
  return `${report.pdfName}.html`;
}

/** File name of the course package (IMS Common Cartridge) in the built site, e.g. `self-help-group-report.imscc`. */
export function cartridgeFileName(report: Pick<ReportMetadata, "pdfName">): string {
  return `${report.pdfName}.imscc`;
}
