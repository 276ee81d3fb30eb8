/**
 * A PDF figure (`![Caption](fig.pdf)`, as Pandoc papers write them for LaTeX) made publishable: its
 * one page drawn into a PNG at build time by pdf.js, in this Node process (no browser, no poppler),
 * and kept in a content-keyed cache so that a rebuild reuses it. The PNG then goes through the same
 * image pipeline and gates as any other figure.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
// Imported with the module: a dynamic import inside Astro's content rendering can run after Vite's
// module runner has closed ("Vite module runner has been closed").
import { createCanvas } from "@napi-rs/canvas";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { keepNewestCacheFiles } from "../build/cache-dir.ts";
import { MAX_IMAGE_BYTES } from "./image-file.ts";

/**
 * The width a PDF page is drawn at: a full-column figure on a 2x screen (the site's widest
 * generated size is 1,600 px) and at 300 dpi across an A4 text block in print (about 2,000 px).
 */
export const PDF_FIGURE_WIDTH = 2400;

/** The most pixels a drawn page may have (a very tall page is drawn narrower). */
export const MAX_PDF_FIGURE_PIXELS = 16_000_000;

/** Longest a page may take to draw: a PDF that takes longer is broken or hostile. */
const DRAW_TIMEOUT_MS = 60_000;

/** Part of the cache key: a new pdf.js or a new size draws a new PNG. */
const RASTER_VERSION = `pdfjs-6.5.438/${PDF_FIGURE_WIDTH}/${MAX_PDF_FIGURE_PIXELS}`;

/** PNGs kept in the cache; the oldest unused ones go first. */
const KEPT_IN_CACHE = 500;

/** Why a PDF cannot be a figure: the problem follows "the image <path>". */
export interface PdfFigureProblem {
  problem: string;
  fix: string;
}

/** True when the bytes are a PDF: `%PDF-` within the first kilobyte, as readers accept it. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes("%PDF-");
}

/** The scale (pixels per PDF point) that draws a page of this size at most {@link PDF_FIGURE_WIDTH} wide and {@link MAX_PDF_FIGURE_PIXELS}. */
export function pdfFigureScale(widthPoints: number, heightPoints: number): number {
  const byWidth = PDF_FIGURE_WIDTH / widthPoints;
  const byPixels = Math.sqrt(MAX_PDF_FIGURE_PIXELS / (widthPoints * heightPoints));
  return Math.min(byWidth, byPixels);
}

/** The drawn page's size in pixels (what the PNG will be). */
export function pdfFigureSize(widthPoints: number, heightPoints: number): { width: number; height: number } {
  const scale = pdfFigureScale(widthPoints, heightPoints);
  return { width: Math.max(1, Math.floor(widthPoints * scale)), height: Math.max(1, Math.floor(heightPoints * scale)) };
}

function sizeProblem(bytes: number): PdfFigureProblem | undefined {
  if (bytes <= MAX_IMAGE_BYTES) return undefined;
  return {
    problem: `is ${Math.round(bytes / 1024 / 1024)} MB; figures may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`,
    fix: "export it smaller, or as a PNG of at most about 2,400 pixels across.",
  };
}

