import fs from "node:fs";
import { ContentError } from "./content-error.ts";

/** Where a byte sequence stops being UTF-8. */
export interface Utf8Fault {
  /** 0-based byte offset of the first byte that is not valid UTF-8. */
  offset: number;
  /** 1-based line of that byte. */
  line: number;
}

function sequenceLength(bytes: Uint8Array, at: number): number {
  const first = bytes[at] ?? 0;
  if (first < 0x80) return 1;
  // Lead bytes and the allowed range of the second byte (no overlongs, no surrogates, <= U+10FFFF).
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (first >= 0xc2 && first <= 0xdf) length = 2;
  else if (first >= 0xe0 && first <= 0xef) {
    length = 3;
    if (first === 0xe0) low = 0xa0;
    if (first === 0xed) high = 0x9f;
  } else if (first >= 0xf0 && first <= 0xf4) {
    length = 4;
    if (first === 0xf0) low = 0x90;
    if (first === 0xf4) high = 0x8f;
  } else return 0;
  for (let index = 1; index < length; index++) {
    const byte = bytes[at + index];
    if (byte === undefined) return 0;
    const [min, max] = index === 1 ? [low, high] : [0x80, 0xbf];
    if (byte < min || byte > max) return 0;
  }
  return length;
}

/** Finds the first byte that is not UTF-8, or undefined when all of it is. */
export function findUtf8Fault(bytes: Uint8Array): Utf8Fault | undefined {
  let line = 1;
  for (let offset = 0; offset < bytes.length; ) {
    const length = sequenceLength(bytes, offset);
    if (length === 0) return { offset, line };
    if (bytes[offset] === 0x0a) line++;
    offset += length;
  }
  return undefined;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a content file as UTF-8 text (a byte-order mark is dropped, CRLF kept for the parsers),
 * refusing anything else rather than publishing mojibake.
 */
export function readUtf8(file: string): string {
  const bytes = fs.readFileSync(file);
  const fault = findUtf8Fault(bytes);
  if (fault) {
    throw new ContentError({
      file,
      line: fault.line,
      problem: `the file is not UTF-8 text: the byte 0x${(bytes[fault.offset] ?? 0).toString(16).toUpperCase().padStart(2, "0")} at byte offset ${fault.offset} (line ${fault.line}) is not UTF-8 (the file may be saved as Latin-1 or Windows-1252).`,
      fix: "save the file as UTF-8 in your editor (for example File > Save with Encoding > UTF-8).",
    });
  }
  return decoder.decode(bytes);
}
