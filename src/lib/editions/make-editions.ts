import fs from "node:fs";
import path from "node:path";
import { outputFile } from "../build/write-gate.ts";
import { loadReportMetadata, REPORT_FILE } from "../content/report-file.ts";
import { sectionSchema } from "../content/schemas/section.ts";
import { readSectionFiles } from "../content/section-sources.ts";
import { fillDetails, formatFileSize } from "../pdf/pdf-details.ts";
import { pdfFileName } from "../pdf/pdf-metadata.ts";
import { buildCartridge } from "./cartridge/build-cartridge.ts";
import { characterXmlCannotCarry } from "./cartridge/cartridge-xml.ts";
import { cartridgeFileName, epubFileName, epubSkipReason, singleFileName } from "./edition-availability.ts";
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
 * Makes the take-away editions of a built site: the single-file HTML, the EPUB 3 and the course
 * package (IMS Common Cartridge), all from the built `/report/` page, and fills their sizes into the
 * pages' download links. A failure throws and leaves no file half-written. The build runs it after
 * the PDF (whose details the pages then carry, and which the course package carries), in its own
 * process or in Astro's.
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

  const epubFile = outputFile(distDir, epubFileName(report), origin);
  const skipped = epubSkipReason();
  if (skipped) {
    log(`${skipped} No page links to an EPUB.`);
  } else {
    started = performance.now();
    const epub = await buildEpub({ distDir, base, site, report, modified: new Date() });
    writeAtomically(epubFile, epub.bytes);
    const epubSize = formatFileSize(epub.bytes.length);
    fillDetails(distDir, "data-epub-details", `(${epubSize})`);
    log(`${epubFile} (${epubSize}) written in ${Math.round(performance.now() - started)} ms`);
  }

  // Last, so that it carries the PDF, the EPUB and the single file this build made.
  started = performance.now();
  const downloads = [
    { file: path.join(distDir, pdfFileName(report)), title: `${report.title} (PDF)` },
    { file: epubFile, title: `${report.title} (EPUB)` },
    { file: htmlFile, title: `${report.title} (one HTML file)` },
  ].filter((download) => fs.existsSync(download.file));
  const sections = readSectionFiles(contentDir).map((section) => ({
    slug: section.slug,
    questions: discussionQuestions(section.file, section.frontmatter["questions"]),
  }));
  const cartridge = buildCartridge({ distDir, base, site, report, sections, downloads });
  const cartridgeFile = outputFile(distDir, cartridgeFileName(report), origin);
  writeAtomically(cartridgeFile, cartridge.bytes);
  const cartridgeSize = formatFileSize(cartridge.bytes.length);
  fillDetails(distDir, "data-cartridge-details", `(${cartridgeSize})`);
  log(
    `${cartridgeFile} (${cartridgeSize}, ${cartridge.files.length} files) written in ${Math.round(performance.now() - started)} ms`,
  );
}

/**
 * A section's discussion questions as its frontmatter gives them (the collection's schema has
 * checked them); one holding a character XML cannot carry stops the build with the file and fix.
 */
function discussionQuestions(file: string, questions: unknown): string[] {
  const parsed = sectionSchema.shape.questions.parse(questions) ?? [];
  for (const question of parsed) {
    const character = characterXmlCannotCarry(question);
    if (character) {
      throw new Error(
        `${file}: the discussion question "${question.slice(0, 80)}" holds the control character ${character}, which the course package (XML) cannot carry.\n  Fix: remove it from the question in the frontmatter.`,
      );
    }
  }
  return parsed;
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
