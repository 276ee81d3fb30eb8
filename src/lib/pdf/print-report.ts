import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { PDF_CHROMIUM_ARGS, systemChromiumPath } from "../build/browser.ts";
import { withBase } from "../build/site-url.ts";
import type { ReportMetadata } from "../content/schemas/report.ts";
import { destinationPages } from "./destination-pages.ts";
import { finishPdf } from "./finish-pdf.ts";
import { hyphenateText, loadHyphenator } from "./hyphenation.ts";
import { fillPdfDetails, formatPdfDetails } from "./pdf-details.ts";
import { pdfFileName, pdfMetadata } from "./pdf-metadata.ts";
import {
  applyHyphenatedText,
  collectHyphenatableText,
  figureDescriptions,
  fillContentsPages,
  fitWideEquations,
  linkDescriptions,
  NO_HYPHENS_SELECTOR,
  prepareContentsPages,
  printedColumnWidth,
} from "./print-dom.ts";
import { serveStatic } from "./static-server.ts";

/** How far a wide equation may shrink to fit the printed column: below this it is too small to read. */
const SMALLEST_EQUATION_SCALE = 0.6;

/** Options of {@link printReportPdf}. */

export interface PrintOptions {
  /** The built site (Astro's outDir). */
  distDir: string;
  /** Astro's `base`, e.g. `/` or `/reports/self-help/`. */
  base: string;
  /** The site's public origin, for links in the PDF that lead back to the site; "" when SITE_URL is unset. */
  site: string;
  report: ReportMetadata;
}

/** The PDF written into the site. */
export interface PrintedPdf {
  file: string;
  pageCount: number;
  bytes: number;
  /** e.g. "(12 pages, 143 KB)", as filled into the pages' download links. */
  details: string;
  /** Pages whose download link got the details. */
  pagesFilled: number;
  milliseconds: number;
  /** Times Chromium printed: the contents' page numbers come from a first printing. */
  printings: number;
}

// Printing with numbers filled in can in principle move a heading; print again until they agree.
const MAX_PRINTINGS = 3;

/**
 * Prints the full report page of a built site to `<pdfName>.pdf` beside it with Chromium (print
 * media, tagged, outline from the headings), sets its metadata and fills in the download links'
 * page count and size. Throws when Chromium is there but printing fails.
 */
export async function printReportPdf({ distDir, base, site, report }: PrintOptions): Promise<PrintedPdf> {
  const started = performance.now();
  if (!fs.existsSync(path.join(distDir, "report", "index.html"))) {
    throw new Error(`PDF: ${path.join(distDir, "report", "index.html")} is missing; build the site first.`);
  }
  const { chromium } = await import("playwright");
  const server = await serveStatic(distDir, base);
  const executablePath = systemChromiumPath();
  const browser = await chromium.launch({ args: PDF_CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
  let printed: Uint8Array;
  let headings: string[];
  let figures: string[];
  let links: Array<[string, string]>;
  let printings = 0;
  try {
    const page = await browser.newPage();
    const url = `${server.origin}${withBase(base, "report/")}`;
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response?.ok()) throw new Error(`PDF: ${url} answered ${response?.status() ?? "nothing"}`);
    await page.emulateMedia({ media: "print" });
    await page.evaluate(() => document.fonts.ready);
    // Measured at the printed column's width, then back to the window's for everything else.
    const window = page.viewportSize();
    await page.setViewportSize({ width: Math.floor(await page.evaluate(printedColumnWidth)), height: 1000 });
    await page.evaluate(fitWideEquations, SMALLEST_EQUATION_SCALE);
    if (window) await page.setViewportSize(window);
    headings = await page
      .locator("h1, h2, h3, h4, h5, h6")
      .evaluateAll((nodes) => nodes.map((node) => (node.textContent ?? "").replace(/\s+/g, " ").trim()));
    figures = await page.evaluate(figureDescriptions);
    links = await page.evaluate(linkDescriptions);
    const hyphenate = loadHyphenator(report.language);
    if (hyphenate) {
      const texts = await page.evaluate(collectHyphenatableText, NO_HYPHENS_SELECTOR);
      await page.evaluate(
        applyHyphenatedText,
        texts.map(({ text, endsParagraph }) => hyphenateText(text, hyphenate, endsParagraph)),
      );
    }
    const ids = await page.evaluate(prepareContentsPages);
    // The first printing only tells where headings fall: untagged and without an outline it is quicker.
    const print = async (final: boolean) => {
      printings++;
      return page.pdf({ tagged: final, outline: final, preferCSSPageSize: true, printBackground: true });
    };
    printed = await print(ids.length === 0);
    let previous = "";
    while (ids.length > 0 && printings < MAX_PRINTINGS) {
      const all = destinationPages(await PDFDocument.load(printed, { updateMetadata: false }));
      const pages = Object.fromEntries(ids.flatMap((id) => (all.has(id) ? [[id, all.get(id) ?? 0]] : [])));
      const key = JSON.stringify(pages);
      if (key === previous) break;
      previous = key;
      await page.evaluate(fillContentsPages, pages);
      printed = await print(true);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const finished = await finishPdf(
    printed,
    pdfMetadata(report),
    {
      localOrigin: server.origin,
      siteOrigin: site ? new URL(site).origin : "",
    },
    headings,
    { figures, links: new Map(links.toReversed()) },
  );
  const file = path.join(distDir, pdfFileName(report));
  fs.writeFileSync(file, finished.bytes);
  const details = formatPdfDetails(finished.pageCount, finished.bytes.length);
  return {
    file,
    pageCount: finished.pageCount,
    bytes: finished.bytes.length,
    details,
    pagesFilled: fillPdfDetails(distDir, details),
    milliseconds: Math.round(performance.now() - started),
    printings,
  };
}