const pdfjsFolder = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${DRAW_TIMEOUT_MS / 1000} s`)), DRAW_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Draws the one page of a PDF into PNG bytes, or says why it cannot: not a PDF, too large, broken,
 * protected by a password or encrypted, or of more than one page (a figure is one page; LaTeX
 * would show the first and drop the rest without a word). pdf.js 6 compiles no code from a PDF (no
 * eval), its scripting sandbox is never loaded (a PDF's JavaScript is never run), XFA forms are off,
 * and it stops at the first error instead of drawing half a figure.
 */
export async function drawPdfFigure(bytes: Uint8Array): Promise<{ png: Buffer } | PdfFigureProblem> {
  const redo = "export the figure again from the program that made it, as a one-page PDF, PNG or SVG.";
  const large = sizeProblem(bytes.length);
  if (large) return large;
  if (!looksLikePdf(bytes)) {
    return { problem: "is not a PDF file: its bytes do not start as a PDF's do, whatever its name says.", fix: redo };
  }
  const task = getDocument({
    // pdf.js takes the buffer over (transfers it): give it a copy.
    data: new Uint8Array(bytes),
    enableXfa: false,
    stopAtErrors: true,
    verbosity: 0,
    standardFontDataUrl: `${pdfjsFolder}/standard_fonts/`,
    cMapUrl: `${pdfjsFolder}/cmaps/`,
    wasmUrl: `${pdfjsFolder}/wasm/`,
    iccUrl: `${pdfjsFolder}/iccs/`,
  });
  // With no onPassword handler, a PDF that needs a password fails to load with a PasswordException.
  try {
    const pdf = await withTimeout(task.promise, "opening it");
    const { info } = (await pdf.getMetadata()) as { info: { EncryptFilterName?: string | null } };
    if (info.EncryptFilterName) {
      return {
        problem: "is an encrypted PDF (its owner restricted it); the site publishes only unprotected files.",
        fix: "save it again without protection (for example qpdf --decrypt in.pdf out.pdf), or export the figure as PNG or SVG.",
      };
    }
    if (pdf.numPages !== 1) {
      return {
        problem: `is a PDF of ${pdf.numPages} pages; a figure is one page (LaTeX would show the first page and drop the rest without a word).`,
        fix: "save the page the figure is on as a PDF of its own (for example qpdf fig.pdf --pages fig.pdf 2 -- fig-2.pdf), and name that file.",
      };
    }
    const page = await pdf.getPage(1);
    const unit = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: pdfFigureScale(unit.width, unit.height) });
    const { width, height } = pdfFigureSize(unit.width, unit.height);
    const canvas = createCanvas(width, height);
    const context = canvas.getContext("2d");
    // A PDF page is paper: white where nothing is drawn, as a PDF viewer and LaTeX show it.
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    await withTimeout(
      page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as never, viewport })
        .promise,
      "drawing it",
    );
    const png = canvas.toBuffer("image/png");
    return { png };
  } catch (error) {
    const name = (error as { name?: string }).name ?? "";
    if (name === "PasswordException") {
      return {
        problem: "is a PDF protected by a password; the build cannot open it.",
        fix: "save it again without a password (for example qpdf --decrypt --password=… in.pdf out.pdf), or export the figure as PNG or SVG.",
      };
    }
    return {
      problem: `is a PDF that cannot be read: ${(error as Error).message.replace(/\.?$/, ".")}`,
      fix: redo,
    };
  } finally {
    await task.destroy();
  }
}

/**
 * The PNG drawn from a PDF figure, from the content-keyed cache when this PDF was drawn before (by
 * its bytes, not its name or path), else drawn now and kept there. The PNG is named after the PDF,
 * so that the published file's name still says which figure it is.
 */
export async function pdfFigurePng(pdfFile: string, cacheDir: string): Promise<{ file: string } | PdfFigureProblem> {
  const large = sizeProblem(fs.statSync(pdfFile).size);
  if (large) return large;
  const bytes = fs.readFileSync(pdfFile);
  const key = createHash("sha256").update(RASTER_VERSION).update("\0").update(bytes).digest("hex").slice(0, 24);
  const stem = path.basename(pdfFile, path.extname(pdfFile)).replace(/[^\p{L}\p{N}_-]+/gu, "-") || "figure";
  const file = path.join(cacheDir, `${stem}-${key}.png`);
  if (fs.existsSync(file)) {
    // Touched, so that pruning keeps the PNGs builds still use.
    const now = new Date();
    fs.utimesSync(file, now, now);
    return { file };
  }
  const drawn = await drawPdfFigure(bytes);
  if (!("png" in drawn)) return drawn;
  fs.mkdirSync(cacheDir, { recursive: true });
  // Whole or absent: a build running beside this one never reads half a PNG.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, drawn.png);
  fs.renameSync(partial, file);
  keepNewestCacheFiles(cacheDir, KEPT_IN_CACHE, ".png");
  return { file };
}
