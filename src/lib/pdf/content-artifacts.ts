/**
 * Marks the drawing Chromium leaves outside any marked-content sequence (running heads, page
 * numbers, page backgrounds, borders and rules) as `/Artifact`, so that every painted thing is
 * either tagged content or an artifact (PDF/UA-1 7.1; Matterhorn 01-005). Tagged content is kept
 * byte for byte; only `/Artifact BMC` and `EMC` are inserted around the untagged runs.
 */

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...Buffer.from("()<>[]{}/%")]);

/** One content-stream operator and where its text (with its operands) starts and ends. */
export interface ContentOperation {
  operator: string;
  start: number;
  end: number;
}

/** Splits a decoded content stream into operations. Throws on inline images, which it does not parse. */
export function contentOperations(bytes: Uint8Array): ContentOperation[] {
  const operations: ContentOperation[] = [];
  let index = 0;
  let start = 0;
  const length = bytes.length;
  const skipString = () => {
    let depth = 0;
    for (; index < length; index++) {
      const byte = bytes[index];
      if (byte === 0x5c) index++;
      else if (byte === 0x28) depth++;
      else if (byte === 0x29 && --depth === 0) {
        index++;
        return;
      }
    }
  };
  while (index < length) {
    const byte = bytes[index] ?? 0;
    if (WHITESPACE.has(byte)) {
      index++;
    } else if (byte === 0x25) {
      while (index < length && bytes[index] !== 0x0a && bytes[index] !== 0x0d) index++;
    } else if (byte === 0x28) {
      skipString();
    } else if (byte === 0x3c && bytes[index + 1] !== 0x3c) {
      while (index < length && bytes[index] !== 0x3e) index++;
      index++;
    } else if (DELIMITERS.has(byte) || byte === 0x3e) {
      // Dictionaries, arrays and names are operands: step over the delimiter, then the name's letters.
      index++;
      if (byte === 0x2f)
        while (index < length && !WHITESPACE.has(bytes[index] ?? 0) && !DELIMITERS.has(bytes[index] ?? 0)) index++;
      else if ((byte === 0x3c || byte === 0x3e) && bytes[index] === byte) index++;
    } else {
      const tokenStart = index;
      while (index < length && !WHITESPACE.has(bytes[index] ?? 0) && !DELIMITERS.has(bytes[index] ?? 0)) index++;
      const token = Buffer.from(bytes.subarray(tokenStart, index)).toString("latin1");
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token) || token === "true" || token === "false" || token === "null") continue;
      if (token === "BI") throw new Error("inline image in a content stream");
      operations.push({ operator: token, start, end: index });
      start = index;
    }
  }
  return operations;
}

// Operators that paint (text, paths, images, shadings): what must be tagged or an artifact.
const PAINTING = new Set(["Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"]);

/** True for the operators that put marks on the page. */
export function isPainting(operator: string): boolean {
  return PAINTING.has(operator);
}

/**
 * The content stream with every run of operations outside marked content wrapped in
 * `/Artifact BMC ... EMC`. Runs never cross BT/ET, so marked content nests with text objects.
 * Returns the input unchanged when nothing is untagged.
 */
