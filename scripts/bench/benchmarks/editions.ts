import type { BenchContext, BenchOutcome } from "../context.ts";
import { measureEditions, realContentDir } from "../editions.ts";
import { formatTable } from "../table.ts";

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The EPUB and the single-file HTML of the real report: time to make each from the built site, and size. */
export async function run(context: BenchContext): Promise<BenchOutcome> {
  const distDir = await context.realSite();
  context.log(`editions: EPUB and single-file HTML, ${context.runs} run(s) each`);
  const figures = await measureEditions(distDir, realContentDir(context.root), context.runs);
  const epub = figures.find((edition) => edition.artefact === "EPUB");
  const html = figures.find((edition) => edition.artefact === "single-file HTML");
  return {
    figures,
    report: [
      `Take-away editions of the real report (made from the built site, median of ${context.runs} run(s))`,
      formatTable(
        ["artefact", "time to make", "size", "gzip"],
        figures.map((edition) => [
          edition.artefact,
          `${edition.medianMs} ms`,
          kib(edition.bytes),
          kib(edition.gzipBytes),
        ]),
      ),
    ].join("\n"),
    budgets: [],
    readme:
      epub && html
        ? [
            {
              measure: `EPUB / single-file HTML, made from the built site (median of ${context.runs})`,
              figure: `${epub.medianMs} ms, ${kib(epub.bytes)} / ${html.medianMs} ms, ${kib(html.bytes)} (${kib(html.gzipBytes)} gzip)`,
              budget: "–",
            },
          ]
        : [],
  };
}
