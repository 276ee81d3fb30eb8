import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { systemChromiumPath } from "../lib/build/browser.ts";
import { readEnvironment } from "../lib/build/environment.ts";
import { loadReportMetadata } from "../lib/content/report-file.ts";
import { pdfSkipReason } from "../lib/pdf/pdf-availability.ts";
import { printReportPdf } from "../lib/pdf/print-report.ts";

/** Options of {@link pdfIntegration}. */
export interface PdfIntegrationOptions {
  contentDir: string;
}

/**
 * Prints the full report to a PDF after the site is built. Without Chromium the site is still built
 * and the build says why the PDF is missing; with Chromium, a failed print fails the build.
 * Whether a PDF will exist is decided once, before the pages render, and handed to them as the
 * build-time constant `__REPORT_PDF__`, so that no page links to a PDF the build will not print.
 * With `REPORT_FINISH=separate` (`npm run build`) the printing is left to scripts/finish-build.ts,
 * which runs once Astro's process has exited: Chromium then never holds memory beside the site's build.
 */
export function pdfIntegration({ contentDir }: PdfIntegrationOptions): AstroIntegration {
  let base = "/";
  // Without SITE_URL, links back to the site stay paths (never the local print server's address).
  let site = "";
  // Only builds print the PDF, so `astro dev` links none.
  let skipped: string | undefined = "PDF skipped: only builds print the PDF.";
  return {
    name: "report-pdf",
    hooks: {
      "astro:config:setup": async ({ command, updateConfig }) => {
        if (command === "build") skipped = await pdfSkipReason();
        updateConfig({ vite: { define: { __REPORT_PDF__: JSON.stringify(skipped === undefined) } } });
      },
      "astro:config:done": ({ config }) => {
        base = config.base;
        if (config.site) site = config.site;
      },
      "astro:build:done": async ({ dir, logger }) => {
        if (skipped) {
          logger.warn(`${skipped} The site is built without it, and no page links to it.`);
          return;
        }
        if (readEnvironment().finishSeparately) {
          logger.info("The PDF is printed after this process ends (REPORT_FINISH=separate).");
          return;
        }
        try {
          const pdf = await printReportPdf({
            distDir: fileURLToPath(dir),
            base,
            site,
            report: loadReportMetadata(contentDir),
          });
          logger.info(`${pdf.file} ${pdf.details} printed ${pdf.printings}x in ${pdf.milliseconds} ms`);
        } catch (error) {
          // Playwright's errors carry a long call log; the first line says what went wrong.
          const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
          const browser = systemChromiumPath() ?? "Playwright's Chromium";
          throw new Error(
            `Printing the PDF with ${browser} failed: ${reason}\n  Fix: check that this Chromium starts (set CHROMIUM_PATH to a working one, or apt-get install chromium), or build without the PDF with REPORT_PDF=off.`,
            { cause: error },
          );
        }
      },
    },
  };
}
