import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  type PDFDocument as PdfDocument,
} from "pdf-lib";
import { contentOperations, dropSoftHyphenGlyphs } from "./content-artifacts.ts";

/** A hyphen that broke the last line of a page's text: the word it splits goes across two pages. */
export interface PageFinalHyphen {
  /** Page number, from 1. */
  page: number;
  /** The text of that line up to the hyphen, as the PDF's fonts map it to Unicode. */
  line: string;
}

function streamBytes(stream: unknown): Uint8Array | undefined {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : undefined;
}

function pageContent(document: PdfDocument, page: PDFDict): Uint8Array {
  const contents = page.lookup(PDFName.of("Contents"));
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => document.context.lookup(ref)) : [contents];
  return Buffer.concat(
    streams.flatMap((stream) => {
      const bytes = streamBytes(stream);
      return bytes ? [Buffer.from(bytes), Buffer.from("\n")] : [];
    }),
  );
}

const hexToText = (hex: string) => {
  let text = "";
  for (let index = 0; index + 4 <= hex.length; index += 4)
    text += String.fromCharCode(Number.parseInt(hex.slice(index, index + 4), 16));
  return text;
};

/** A font's ToUnicode CMap as a map from its (two-byte, hex) codes to text: bfchar and bfrange entries. */
export function readToUnicode(cmap: string): Map<string, string> {
  const codes = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const entry of (block[1] ?? "").matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
      codes.set((entry[1] ?? "").toLowerCase().padStart(4, "0"), hexToText(entry[2] ?? ""));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const entry of (block[1] ?? "").matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(<[0-9a-f]+>|\[[^\]]*\])/gi)) {
      const low = Number.parseInt(entry[1] ?? "0", 16);
      const high = Number.parseInt(entry[2] ?? "0", 16);
      const target = entry[3] ?? "";
      const list = target.startsWith("[") ? [...target.matchAll(/<([0-9a-f]+)>/gi)].map((match) => match[1] ?? "") : [];
      // A single target is UTF-16BE (a surrogate pair for a math letter); the range counts up its last unit.
      const first = target.startsWith("<") ? hexToText(target.slice(1, -1)) : "";
      for (let code = low; code <= high && code - low < 65536; code++) {
        const text =
          list.length > 0
            ? hexToText(list[code - low] ?? "")
            : first.slice(0, -1) + String.fromCharCode((first.charCodeAt(first.length - 1) + code - low) & 0xffff);
        codes.set(code.toString(16).padStart(4, "0"), text);
      }
    }
  }
  return codes;
}

function fontMaps(document: PdfDocument, page: PDFDict): Map<string, Map<string, string>> {
  const maps = new Map<string, Map<string, string>>();
  const fonts = page.lookupMaybe(PDFName.of("Resources"), PDFDict)?.lookupMaybe(PDFName.of("Font"), PDFDict);
  for (const [key, value] of fonts?.entries() ?? []) {
    const font = value instanceof PDFDict ? value : document.context.lookup(value);
    const cmap = font instanceof PDFDict ? streamBytes(font.lookup(PDFName.of("ToUnicode"))) : undefined;
    if (cmap) maps.set(key.decodeText(), readToUnicode(Buffer.from(cmap).toString("latin1")));
  }
  return maps;
}

// What dropSoftHyphenGlyphs wraps a line-breaking hyphen in.
const BREAK_HYPHEN = /\/ActualText\s*<feff002d>/i;

/**
 * The hyphens Chromium drew where a soft hyphen broke the last line of a page's text (as
 * {@link dropSoftHyphenGlyphs} marks them), each with its line's text: no tagged text is drawn below
 * such a line within `within` (CSS pixels, Chromium's text space) on its page. The running head and
 * foot (page numbers) are drawn outside marked content and do not count.
 */
export async function findPageFinalHyphens(printed: Uint8Array, within = 40): Promise<PageFinalHyphen[]> {
  const document = await PDFDocument.load(printed, { updateMetadata: false });
  const found: PageFinalHyphen[] = [];
  for (const [pageIndex, page] of document.getPages().entries()) {
    const maps = fontMaps(document, page.node);
    const marked = dropSoftHyphenGlyphs(pageContent(document, page.node)).bytes;
    const source = Buffer.from(marked).toString("latin1");
    let y = 0;
    let font = new Map<string, string>();
    let inBreak = false;
    let depth = 0;
    const hyphens: number[] = [];
    const lines: Array<{ y: number; text: string }> = [];
    for (const operation of contentOperations(marked)) {
      const text = source.slice(operation.start, operation.end);
      if (operation.operator === "Tm") {
        y = Number(text.trim().split(/\s+/).slice(-7, -1)[5] ?? y);
      } else if (operation.operator === "Tf") {
        font = maps.get(/\/([^\s/]+)\s+[\d.]+\s+Tf$/.exec(text.trim())?.[1] ?? "") ?? new Map();
      } else if (operation.operator === "BDC" || operation.operator === "BMC") {
        depth++;
        if (BREAK_HYPHEN.test(text)) inBreak = true;
      } else if (operation.operator === "EMC") {
        depth = Math.max(0, depth - 1);
        inBreak = false;
      } else if (operation.operator === "Tj" || operation.operator === "TJ") {
        if (inBreak) hyphens.push(y);
        else if (depth > 0) {
          const glyphs = [...text.matchAll(/<([0-9a-f\s]*)>/gi)]
            .map((match) => (match[1] ?? "").replace(/\s/g, "").toLowerCase())
            .join("");
          let decoded = "";
          for (let index = 0; index + 4 <= glyphs.length; index += 4)
            decoded += font.get(glyphs.slice(index, index + 4)) ?? "";
          lines.push({ y, text: decoded });
        }
      }
    }
    for (const hyphenY of hyphens) {
      if (lines.some((line) => line.y > hyphenY + 0.5 && line.y < hyphenY + within)) continue;
      const line = lines
        .filter((entry) => Math.abs(entry.y - hyphenY) < 0.5)
        .map((entry) => entry.text)
        .join("");
      found.push({ page: pageIndex + 1, line: line.replace(/\s+/g, " ").trim() });
    }
  }
  return found;
}
