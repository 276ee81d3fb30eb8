import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { PDF_CHROMIUM_ARGS, systemChromiumPath } from "../build/browser.ts";
import { withBase } from "../build/site-url.ts";
import type { ReportMetadata } from "../content/schemas/report.ts";
import { findPageFinalHyphens } from "./break-hyphens.ts";
import { destinationPages } from "./destination-pages.ts";
import { finishPdf } from "./finish-pdf.ts";
import { hyphenateText, loadHyphenator } from "./hyphenation.ts";
import { fillPdfDetails, formatPdfDetails } from "./pdf-details.ts";
import { pdfFileName, pdfMetadata } from "./pdf-metadata.ts";
import {
  addSubsectionsToContents,
  applyHyphenatedText,
  collectHyphenatableText,
  figureDescriptions,
  fillContentsPages,
  fitWideEquations,
  fitWideTables,
  type HyphenationLimits,
  labelFormulas,
  limitHyphenation,
  linkDescriptions,
  NO_HYPHENS_SELECTOR,
  prepareContentsPages,
  printedColumnWidth,
  timelinesAsTables,
  unlinkSiteLinks,
} from "./print-dom.ts";
import { serveStatic } from "./static-server.ts";
import { svgWithShippedFonts } from "./svg-fonts.ts";

/** How far a wide equation may shrink to fit the printed column: below this it is too small to read. */
const SMALLEST_EQUATION_SCALE = 0.6;
/** How far a wide table's type may shrink (8.5 pt to about 6.4 pt) before its long words may break. */
const SMALLEST_TABLE_SCALE = 0.75;
/** No more than two hyphenated lines in a row, as in LaTeX's usual output. */
const MAX_HYPHENATED_LINES_IN_A_ROW = 2;
/**
 * A line may be broken with a hyphen only when, without it, it would end more than this share of the
 * column short of the right edge: ragged-right text needs hyphens only to keep the rag even.
 */
const HYPHENATION_ZONE = 0.12;

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

// Printing with numbers filled in can in principle move a heading, and a word kept whole at a page's
// foot moves the lines after it; print again until nothing changes.
const MAX_PRINTINGS = 4;

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
  // Node's own loader, not import(): Astro's build:done hooks run after Vite's module runner has
  // closed, and a dynamic import through it fails ("Vite module runner has been closed").
  const { chromium } = createRequire(import.meta.url)("playwright") as typeof import("playwright");
  const server = await serveStatic(distDir, base);
  const executablePath = systemChromiumPath();
  const browser = await chromium.launch({ args: PDF_CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
  let printed: Uint8Array;
  let headings: string[];
  let figures: string[];
  let links: Array<[string, string]>;
  let formulas: string[];
  let printings = 0;
  try {
    const page = await browser.newPage();
    // An SVG figure prints its text in shipped fonts it carries (svg-fonts.ts); the built file stays as it is.
    await page.route(/\.svg(?:[?#]|$)/i, async (route) => {
      const response = await route.fetch();
      const type = response.headers()["content-type"] ?? "";
      if (!response.ok() || !type.includes("svg")) return route.fulfill({ response });
      return route.fulfill({ response, body: svgWithShippedFonts(await response.text()) });
    });
    const url = `${server.origin}${withBase(base, "report/")}`;
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response?.ok()) throw new Error(`PDF: ${url} answered ${response?.status() ?? "nothing"}`);
    await page.emulateMedia({ media: "print" });
    // Laid out in print first: only then does the page ask for the print fonts it waits for.
    await page.evaluate(() => document.body.getBoundingClientRect() && document.fonts.ready);
    // Measured at the printed column's width, then back to the window's for everything else.
    const window = page.viewportSize();
    // The column is a fraction of a pixel wide (4.4 in is 422.4 px): the root gets that width exactly,
    // or a line that just fits on paper would break here, and every line after it differently.
    const column = await page.evaluate(printedColumnWidth);
    const atColumn = async () => {
      await page.setViewportSize({ width: Math.ceil(column), height: 1000 });
      await page.evaluate((width) => {
        document.documentElement.style.width = `${width}px`;
      }, column);
    };
    const atWindow = async () => {
      await page.evaluate(() => document.documentElement.style.removeProperty("width"));
      if (window) await page.setViewportSize(window);
    };
    await atColumn();
    await page.evaluate(timelinesAsTables);
    await page.evaluate(addSubsectionsToContents);
    if (!site) await page.evaluate(unlinkSiteLinks);
    const hyphenationLimits: HyphenationLimits = { maxInARow: MAX_HYPHENATED_LINES_IN_A_ROW, zone: HYPHENATION_ZONE };
    await page.evaluate(fitWideEquations, SMALLEST_EQUATION_SCALE);
    await page.evaluate(fitWideTables, SMALLEST_TABLE_SCALE);
    headings = await page
      .locator("h1, h2, h3, h4, h5, h6")
      .evaluateAll((nodes) => nodes.map((node) => (node.textContent ?? "").replace(/\s+/g, " ").trim()));
    figures = await page.evaluate(figureDescriptions);
    links = await page.evaluate(linkDescriptions);
    formulas = await page.evaluate(labelFormulas);
    const hyphenate = loadHyphenator(report.language);
    if (hyphenate) {
      const texts = await page.evaluate(collectHyphenatableText, NO_HYPHENS_SELECTOR);
      await page.evaluate(
        applyHyphenatedText,
        texts.map(({ text, endsParagraph }) => hyphenateText(text, hyphenate, endsParagraph)),
      );
      // Lines break here as on paper, since the window is the column's width.
      await page.evaluate(limitHyphenation, hyphenationLimits);
    }
    await atWindow();
    const ids = await page.evaluate(prepareContentsPages);
    // A first printing only tells where headings fall: untagged and without an outline it is quicker.
    // With hyphens it is tagged, since only a tagged printing marks the hyphens that broke lines.
    const print = async (final: boolean) => {
      printings++;
      return page.pdf({ tagged: final, outline: final, preferCSSPageSize: true, printBackground: true });
    };
    printed = await print(ids.length === 0 || hyphenate !== undefined);
    let previous = "";
    while (printings < MAX_PRINTINGS) {
      let changed = false;
      if (ids.length > 0) {
        const all = destinationPages(await PDFDocument.load(printed, { updateMetadata: false }));
        const pages = Object.fromEntries(ids.flatMap((id) => (all.has(id) ? [[id, all.get(id) ?? 0]] : [])));
        const key = JSON.stringify(pages);
        if (key !== previous) {
          previous = key;
          await page.evaluate(fillContentsPages, pages);
          changed = true;
        }
      }
      if (hyphenate) {
        // A word is never split across two pages: the one a printing split goes back whole.
        const pageFinal = await findPageFinalHyphens(printed);
        if (pageFinal.length > 0) {
          await atColumn();
          const kept = await page.evaluate(limitHyphenation, {
            ...hyphenationLimits,
            pageFinal: pageFinal.map((hyphen) => hyphen.line),
          });
          await atWindow();
          if (kept > 0) changed = true;
        }
      }
      if (!changed) break;
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
    { figures, links: new Map(links.toReversed()), formulas },
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
