import path from "node:path";
import { gzipSync } from "node:zlib";
import { loadReportMetadata } from "../../src/lib/content/report-file.ts";
import { buildEpub } from "../../src/lib/editions/epub/build-epub.ts";
import { buildSingleFileHtml } from "../../src/lib/editions/single-file-html.ts";
import { median } from "./stats.ts";

/** Time and size of one take-away edition of the real report. */
export interface EditionFigures {
  artefact: "EPUB" | "single-file HTML";
  /** Median wall time of making it from the built site, in process (no build, no Node start). */
  medianMs: number;
  runsMs: number[];
  bytes: number;
  /** The single file travels compressed when a host serves it; an EPUB is a zip already. */
  gzipBytes: number;
}

/**
 * Makes the EPUB and the single-file HTML from an already built site `runs` times each, the way
 * the build's last step does, and measures time and size.
 */
export async function measureEditions(distDir: string, contentDir: string, runs: number): Promise<EditionFigures[]> {
  const report = loadReportMetadata(contentDir);
  const options = { distDir, base: "/", site: "http://localhost:4321" };
  const epubRuns: number[] = [];
  const htmlRuns: number[] = [];
  let epub: Uint8Array = new Uint8Array();
  let html = "";
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    epub = (await buildEpub({ ...options, report, modified: new Date() })).bytes;
    epubRuns.push(Math.round(performance.now() - started));
    started = performance.now();
    html = buildSingleFileHtml(options);
    htmlRuns.push(Math.round(performance.now() - started));
  }
  return [
    {
      artefact: "EPUB",
      medianMs: median(epubRuns),
      runsMs: epubRuns,
      bytes: epub.length,
      gzipBytes: gzipSync(epub).length,
    },
    {
      artefact: "single-file HTML",
      medianMs: median(htmlRuns),
      runsMs: htmlRuns,
      bytes: Buffer.byteLength(html),
      gzipBytes: gzipSync(html).length,
    },
  ];
}

/** The content folder the bench's real-report builds read (the bench clears REPORT_CONTENT_DIR). */
export function realContentDir(root: string): string {
  return path.join(root, "content");
}
