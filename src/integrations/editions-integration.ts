import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { outputFile } from "../lib/build/write-gate.ts";
import { loadReportMetadata, REPORT_FILE } from "../lib/content/report-file.ts";
import { epubFileName, epubSkipReason, singleFileName } from "../lib/editions/edition-availability.ts";
import { buildEpub } from "../lib/editions/epub/build-epub.ts";
import { buildSingleFileHtml } from "../lib/editions/single-file-html.ts";
import { writeAtomically } from "../lib/editions/write-atomically.ts";
import { fillDetails, formatFileSize } from "../lib/pdf/pdf-details.ts";

/** Options of {@link editionsIntegration}. */
export interface EditionsIntegrationOptions {
  contentDir: string;
}

/**
 * Makes the take-away editions after the site is built: the EPUB 3 and the single-file HTML, both
 * from the built `/report/` page, and fills their sizes into the pages' download links. A failure
 * fails the build and leaves neither file half-written.
 */
export function editionsIntegration({ contentDir }: EditionsIntegrationOptions): AstroIntegration {
  let base = "/";
  // Unknown without SITE_URL: the editions then link nothing back to the site rather than guess.
  let site: string | undefined;
  return {
    name: "report-editions",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base;
        site = config.site;
      },
      "astro:build:done": async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const report = loadReportMetadata(contentDir);

        let started = performance.now();
        const html = buildSingleFileHtml({ distDir, base, site });
        const origin = `${path.join(contentDir, REPORT_FILE)}: pdfName "${report.pdfName}"`;
        const htmlFile = outputFile(distDir, singleFileName(report), origin);
        writeAtomically(htmlFile, html);
        const htmlSize = formatFileSize(Buffer.byteLength(html));
        fillDetails(distDir, "data-single-file-details", `(${htmlSize})`);
        downloadOnlyHeader(distDir, `${base}${singleFileName(report)}`);
        logger.info(`${htmlFile} (${htmlSize}) written in ${Math.round(performance.now() - started)} ms`);

        const skipped = epubSkipReason();
        if (skipped) {
          logger.info(`${skipped} No page links to an EPUB.`);
          return;
        }
        started = performance.now();
        const epub = await buildEpub({ distDir, base, site, report, modified: new Date() });
        const epubFile = outputFile(distDir, epubFileName(report), origin);
        writeAtomically(epubFile, epub.bytes);
        const epubSize = formatFileSize(epub.bytes.length);
        fillDetails(distDir, "data-epub-details", `(${epubSize})`);
        logger.info(`${epubFile} (${epubSize}) written in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}

/**
 * Tells hosts that read `_headers` to serve the single file as a download: opened from the site,
 * the site-wide policy (`style-src 'self'`) would block the styles its own policy allows by hash.
 */
function downloadOnlyHeader(distDir: string, urlPath: string): void {
  const file = path.join(distDir, "_headers");
  if (!fs.existsSync(file)) return;
  const headers = fs.readFileSync(file, "utf8");
  if (headers.includes(`\n${urlPath}\n`)) return;
  fs.writeFileSync(file, `${headers.trimEnd()}\n\n${urlPath}\n  Content-Disposition: attachment\n`);
}
