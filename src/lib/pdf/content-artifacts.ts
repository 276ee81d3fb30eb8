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
  // Marked content outside any tagged sequence that is neither tagged (no MCID) nor an artifact:
  // Chromium's ActualText spans around soft hyphens. It belongs to the run around it.
  let plain = 0;
  for (const operation of operations) {
    const { operator } = operation;
    if ((operator === "BMC" || operator === "BDC") && depth === 0) {
      const operands = text.slice(operation.start, operation.end);
      if (!/\/MCID\s+\d+/.test(operands) && !/^\s*\/Artifact\b/.test(operands)) {
        if (!runOpen) {
          runOpen = true;
          runPaints = false;
          runStart = operation.start;
        }
        plain++;
        continue;
      }
    }
    if (operator === "EMC" && plain > 0 && depth === 0) {
      plain--;
      continue;
    }
    if (plain > 0) {
      if (isPainting(operator)) runPaints = true;
      continue;
    }
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
// Operators that set the text state between BT and the glyph they apply to.
const TEXT_STATE = new Set([
  "Tf",
  "Tm",
  "Td",
  "TD",
  "Tc",
  "Tw",
  "Tz",
  "TL",
  "Ts",
  "Tr",
  "rg",
  "g",
  "k",
  "cs",
  "sc",
  "scn",
  "gs",
]);
/**
 * What the hyphen drawn at a line break reads as: U+002D, which text extraction joins with the next
 * line's start (poppler, pdf.js and Acrobat rejoin a word broken after a hyphen-minus; poppler leaves
 * U+00AD and U+2010 at the line's end, and "Myas-" "thenia" would never be found as "Myasthenia").
 */
const BREAK_HYPHEN_SPAN = "/Span<</ActualText <feff002d>>> BDC\n";

/**
 * Rewrites Chromium's soft hyphens so that the PDF's text reads as the words were written:
 *
 * - the invisible glyph Chromium draws for each soft hyphen (a zero-width space with ActualText
 *   U+00AD) goes, so copied text reads "associations", not "as\u00ADso\u00ADci\u00ADa\u00ADtions"; a
 *   glyph is only dropped where the next glyph is positioned on its own (Td, Tm, ET), so nothing
 *   on the page moves;
 * - where the soft hyphen broke the line, Chromium draws the visible hyphen as a text object of one
 *   glyph right after it; that glyph gets the ActualText of a hyphen-minus (see BREAK_HYPHEN_SPAN),
 *   so extraction rejoins the word.
 */
export function dropSoftHyphenGlyphs(bytes: Uint8Array): { bytes: Uint8Array; dropped: number; marked: number } {
  const operations = contentOperations(bytes);
  const text = Buffer.from(bytes).toString("latin1");
  const edits: Array<[number, number, string]> = [];
  let dropped = 0;
  let marked = 0;
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
    edits.push([open.start, open.end, ""]);
    for (const show of shows) {
      // Keep the show's positioning operands' predecessors; drop the string and Tj themselves.
      const slice = text.slice(show.start, show.end);
      const stringStart = slice.search(/[<([]/);
      edits.push([show.start + Math.max(0, stringStart), show.end, ""]);
    }
    edits.push([closing.start, closing.end, ""]);
    dropped++;
    index = close;
    if (next.operator !== "ET") continue;
    // The line ended at this soft hyphen: the next text object draws the visible hyphen alone.
    let at = close + 2;
    if (operations[at]?.operator !== "BT") continue;
    at++;
    while (at < operations.length && TEXT_STATE.has(operations[at]?.operator ?? "")) at++;
    const hyphen = operations[at];
    if (hyphen?.operator !== "Tj" || operations[at + 1]?.operator !== "ET") continue;
    const operand = /<([0-9a-f\s]*)>\s*Tj$/i.exec(text.slice(hyphen.start, hyphen.end).trim())?.[1]?.replace(/\s/g, "");
    if (!operand || operand.length > 4) continue;
    const slice = text.slice(hyphen.start, hyphen.end);
    const stringStart = hyphen.start + slice.indexOf("<");
    edits.push([stringStart, stringStart, BREAK_HYPHEN_SPAN], [hyphen.end, hyphen.end, "\nEMC"]);
    marked++;
  }
  if (edits.length === 0) return { bytes, dropped: 0, marked: 0 };
  edits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let result = "";
  let copied = 0;
  for (const [start, end, replacement] of edits) {
    result += text.slice(copied, start) + replacement;
    copied = end;
  }
  result += text.slice(copied);
  return { bytes: new Uint8Array(Buffer.from(result, "latin1")), dropped, marked };
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
