import { execFileSync } from "node:child_process";

/** A word as poppler places it on the page (points, origin top left). */
export interface LaidWord {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** A line of words, with the block (paragraph) it belongs to. */
export interface LaidLine {
  page: number;
  block: number;
  words: LaidWord[];
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Last line of its block: ragged, never stretched. */
  last: boolean;
}

/** A page's lines, and its size. */
export interface LaidPage {
  number: number;
  width: number;
  height: number;
  lines: LaidLine[];
}

const attribute = (tag: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(tag)?.[1] ?? 0);

function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Every page's lines, read with `pdftotext -bbox-layout`. */
export function layoutOf(pdfFile: string): LaidPage[] {
  const xhtml = execFileSync("pdftotext", ["-bbox-layout", pdfFile, "-"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const pages: LaidPage[] = [];
  let block = 0;
  for (const [index, pageMatch] of [...xhtml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)].entries()) {
    const page: LaidPage = {
      number: index + 1,
      width: attribute(pageMatch[1] ?? "", "width"),
      height: attribute(pageMatch[1] ?? "", "height"),
      lines: [],
    };
    for (const blockMatch of (pageMatch[2] ?? "").matchAll(/<block [^>]*>([\s\S]*?)<\/block>/g)) {
      block++;
      const lines = [...(blockMatch[1] ?? "").matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)];
      lines.forEach((lineMatch, lineIndex) => {
        const words = [...(lineMatch[2] ?? "").matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((word) => ({
          text: decode(word[2] ?? ""),
          xMin: attribute(word[1] ?? "", "xMin"),
          xMax: attribute(word[1] ?? "", "xMax"),
          yMin: attribute(word[1] ?? "", "yMin"),
          yMax: attribute(word[1] ?? "", "yMax"),
        }));
        const tag = lineMatch[1] ?? "";
        page.lines.push({
          page: page.number,
          block,
          words,
          xMin: attribute(tag, "xMin"),
          xMax: attribute(tag, "xMax"),
          yMin: attribute(tag, "yMin"),
          yMax: attribute(tag, "yMax"),
          last: lineIndex === lines.length - 1,
        });
      });
    }
    pages.push(page);
  }
  return pages;
}

/** The text of a line as a reader sees it: words joined by single spaces. */
export function lineText(line: LaidLine): string {
  return line.words.map((word) => word.text).join(" ");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Word gaps of a line, in points. */
function gaps(line: LaidLine): number[] {
  return line.words.slice(1).map((word, index) => word.xMin - (line.words[index]?.xMax ?? word.xMin));
}

/** What the typesetting measures: the lines of running text and how they are set. */
export interface TypesettingMeasures {
  /** Lines of running text that are not a paragraph's last (the lines a typesetter fills). */
  fullLines: LaidLine[];
  medianCharsPerLine: number;
  /** Word-space ratio to the natural space, per full line. */
  spacing: Array<{ line: LaidLine; ratio: number }>;
  /** Lines ending in a hyphen the typesetter added (U+2010 or a soft hyphen shown). */
  hyphenatedEnds: number;
  /** Height of a line of running text, in points. */
  bodyHeight: number;
}

/**
 * Measures the running text: lines of the body size (the most common line height) that start at
 * the text block's left edge and are not a paragraph's last; the natural word space is the median gap on the ragged last lines of
 * paragraphs at that size, so the ratio says how far justification stretched a line.
 */
export function typesetting(pages: LaidPage[]): TypesettingMeasures {
  const lines = pages.flatMap((page) => page.lines).filter((line) => line.words.length > 1);
  const heights = lines.map((line) => Math.round((line.yMax - line.yMin) * 10) / 10);
  const counts = new Map<number, number>();
  for (const height of heights) counts.set(height, (counts.get(height) ?? 0) + 1);
  const bodyHeight = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const body = lines.filter((_, index) => heights[index] === bodyHeight);
  const left = Math.min(...body.map((line) => line.xMin));
  const full = body.filter((line) => !line.last && line.xMin - left < 1);
  const natural = median(body.filter((line) => line.last).flatMap(gaps));
  return {
    fullLines: full,
    medianCharsPerLine: median(full.map((line) => lineText(line).length)),
    spacing: full.map((line) => ({ line, ratio: Math.max(...gaps(line)) / natural })),
    hyphenatedEnds: lines.filter((line) => /[\u2010\u00AD]$/.test(line.words.at(-1)?.text ?? "")).length,
    bodyHeight,
  };
}
