import fs from "node:fs";
import { checkDocument } from "../build/output-gate.ts";

/** The most pixels an image may have: a 50-megapixel photo; more would stall the image pipeline. */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** The most bytes an image file may have. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

/** What an image file's first bytes say it is, with its size in pixels where the format tells. */
export interface ImageHeader {
  format: "png" | "jpeg" | "gif" | "webp" | "avif" | "svg";
  width?: number;
  height?: number;
}

function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    const length = bytes.readUInt16BE(at + 2);
    // Start-of-frame markers (not DHT 0xC4, JPG 0xC8, DAC 0xCC) hold the height, then the width.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return undefined;
}

/** Reads an image file's format (by its bytes, not its name) and its size, or undefined when it is no image. */
export function readImageHeader(bytes: Buffer): ImageHeader | undefined {
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString("latin1");
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) {
    return { format: "png", width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return { format: "jpeg", ...jpegSize(bytes) };
  if (/^GIF8[79]a/.test(ascii(0, 6)))
    return { format: "gif", width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") {
    const chunk = ascii(12, 16);
    if (chunk === "VP8X" && bytes.length >= 30) {
      return { format: "webp", width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
    }
    if (chunk === "VP8 " && bytes.length >= 30) {
      return { format: "webp", width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    }
    if (chunk === "VP8L" && bytes.length >= 25) {
      const bits = bytes.readUInt32LE(21);
      return { format: "webp", width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
    }
    return { format: "webp" };
  }
  if (ascii(4, 8) === "ftyp" && /avi[fs]/.test(ascii(8, 32))) return { format: "avif" };
  const head = bytes
    .subarray(0, 4096)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  // A DOCTYPE may hold declarations in brackets (Illustrator's entities): still an SVG, which the SVG rules refuse.
  if (
    /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(
      head,
    )
  ) {
    return { format: "svg" };
  }
  return undefined;
}

/**
 * Why an image file may not be published, or undefined: it must be an image by its bytes, of at
 * most {@link MAX_IMAGE_BYTES} and {@link MAX_IMAGE_PIXELS}, and an SVG must pass the output
 * policy (no script, no event handler, nothing loaded from elsewhere): hosts that ignore the
 * site's headers serve an SVG as a live document.
 */
const FORMAT_OF_EXTENSION: Readonly<Record<string, ImageHeader["format"]>> = {
  ".png": "png",
  ".jpg": "jpeg",
  ".jpeg": "jpeg",
  ".gif": "gif",
  ".webp": "webp",
  ".avif": "avif",
  ".svg": "svg",
};

/** The problem is a phrase to follow "the image <path>". */
export function imageFileProblem(file: string): { problem: string; fix: string } | undefined {
  const size = fs.statSync(file).size;
  if (size > MAX_IMAGE_BYTES) {
    return {
      problem: `is ${Math.round(size / 1024 / 1024)} MB; images may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`,
      fix: "export it smaller (a figure needs at most about 2,400 pixels across).",
    };
  }
  const bytes = fs.readFileSync(file);
  const header = readImageHeader(bytes);
  const extension = file.slice(file.lastIndexOf(".")).toLowerCase();
  const named = FORMAT_OF_EXTENSION[extension];
  if (!header || (named !== undefined && named !== header.format)) {
    return {
      problem: `is not ${named ? `${named === "svg" || named === "avif" ? "an" : "a"} ${named.toUpperCase()} file` : "an image"}: its bytes are ${header ? `a ${header.format.toUpperCase()} image` : "not PNG, JPEG, GIF, WebP, AVIF or SVG"}, whatever its name says.`,
      fix: "export the image again (as PNG or JPEG if unsure), or check that the path names the image file.",
    };
  }
  const pixels = (header.width ?? 0) * (header.height ?? 0);
  if (pixels > MAX_IMAGE_PIXELS) {
    return {
      problem: `is ${header.width} × ${header.height} pixels (${Math.round(pixels / 1e6)} megapixels); images may have at most ${MAX_IMAGE_PIXELS / 1e6} megapixels.`,
      fix: "scale it down (a figure needs at most about 2,400 pixels across).",
    };
  }
  if (header.format === "svg") {
    const violations = checkDocument(bytes.toString("utf8"), file, "svg");
    if (violations.length > 0) {
      return {
        problem: `holds what the site does not publish in an SVG: ${[...new Set(violations.map((violation) => violation.problem))].join(" ")}`,
        fix: "export the drawing again as a plain SVG, without scripts, references to other files or hosts, or DOCTYPE declarations (Inkscape's Plain SVG, or svgo), or save it as PNG.",
      };
    }
  }
  return undefined;
}
