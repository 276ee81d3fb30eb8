import { BUDGETS, checkPageBudgets } from "../budgets.ts";
import type { BenchContext, BenchOutcome } from "../context.ts";
import { budgetCell, type FigureRow, thousands } from "../figures.ts";
import { measurePageWeights } from "../measure-pages.ts";
import { htmlPages, largestPage, type PageWeight } from "../page-weight.ts";
import { startPreview } from "../preview-server.ts";
import { formatTable } from "../table.ts";

/**
 * The README's two page-weight rows: the heaviest page in detail with its verdict, and the range of
 * all others, judged against the same gzip limit.
 */
export function pageWeightRows(pages: readonly PageWeight[], budget: string, gzipLimit: number): FigureRow[] {
  const largest = largestPage(pages);
  if (!largest) return [];
  const parts = (["html", "css", "js", "fonts", "images", "other"] as const)
    .filter((kind) => largest.gzip[kind] > 0)
    .map((kind) => `${kind.toUpperCase()} ${thousands(largest.gzip[kind])}`);
  const rows: FigureRow[] = [
    {
      measure: `largest page (\`${largest.page}\`)`,
      figure: `${thousands(largest.totalGzip)} B gzip (${parts.join(" + ")}), ${largest.requests} requests, ${thousands(largest.raw.js)} B JS`,
      budget,
    },
  ];
  const others = pages.filter((page) => page !== largest);
  if (others.length > 0) {
    const sizes = others.map((page) => page.totalGzip);
    const requests = Math.max(...others.map((page) => page.requests));
    const js = Math.max(...others.map((page) => page.raw.js));
    rows.push({
      measure: "every other page",
      figure: `${thousands(Math.min(...sizes))}–${thousands(Math.max(...sizes))} B gzip, at most ${requests} requests, ${thousands(js)} B JS`,
      budget: `${Math.max(...sizes) <= gzipLimit ? "pass" : "**missed**"} (≤ ${thousands(gzipLimit)} B gzip)`,
    });
  }
  return rows;
}

/** Every page of the built real report loaded once in Chromium with an empty cache: requests and bytes. */
export async function run(context: BenchContext): Promise<BenchOutcome> {
  const distDir = await context.realSite();
  const preview = await startPreview(context.root, distDir);
  let weights: PageWeight[] = [];
  let error: string | undefined;
  try {
    context.log("page weight: every page, first visit");
    weights = await measurePageWeights(preview.origin, htmlPages(distDir));
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  } finally {
    await preview.stop();
  }
  const budgets = checkPageBudgets(weights, error);
  const largest = largestPage(weights);
  const lines = ["Page weight, first visit (bytes; gzip unless raw)"];
  if (error) lines.push(`   not measured: ${error}`);
  lines.push(
    formatTable(
      ["page", "requests", "html", "css", "js", "fonts", "images", "total", "total raw"],
      weights.map((page) => [
        page.page,
        page.requests,
        page.gzip.html,
        page.gzip.css,
        page.gzip.js,
        page.gzip.fonts,
        page.gzip.images,
        page.totalGzip,
        page.totalRaw,
      ]),
    ),
  );
  if (largest) lines.push(`   largest page: ${largest.page} (${largest.totalGzip} B gzip, ${largest.totalRaw} B raw)`);
  const weightCheck = budgets.find((check) => check.budget === "largest page, first visit");
  return {
    figures: { pages: weights, largest: largest?.page ?? null, error: error ?? null },
    report: lines.join("\n"),
    budgets,
    readme: error
      ? [{ measure: "page weight", figure: `not measured: ${error}`, budget: "–" }]
      : pageWeightRows(weights, budgetCell(weightCheck), BUDGETS.pageGzipBytes),
  };
}
