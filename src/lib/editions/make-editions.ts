import fs from "node:fs";
import path from "node:path";
import { outputFile } from "../build/write-gate.ts";
import { loadReportMetadata, REPORT_FILE } from "../content/report-file.ts";
import { fillDetails, formatFileSize } from "../pdf/pdf-details.ts";
import { epubFileName, epubSkipReason, singleFileName } from "./edition-availability.ts";
import { buildEpub } from "./epub/build-epub.ts";
import { buildSingleFileHtml } from "./single-file-html.ts";
import { writeAtomically } from "./write-atomically.ts";

/** Options of {@link makeEditions}. */
export interface MakeEditionsOptions {
  /** The built site (Astro's outDir). */
  distDir: string;
  /** Astro's `base`. */
  base: string;
  /** The site's public URL; undefined without SITE_URL (the editions then link nothing back to the site). */
  site: string | undefined;
  contentDir: string;
  /** Where progress is told. */
  log: (message: string) => void;
}

/**
 * Makes the take-away editions of a built site: the single-file HTML and the EPUB 3, both from the
 * built `/report/` page, and fills their sizes into the pages' download links. A failure throws and
 * leaves neither file half-written. The build runs it after the PDF (whose details the pages then
 * carry), in its own process or in Astro's.
 */
export async function makeEditions({ distDir, base, site, contentDir, log }: MakeEditionsOptions): Promise<void> {
  const report = loadReportMetadata(contentDir);
  let started = performance.now();
  const html = buildSingleFileHtml({ distDir, base, site });
  const origin = `${path.join(contentDir, REPORT_FILE)}: pdfName "${report.pdfName}"`;
  const htmlFile = outputFile(distDir, singleFileName(report), origin);
  writeAtomically(htmlFile, html);
  const htmlSize = formatFileSize(Buffer.byteLength(html));
  fillDetails(distDir, "data-single-file-details", `(${htmlSize})`);
  downloadOnlyHeader(distDir, `${base}${singleFileName(report)}`);
  log(`${htmlFile} (${htmlSize}) written in ${Math.round(performance.now() - started)} ms`);

  const skipped = epubSkipReason();
  if (skipped) {
    log(`${skipped} No page links to an EPUB.`);
    return;
  }
  started = performance.now();
  const epub = await buildEpub({ distDir, base, site, report, modified: new Date() });
  const epubFile = outputFile(distDir, epubFileName(report), origin);
  writeAtomically(epubFile, epub.bytes);
  const epubSize = formatFileSize(epub.bytes.length);
  fillDetails(distDir, "data-epub-details", `(${epubSize})`);
  log(`${epubFile} (${epubSize}) written in ${Math.round(performance.now() - started)} ms`);
}

/**
 * Tells hosts that read `_headers` to serve the single file as a download: opened from the site,
 * the site-wide policy (whose style-src allows only the pages' own styles) would block the styles
 * its own policy allows by hash.
 */
function downloadOnlyHeader(distDir: string, urlPath: string): void {
  const file = path.join(distDir, "_headers");
  if (!fs.existsSync(file)) return;
  const headers = fs.readFileSync(file, "utf8");
  if (headers.includes(`\n${urlPath}\n`)) return;
  fs.writeFileSync(file, `${headers.trimEnd()}\n\n${urlPath}\n  Content-Disposition: attachment\n`);
}
