import fs from "node:fs";
import path from "node:path";
import { checkLighthouseBudgets } from "../budgets.ts";
import type { BenchContext, BenchOutcome } from "../context.ts";
import { budgetCell } from "../figures.ts";
import { type LighthouseSummary, runLighthouse } from "../lighthouse.ts";
import { startPreview } from "../preview-server.ts";
import { formatTable } from "../table.ts";

/** The first section in reading order, as the home page links it. */
function firstSectionPath(distDir: string): string | undefined {
  const home = fs.readFileSync(path.join(distDir, "index.html"), "utf8");
  return /href="(\/sections\/[^"#]+\/)"/.exec(home)?.[1];
}

const ms = (value: number | null) => (value === null ? "-" : `${Math.round(value)} ms`);

/** Lighthouse (mobile defaults, headless Chromium) on the home page, the first section, the references and the timeline. */
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
  const budgets = checkLighthouseBudgets(summaries, error);
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
  const worst = (pick: (summary: LighthouseSummary) => number | null) =>
    Math.max(...summaries.map((summary) => pick(summary) ?? Number.NaN));
  const scores = summaries.map((summary) =>
    [summary.scores.performance, summary.scores.accessibility, summary.scores["best-practices"], summary.scores.seo]
      .map((score) => score ?? "-")
      .join(" / "),
  );
  const sameScores = scores.every((score) => score === scores[0]);
  const failed = budgets.find((check) => check.status !== "pass") ?? budgets[0];
  return {
    figures: { pages: summaries, error: error ?? null },
    report: lines.join("\n"),
    budgets,
    readme:
      summaries.length === 0
        ? [{ measure: "Lighthouse", figure: `not measured: ${error ?? "no page"}`, budget: budgetCell(failed) }]
        : [
            {
              measure: `Lighthouse, ${summaries.length} page${summaries.length === 1 ? "" : "s"} (worst of each metric)`,
              figure: `${sameScores ? `${scores[0]}${summaries.length > 1 ? " on each" : ""}` : scores.join("; ")}; FCP ${(worst((s) => s.fcpMs) / 1000).toFixed(2)} s, LCP ${(worst((s) => s.lcpMs) / 1000).toFixed(2)} s, CLS ${worst((s) => s.cls).toFixed(3)}, TBT ${Math.round(worst((s) => s.tbtMs))} ms`,
              budget: budgetCell(failed),
            },
          ],
  };
}