export function markUntaggedAsArtifacts(bytes: Uint8Array): { bytes: Uint8Array; runs: number } {
  const operations = contentOperations(bytes);
  const text = Buffer.from(bytes).toString("latin1");
  const pieces: string[] = [];
  let depth = 0;
  let runs = 0;
  let copied = 0;
  let runOpen = false;
  let runPaints = false;
  let runStart = 0;
  const close = (at: number) => {
    if (!runOpen) return;
    // A run that paints nothing (q, cm, gs ...) needs no marking.
    if (runPaints) {
      pieces.push(text.slice(copied, runStart), "/Artifact BMC\n", text.slice(runStart, at), "\nEMC\n");
      copied = at;
      runs++;
    }
    runOpen = false;
  };
  for (const operation of operations) {
    const { operator } = operation;
    if (operator === "BMC" || operator === "BDC") {
      close(operation.start);
      depth++;
      continue;
    }
    if (operator === "EMC") {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    if (operator === "BT" || operator === "ET") {
      close(operation.start);
      continue;
    }
    if (!runOpen) {
      runOpen = true;
      runPaints = false;
      runStart = operation.start;
    }
    if (isPainting(operator)) runPaints = true;
  }
  close(text.length);
  if (runs === 0) return { bytes, runs };
  pieces.push(text.slice(copied));
  return { bytes: new Uint8Array(Buffer.from(pieces.join(""), "latin1")), runs };
}

const POSITIONING = new Set(["Td", "TD", "Tm", "T*", "ET"]);
// Chromium writes ActualText as a hex string: <feff00ad>, U+00AD in UTF-16BE with its byte order mark.
const SOFT_HYPHEN_TEXT = /\/ActualText\s*<\s*feff\s*00ad\s*>/i;

/**
 * Removes the invisible glyphs Chromium draws for soft hyphens that did not break a line (a
 * zero-width space glyph with ActualText U+00AD), so that text copied or searched in the PDF reads
 * "associations", not "as\u00ADso\u00ADci\u00ADa\u00ADtions". A glyph is only dropped where the next glyph
 * is positioned on its own (Td, Tm), so nothing on the page moves.
 */
export function dropSoftHyphenGlyphs(bytes: Uint8Array): { bytes: Uint8Array; dropped: number } {
  const operations = contentOperations(bytes);
  const text = Buffer.from(bytes).toString("latin1");
  const cuts: Array<[number, number]> = [];
  for (let index = 0; index < operations.length; index++) {
    const open = operations[index];
    if (open?.operator !== "BDC" || !SOFT_HYPHEN_TEXT.test(text.slice(open.start, open.end))) continue;
    let close = index + 1;
    while (close < operations.length && operations[close]?.operator !== "EMC") close++;
    const inside = operations.slice(index + 1, close);
    const next = operations[close + 1];
    const shows = inside.filter((operation) => operation.operator === "Tj" || operation.operator === "TJ");
    const movesOnly = inside.every((operation) => ["Tj", "TJ", "Td", "TD", "Tm"].includes(operation.operator));
    if (!next || !POSITIONING.has(next.operator) || !movesOnly || shows.length !== 1) continue;
    const closing = operations[close];
    if (!closing) continue;
    cuts.push([open.start, open.end]);
    for (const show of shows) {
      // Keep the show's positioning operands' predecessors; drop the string and Tj themselves.
      const slice = text.slice(show.start, show.end);
      const stringStart = slice.search(/[<([]/);
      cuts.push([show.start + Math.max(0, stringStart), show.end]);
    }
    cuts.push([closing.start, closing.end]);
    index = close;
  }
  if (cuts.length === 0) return { bytes, dropped: 0 };
  let result = "";
  let copied = 0;
  for (const [start, end] of cuts) {
    result += text.slice(copied, start);
    copied = end;
  }
  result += text.slice(copied);
  return { bytes: new Uint8Array(Buffer.from(result, "latin1")), dropped: cuts.length / 3 };
}

const SHOWS_TEXT = new Set(["Tj", "TJ", "'", '"']);

/**
 * Turns the marked-content sequences with the given MCIDs into artifacts when they draw no text:
 * Chromium tags a table's cell borders as content of the Table itself, where only rows may be
 * (ISO 32000-1 Table 337). Returns the MCIDs it turned, so their structure entries can go.
 */
export function demoteDrawingToArtifacts(
  bytes: Uint8Array,
  mcids: ReadonlySet<number>,
): { bytes: Uint8Array; demoted: number[] } {
  if (mcids.size === 0) return { bytes, demoted: [] };
  const operations = contentOperations(bytes);
  const text = Buffer.from(bytes).toString("latin1");
  const replacements: Array<[number, number]> = [];
  const demoted: number[] = [];
  for (let index = 0; index < operations.length; index++) {
    const open = operations[index];
    if (open?.operator !== "BDC") continue;
    const mcid = Number(/\/MCID\s+(\d+)/.exec(text.slice(open.start, open.end))?.[1] ?? Number.NaN);
    if (!mcids.has(mcid)) continue;
    let depth = 1;
    let close = index + 1;
    let drawsText = false;
    for (; close < operations.length && depth > 0; close++) {
      const operator = operations[close]?.operator ?? "";
      if (operator === "BDC" || operator === "BMC") depth++;
      else if (operator === "EMC") depth--;
      else if (SHOWS_TEXT.has(operator)) drawsText = true;
    }
    if (drawsText) continue;
    replacements.push([open.start, open.end]);
    demoted.push(mcid);
  }
  if (replacements.length === 0) return { bytes, demoted };
  let result = "";
  let copied = 0;
  for (const [start, end] of replacements) {
    result += `${text.slice(copied, start)}\n/Artifact BMC`;
    copied = end;
  }
  result += text.slice(copied);
  return { bytes: new Uint8Array(Buffer.from(result, "latin1")), demoted };
}
