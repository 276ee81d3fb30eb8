import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { afterAll, describe, expect, test } from "vitest";
import {
  drawPdfFigure,
  MAX_PDF_FIGURE_PIXELS,
  PDF_FIGURE_WIDTH,
  pdfFigurePng,
  pdfFigureSize,
} from "../../../src/lib/content/pdf-figure.ts";

// Encrypted PDFs made once with qpdf from a one-page PDF of a black box (tests/fixtures/pdf-figures/README.md).
const fixtures = path.resolve(import.meta.dirname, "../../fixtures/pdf-figures");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-figure-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A PDF of the given pages, each with a black box (in PDF points, from the bottom left). */
async function pdfWithBoxes(
  pages: ReadonlyArray<{ width: number; height: number; box: { x: number; y: number; width: number; height: number } }>,
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  for (const { width, height, box } of pages) {
    document.addPage([width, height]).drawRectangle({ ...box, color: rgb(0, 0, 0) });
  }
  return document.save();
}

/** The grey level (0 black, 255 white) of the PNG's pixel at a share of its width and height. */
async function greyAt(png: Buffer, across: number, down: number): Promise<number> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const x = Math.min(info.width - 1, Math.floor(across * info.width));
  const y = Math.min(info.height - 1, Math.floor(down * info.height));
  return data[y * info.width + x] ?? -1;
}

function drawn(result: Awaited<ReturnType<typeof drawPdfFigure>>): Buffer {
  if (!("png" in result)) throw new Error(`not drawn: ${result.problem}`);
  return result.png;
}

describe("drawPdfFigure", () => {
  test("a page is drawn where its PDF draws, at the figure width, white where nothing is drawn", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 72, max: 1400 }),
        fc.integer({ min: 72, max: 1400 }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        async (width, height, left, bottom) => {
          const box = { x: left * width, y: bottom * height, width: 0.4 * width, height: 0.4 * height };
          const png = drawn(await drawPdfFigure(await pdfWithBoxes([{ width, height, box }])));
          const { width: pixelsAcross, height: pixelsDown } = await sharp(png).metadata();
          expect({ width: pixelsAcross, height: pixelsDown }).toEqual(pdfFigureSize(width, height));
          expect((pixelsAcross ?? 0) * (pixelsDown ?? 0)).toBeLessThanOrEqual(MAX_PDF_FIGURE_PIXELS);
          // The box's centre (PDF counts from the bottom, the PNG from the top) is black; a corner outside it is white.
          expect(await greyAt(png, left + 0.2, 1 - (bottom + 0.2))).toBeLessThan(40);
          expect(await greyAt(png, 0.97, 0.02)).toBeGreaterThan(215);
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);

  test("sizes: a figure-wide page is drawn 2,400 px across; a very tall one narrower, within the pixel limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 20_000 }), fc.integer({ min: 10, max: 20_000 }), (width, height) => {
        const size = pdfFigureSize(width, height);
        expect(size.width).toBeLessThanOrEqual(PDF_FIGURE_WIDTH);
        expect(size.width * size.height).toBeLessThanOrEqual(MAX_PDF_FIGURE_PIXELS);
        // The shape is kept, to within a pixel of rounding.
        expect(Math.abs(size.height - (size.width * height) / width)).toBeLessThanOrEqual(1 + height / width);
      }),
    );
    expect(pdfFigureSize(905.652, 598.162)).toEqual({ width: 2400, height: 1585 });
  });

  test("text in a font the PDF does not embed (Helvetica, as R's pdf() writes it) is drawn", async () => {
    const document = await PDFDocument.create();
    const font = await document.embedFont(StandardFonts.Helvetica);
    document.addPage([400, 100]).drawText("HHHHHHHHHH", { x: 10, y: 20, size: 72, font });
    const png = drawn(await drawPdfFigure(await document.save()));
    const { data } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const dark = data.filter((grey) => grey < 60).length / data.length;
    expect(dark).toBeGreaterThan(0.1);
  });

  test("a PDF of several pages is refused, naming its pages and how to keep one", async () => {
    const page = { width: 100, height: 100, box: { x: 10, y: 10, width: 10, height: 10 } };
    const result = await drawPdfFigure(await pdfWithBoxes([page, page, page]));
    expect(result).toMatchObject({ problem: expect.stringContaining("is a PDF of 3 pages; a figure is one page") });
    expect(result).toMatchObject({ fix: expect.stringContaining("--pages") });
  });

  test("an encrypted PDF and one that needs a password are refused with the way to unlock them", async () => {
    const restricted = await drawPdfFigure(fs.readFileSync(path.join(fixtures, "owner-restricted.pdf")));
    expect(restricted).toMatchObject({ problem: expect.stringContaining("is an encrypted PDF") });
    expect(restricted).toMatchObject({ fix: expect.stringContaining("qpdf --decrypt") });
    const locked = await drawPdfFigure(fs.readFileSync(path.join(fixtures, "password.pdf")));
    expect(locked).toMatchObject({ problem: expect.stringContaining("protected by a password") });
  });

  test("bytes that are no PDF, or a PDF cut short or garbled, are refused, never drawn half", async () => {
    expect(await drawPdfFigure(new TextEncoder().encode("<svg/>"))).toMatchObject({
      problem: expect.stringContaining("is not a PDF file"),
    });
    const whole = await pdfWithBoxes([{ width: 100, height: 100, box: { x: 10, y: 10, width: 50, height: 50 } }]);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 9, max: whole.length - 200 }), async (cut) => {
        const result = await drawPdfFigure(whole.slice(0, cut));
        // pdf.js repairs what it can (as viewers do); what it cannot is an error, not a blank PNG.
        if ("png" in result) expect(await greyAt(result.png, 0.35, 0.65)).toBeLessThan(40);
        else expect(result.problem).toMatch(/^is a PDF that cannot be read: .+\.$/);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});

describe("pdfFigurePng", () => {
  test("draws once per content: the same bytes under another name reuse the PNG, other bytes draw anew", async () => {
    const cacheDir = path.join(scratch, "cache");
    const first = path.join(scratch, "chart.pdf");
    const copy = path.join(scratch, "other name.pdf");
    const bytes = await pdfWithBoxes([{ width: 300, height: 200, box: { x: 10, y: 10, width: 100, height: 100 } }]);
    fs.writeFileSync(first, bytes);
    fs.writeFileSync(copy, bytes);
    const drawnFirst = await pdfFigurePng(first, cacheDir);
    if (!("file" in drawnFirst)) throw new Error(drawnFirst.problem);
    expect(path.basename(drawnFirst.file)).toMatch(/^chart-[0-9a-f]{24}\.png$/);
    // A cached PNG is used as it is: marked, it comes back marked (nothing was drawn again).
    fs.appendFileSync(drawnFirst.file, "marked");
    const again = await pdfFigurePng(first, cacheDir);
    expect(again).toEqual(drawnFirst);
    expect(fs.readFileSync(drawnFirst.file, "latin1").endsWith("marked")).toBe(true);
    const renamed = await pdfFigurePng(copy, cacheDir);
    if (!("file" in renamed)) throw new Error(renamed.problem);
    expect(path.basename(renamed.file).slice(-28)).toBe(path.basename(drawnFirst.file).slice(-28));
    fs.writeFileSync(
      first,
      await pdfWithBoxes([{ width: 300, height: 200, box: { x: 5, y: 5, width: 9, height: 9 } }]),
    );
    const changed = await pdfFigurePng(first, cacheDir);
    expect(changed).not.toEqual(drawnFirst);
  });
});
