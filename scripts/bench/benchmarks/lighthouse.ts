import fs from "node:fs";
import path from "node:path";
import { loadReportMetadata } from "../../../src/lib/content/report-file.ts";
import { checkFirstPaintBudgets, checkLighthouseBudgets, type FirstPaintPair } from "../budgets.ts";
import type { BenchContext, BenchOutcome } from "../context.ts";
import { budgetCell } from "../figures.ts";
import { type LighthouseSummary, runLighthouse } from "../lighthouse.ts";
import { buildPandocSite, sectionOrder } from "../pandoc-site.ts";
import { startPreview } from "../preview-server.ts";
import { formatTable } from "../table.ts";

/** The first section in reading order, as the home page links it. */
function firstSectionPath(distDir: string): string | undefined {
  const home = fs.readFileSync(path.join(distDir, "index.html"), "utf8");
  return /href="(\/sections\/[^"#]+\/)"/.exec(home)?.[1];
}

const ms = (value: number | null) => (value === null ? "-" : `${Math.round(value)} ms`);

/** Audits of each side per page for the first-paint comparison. */
const PAIR_RUNS = 3;

/** The median of the measured values; null when none was measured. */
function medianOrNull(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 === 1 ? (known[middle] ?? null) : ((known[middle - 1] ?? 0) + (known[middle] ?? 0)) / 2;
}

/**
 * First paint against Pandoc: the first section and the full report, here and as Pandoc makes them
 * from the same sections' Markdown (`pandoc --standalone`, default template), both served by the
 * same preview server and audited in turn, ours then Pandoc's, three times each (medians), so that both see the same load.
 */
async function firstPaintAgainstPandoc(
  context: BenchContext,
  distDir: string,
): Promise<{ pairs: FirstPaintPair[]; error?: string }> {
  const pairs: FirstPaintPair[] = [];
  const pandocDir = path.join(context.workDir, "pandoc-site");
  const pandocWork = path.join(context.workDir, "pandoc-lighthouse");
  fs.mkdirSync(pandocWork, { recursive: true });
  let ours: Awaited<ReturnType<typeof startPreview>> | undefined;
  let theirs: Awaited<ReturnType<typeof startPreview>> | undefined;
  try {
    const contentDir = path.join(context.root, "content");
    const site = buildPandocSite({
      sectionsDir: path.join(contentDir, "sections"),
      slugs: sectionOrder(fs.readFileSync(path.join(distDir, "index.html"), "utf8")),
      reportTitle: loadReportMetadata(contentDir).title,
      outDir: pandocDir,
    });
    ours = await startPreview(context.root, distDir);
    theirs = await startPreview(context.root, pandocDir);
    // On a shared machine one audit's paint swings by hundreds of ms: each side is audited in turn
    // PAIR_RUNS times (ours, Pandoc's, ours ...) and the medians are compared.
    const runs = context.quick ? 1 : PAIR_RUNS;
    for (const page of [site.sectionPath, site.reportPath]) {
      const here: Array<number | null> = [];
      const pandoc: Array<number | null> = [];
      for (let run = 0; run < runs; run++) {
        context.log(`lighthouse: ${page}, here and in Pandoc's build (${run + 1} of ${runs})`);
        here.push((await runLighthouse(context.root, ours.origin, page, context.workDir)).fcpMs);
        pandoc.push((await runLighthouse(context.root, theirs.origin, page, pandocWork)).fcpMs);
      }
      pairs.push({ page, fcpMs: medianOrNull(here), pandocFcpMs: medianOrNull(pandoc) });
    }
    return { pairs };
  } catch (caught) {
    return { pairs, error: caught instanceof Error ? caught.message : String(caught) };
  } finally {
    await ours?.stop();
    await theirs?.stop();
  }
}

/**
 * Lighthouse (mobile defaults, headless Chromium) on the home page, the first section, the
 * references and the timeline; then first paint of the first section and the full report against
 * Pandoc's build of the same sections.
 */
