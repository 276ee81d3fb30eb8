import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { pdfSkipReason, printReportPdf } from "../lib/pdf/print-report.ts";
import { loadReportMetadata } from "../lib/report-metadata.ts";

/** Options of {@link pdfIntegration}. */
export interface PdfIntegrationOptions {
  contentDir: string;
}

/**
 * Prints the full report to a PDF after the site is built. Without Chromium the site is still built
 * and the build says why the PDF is missing; with Chromium, a failed print fails the build.
 */
export function pdfIntegration({ contentDir }: PdfIntegrationOptions): AstroIntegration {
  let base = "/";
  let site = "http://localhost:4321";
  return {
    name: "report-pdf",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base;
        if (config.site) site = config.site;
      },
      "astro:build:done": async ({ dir, logger }) => {
        const skipped = await pdfSkipReason();
        if (skipped) {
          logger.warn(skipped);
          return;
        }
        try {
          const pdf = await printReportPdf({
            distDir: fileURLToPath(dir),
            base,
            site,
            report: loadReportMetadata(contentDir),
          });
          logger.info(`${pdf.file} ${pdf.details} printed in ${pdf.milliseconds} ms`);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(
            `Printing the PDF failed: ${reason}\n  Fix: check that Chromium starts (CHROMIUM_PATH, apt-get install chromium), or build without the PDF with REPORT_PDF=off.`,
            { cause: error },
          );
        }
      },
    },
  };
}
