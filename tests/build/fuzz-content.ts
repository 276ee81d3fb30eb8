import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { LOG_GATE_FIXES } from "../../src/lib/build/log-guard.ts";
import { checkBuiltOutput } from "../../src/lib/build/output-gate.ts";
import { hostileText } from "../arbitraries/hostile-markup.ts";
import { trickyUrl } from "../arbitraries/tricky-urls.ts";
import { buildSite, contentWithOverlay, folderDigest } from "./build-helpers.ts";

/**
 * Hostile content from a grammar: nesting, encodings, URLs of tricky forms, path tricks and YAML.
 * Each sample is a section (and sometimes a report.yaml line) laid over the real content folder.
 */

const climb = fc.constantFrom("..", "%2e%2e", ".%2e", "..%2f..", "..\\..", ".", "images", "");
/** Paths that try to leave the content folder. */
export const trickyPath = fc
  .tuple(
    fc.constantFrom("", "/", "./"),
    fc.array(climb, { maxLength: 8 }),
    fc.constantFrom("etc/passwd", "proc/self/environ", "report.yaml", "chart.png"),
  )
  .map(([lead, parts, target]) => `${lead}${[...parts, target].join("/")}`);

const text = fc.constantFrom("Text.", "Café — naïve", "a\u200bb", "<b>bold</b>", "[@borkman2020]", "1 < 2");
/** One block of a section body. */
const block: fc.Arbitrary<string> = fc.oneof(
  text,
  trickyUrl.map((url) => `[a link](${url})`),
  trickyUrl.map((url) => `![an image](${url})`),
  trickyUrl.map((url) => `<a href="${url.replace(/"/g, "&quot;")}">x</a>`),
  trickyUrl.map((url) => `[ref]: ${url}\n\n[a][ref]`),
  trickyPath.map((file) => `<img src="${file}" alt="x" />`),
  trickyPath.map((file) => `<Figure src="${file}" alt="x">A caption.</Figure>`),
  fc
    .integer({ min: 1, max: 2500 })
    .map((depth) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- a`).join("\n")),
  fc.integer({ min: 1, max: 3500 }).map((depth) => `${">".repeat(depth)} deep`),
  fc.integer({ min: 1, max: 600 }).map((length) => `${"*".repeat(length)}a${"*".repeat(length)}`),
  // Nesting the lines do not show: lists opened on one line, tags inside tags, emphasis and brackets.
  fc
    .tuple(fc.constantFrom("1. ", "1) ", "- "), fc.integer({ min: 1, max: 3000 }))
    .map(([marker, depth]) => `${marker.repeat(depth)}x`),
  fc.integer({ min: 1, max: 3000 }).map((depth) => `${"<sup>".repeat(depth)}x${"</sup>".repeat(depth)}`),
  fc.integer({ min: 1, max: 5000 }).map((depth) => `${"_a ".repeat(depth)}x${" a_".repeat(depth)}`),
  fc.integer({ min: 1, max: 50_000 }).map((count) => "a]".repeat(count)),
  hostileText,
);

/** Frontmatter of the fuzzed section, sometimes with YAML it must refuse. */
const frontmatter = fc.constantFrom(
  "title: Fuzz\norder: 9",
  "title: &t Fuzz\norder: 9\nsubtitle: *t",
  "title: !!js/function 'x'\norder: 9",
  "title: Fuzz\norder: !foo 9",
  "ti\u200btle: Fuzz\norder: 9",
  'title: "Fuzz"\norder: "9"',
);

/** How the section's bytes are written: UTF-8, or encodings the build must refuse. */
const encoding = fc.constantFrom("utf8", "utf8", "utf8", "utf16le-bom", "latin1");

/** A report.yaml line appended, sometimes hostile. */
const reportLine = fc.oneof(
  fc.constant(""),
  trickyUrl.map((url) => `licenseUrl: ${JSON.stringify(url)}`),
  fc.constantFrom("pdfName: index", "pdfName: 404", "a: &a [x]\nb: *a"),
);

export const hostileContent = fc.record({
  frontmatter,
  blocks: fc.array(block, { minLength: 1, maxLength: 4 }),
  encoding,
  reportLine,
});

export type HostileContent = typeof hostileContent extends fc.Arbitrary<infer T> ? T : never;

function encode(text: string, how: string): Buffer {
  if (how === "utf16le-bom") return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  if (how === "latin1") return Buffer.from(text, "latin1");
  return Buffer.from(text, "utf8");
}

/**
 * Builds one sample for real and asserts the invariants: the build stops with a content error
 * naming a file (with line and fix), or its output passes the output gate; the content folder and
 * the folder around the output are byte-identical afterwards.
 */
export async function buildHostile(sample: HostileContent): Promise<void> {
  const content = contentWithOverlay(undefined);
  const body = `---\n${sample.frontmatter}\n---\n\n${sample.blocks.join("\n\n")}\n`;
  fs.writeFileSync(path.join(content, "sections", "fuzz.mdx"), encode(body, sample.encoding));
  if (sample.reportLine) fs.appendFileSync(path.join(content, "report.yaml"), `\n${sample.reportLine}\n`);
  const before = folderDigest(content);
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), "fuzz-around-"));
  const outDir = path.join(outside, "dist");
  fs.writeFileSync(path.join(outside, "keep.txt"), "keep");
  const started = Date.now();
  const result = await buildSite(content, { REPORT_OUT_DIR: outDir });
  try {
    const seconds = (Date.now() - started) / 1000;
    expect(seconds, "a build, failing or not, stays quick").toBeLessThan(240);
    if (result.exitCode !== 0) {
      // A content error: a file of the content folder, a problem and a fix; never a stack trace.
      expect(result.output, result.output).toMatch(
        new RegExp(`${content.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/[^\\s:]+(:\\d+)?: `),
      );
      expect(result.output, result.output).toMatch(/Fix: /);
      expect(result.output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
      // The log gate turns an error nobody formatted into "Where: file:line" and a fix of its own: none may appear.
      expect(result.output, result.output).not.toMatch(/^\s+Where: /m);
      for (const fix of LOG_GATE_FIXES) expect(result.output, result.output).not.toContain(fix);
    } else {
      expect(checkBuiltOutput(outDir), result.output).toEqual([]);
    }
    expect(folderDigest(content), "the content folder is unchanged").toBe(before);
    expect(fs.readdirSync(outside).sort(), "nothing beside the output folder").toEqual(
      [...(fs.existsSync(outDir) ? ["dist"] : []), "keep.txt"].sort(),
    );
    expect(fs.readFileSync(path.join(outside, "keep.txt"), "utf8")).toBe("keep");
  } finally {
    fs.rmSync(content, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
    fs.rmSync(result.outDir, { recursive: true, force: true });
  }
}

/** Runs `runs` samples through {@link buildHostile}. */
export async function fuzzBuilds(runs: number, seed?: number): Promise<void> {
  await fc.assert(fc.asyncProperty(hostileContent, buildHostile), {
    numRuns: runs,
    ...(seed === undefined ? {} : { seed }),
    endOnFailure: true,
  });
}