export async function run(context: BenchContext): Promise<BenchOutcome> {
  const distDir = await context.realSite();
  const section = firstSectionPath(distDir);
  const targets = context.quick ? ["/"] : ["/", ...(section ? [section] : []), "/references/", "/timeline/"];
  const summaries: LighthouseSummary[] = [];
  let error: string | undefined;
  const preview = await startPreview(context.root, distDir);
  try {
    for (const target of targets) {
      context.log(`lighthouse: ${target}`);
      summaries.push(await runLighthouse(context.root, preview.origin, target, context.workDir));
    }
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  } finally {
    await preview.stop();
  }
  const paint = await firstPaintAgainstPandoc(context, distDir);
  const paintChecks = checkFirstPaintBudgets(paint.pairs, paint.error);
  const budgets = [...checkLighthouseBudgets(summaries, error), ...paintChecks];
  const lines = [
    "Lighthouse (mobile defaults, simulated throttling, headless Chromium)",
    formatTable(
      ["page", "perf", "a11y", "best pr.", "SEO", "FCP", "LCP", "CLS", "TBT"],
      summaries.map((summary) => [
        summary.page,
        summary.scores.performance ?? "-",
        summary.scores.accessibility ?? "-",
        summary.scores["best-practices"] ?? "-",
        summary.scores.seo ?? "-",
        ms(summary.fcpMs),
        ms(summary.lcpMs),
        summary.cls === null ? "-" : summary.cls.toFixed(3),
        ms(summary.tbtMs),
      ]),
    ),
  ];
  for (const summary of summaries) {
    for (const failed of summary.failedAudits) lines.push(`   ${summary.page} lost points on ${failed}`);
  }
  if (error) lines.push(`   Lighthouse: ${error}`);
  lines.push(
    "First contentful paint against Pandoc (pandoc --standalone, default template, same sections, same server)",
    formatTable(
      ["page", "this project", "Pandoc"],
      paint.pairs.map((pair) => [pair.page, ms(pair.fcpMs), ms(pair.pandocFcpMs)]),
    ),
  );
  if (paint.error) lines.push(`   Pandoc comparison: ${paint.error}`);
  const worst = (pick: (summary: LighthouseSummary) => number | null) =>
    Math.max(...summaries.map((summary) => pick(summary) ?? Number.NaN));
  const scores = summaries.map((summary) =>
    [summary.scores.performance, summary.scores.accessibility, summary.scores["best-practices"], summary.scores.seo]
      .map((score) => score ?? "-")
      .join(" / "),
  );
  const sameScores = scores.every((score) => score === scores[0]);
  const lighthouseChecks = budgets.filter((check) => !paintChecks.includes(check));
  const failed = lighthouseChecks.find((check) => check.status !== "pass") ?? lighthouseChecks[0];
  const paintFailed = paintChecks.find((check) => check.status !== "pass") ?? paintChecks[0];
  const paintRow = {
    measure: "first contentful paint against Pandoc (Lighthouse, same run, median of 3 interleaved)",
    figure:
      paint.pairs.length === 0
        ? `not measured: ${paint.error ?? "no page"}`
        : paint.pairs.map((pair) => `${pair.page} ${ms(pair.fcpMs)} (Pandoc ${ms(pair.pandocFcpMs)})`).join("; "),
    budget: budgetCell(paintFailed),
  };
  return {
    figures: { pages: summaries, error: error ?? null, againstPandoc: paint.pairs, pandocError: paint.error ?? null },
    report: lines.join("\n"),
    budgets,
    readme:
      summaries.length === 0
        ? [
            { measure: "Lighthouse", figure: `not measured: ${error ?? "no page"}`, budget: budgetCell(failed) },
            paintRow,
          ]
        : [
            {
              measure: `Lighthouse, ${summaries.length} page${summaries.length === 1 ? "" : "s"} (worst of each metric)`,
              figure: `${sameScores ? `${scores[0]}${summaries.length > 1 ? " on each" : ""}` : scores.join("; ")}; FCP ${(worst((s) => s.fcpMs) / 1000).toFixed(2)} s, LCP ${(worst((s) => s.lcpMs) / 1000).toFixed(2)} s, CLS ${worst((s) => s.cls).toFixed(3)}, TBT ${Math.round(worst((s) => s.tbtMs))} ms`,
              budget: budgetCell(failed),
            },
            paintRow,
          ],
  };
}
