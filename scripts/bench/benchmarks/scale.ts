import fs from "node:fs";
import path from "node:path";
import { checkRebuildBudget, checkScaleBudgets } from "../budgets.ts";
import {
  type BenchContext,
  type BenchOutcome,
  coldBuild,
  repeat,
  series,
  type TimedSeries,
  warmBuild,
} from "../context.ts";
import { budgetCell } from "../figures.ts";
import type { MeasuredRun } from "../run-measured.ts";
import { citationShare, netMsPerSection, perSectionGrowth } from "../scale-metrics.ts";
import { QUICK_SCALE_SIZES, type ReportSize, SCALE_SIZES, writeSyntheticReport } from "../synthetic-report.ts";
import { formatTable, mebibytes, seconds } from "../table.ts";

const BASELINE_SIZE: ReportSize = { sections: 1, references: 5, citations: 10 };

/** One synthetic size: its builds with and without citations and what they say. */
interface ScaleRow {
  size: ReportSize;
  withCitations: TimedSeries;
  withoutCitations: TimedSeries;
  msPerSection: number;
  netMsPerSection: number;
  citationShare: number;
  /** The same two figures from CPU time, when known. */
  cpu: { netMsPerSection: number; citationShare: number } | null;
}

/**
 * Synthetic reports of growing size built without the PDF, with and without their citations: the
 * time per section (net of a 1-section build) and the share of the build spent on citations.
 */
export async function run(context: BenchContext): Promise<BenchOutcome> {
  const sizes = context.quick ? QUICK_SCALE_SIZES : SCALE_SIZES;
  const contentDir = (name: string) => path.join(context.workDir, `content-${name}`);
  // Small builds are short and noisy, so they run three times; the large ones once.
  const timesFor = (size: ReportSize) => (context.quick ? 1 : size.sections <= 20 ? 3 : 1);
  const build = (name: string) => coldBuild(context, name, { contentDir: contentDir(name), pdf: false });
  writeSyntheticReport(contentDir("baseline"), { ...BASELINE_SIZE, withCitations: true });
  context.log(`scale: baseline (1 section) x${timesFor(BASELINE_SIZE)}`);
  const baseline = series(await repeat(timesFor(BASELINE_SIZE), () => build("baseline")));
  const rows: ScaleRow[] = [];
  for (const size of sizes) {
    const name = `${size.sections}s`;
    writeSyntheticReport(contentDir(`${name}-with`), { ...size, withCitations: true });
    writeSyntheticReport(contentDir(`${name}-without`), { ...size, withCitations: false });
    const times = timesFor(size);
    context.log(
      `scale: ${size.sections} sections / ${size.references} references / ${size.citations} citations x${times}`,
    );
    const withRuns: MeasuredRun[] = [];
    const withoutRuns: MeasuredRun[] = [];
    // Alternating the two variants spreads the load of other processes over both.
    for (let i = 0; i < times; i++) {
      withRuns.push(await build(`${name}-with`));
      withoutRuns.push(await build(`${name}-without`));
    }
    const withCitations = series(withRuns);
    const withoutCitations = series(withoutRuns);
    rows.push({
      size,
      withCitations,
      withoutCitations,
      msPerSection: withCitations.medianWallMs / size.sections,
      netMsPerSection: netMsPerSection(withCitations.medianWallMs, baseline.medianWallMs, size.sections),
      citationShare: citationShare(withCitations.medianWallMs, withoutCitations.medianWallMs),
      cpu:
        withCitations.medianCpuMs !== null && withoutCitations.medianCpuMs !== null && baseline.medianCpuMs !== null
          ? {
              netMsPerSection: netMsPerSection(withCitations.medianCpuMs, baseline.medianCpuMs, size.sections),
              citationShare: citationShare(withCitations.medianCpuMs, withoutCitations.medianCpuMs),
            }
          : null,
    });
  }
  const first = rows[0];
  const last = rows.at(-1);
  // The author's loop at the largest size: edit one section, build again into the same folders.
  let rebuild: MeasuredRun | undefined;
  if (last) {
    const name = `${last.size.sections}s-with`;
    const sectionsDir = path.join(contentDir(name), "sections");
    const files = fs.readdirSync(sectionsDir).sort();
    const edited = path.join(sectionsDir, files[Math.floor(files.length / 2)] ?? "");
    fs.appendFileSync(edited, "\nOne sentence added, as an author's edit between two builds.\n");
    context.log(`scale: ${last.size.sections} sections rebuilt after editing ${path.basename(edited)}`);
    rebuild = await warmBuild(context, name, { contentDir: contentDir(name), pdf: false });
  }
  // On a shared machine other load stretches wall time but hardly CPU time: judge on CPU when known.
  const judgedOnCpu = rows.every((row) => row.cpu !== null);
  const judgedOn = judgedOnCpu ? "CPU time" : "wall time";
  const figure = (row: ScaleRow) => (judgedOnCpu && row.cpu ? row.cpu : row);
  const share = last ? figure(last).citationShare : undefined;
  const growth =
    first && last ? perSectionGrowth(figure(first).netMsPerSection, figure(last).netMsPerSection) : undefined;
  const budgets = checkScaleBudgets(
    { citationShare: share, perSectionGrowth: growth },
    {
      growth:
        growth === undefined
          ? "the smallest size built no slower than the 1-section baseline (noise); rerun on a quieter machine"
          : undefined,
    },
  );
  const coldTimed = last?.withCitations;
  const pick = (cpuMs: number | null | undefined, wallMs: number | undefined) =>
    judgedOnCpu && cpuMs !== null && cpuMs !== undefined ? cpuMs : wallMs;
  const rebuildCheck = checkRebuildBudget(
    rebuild ? pick(rebuild.cpuMs, rebuild.wallMs) : undefined,
    coldTimed ? pick(coldTimed.medianCpuMs, coldTimed.medianWallMs) : undefined,
    "no size was built",
  );
  budgets.push(rebuildCheck);
  const baselineCpu = baseline.medianCpuMs === null ? "" : `, CPU ${seconds(baseline.medianCpuMs)}`;
  const report = [
    `Scale (site only, cold builds, medians; baseline 1-section build ${seconds(baseline.medianWallMs)}${baselineCpu})`,
    formatTable(
      [
        "sections/refs/cites",
        "with citations",
        "CPU",
        "without",
        "CPU",
        "peak memory",
        "ms/section",
        "net ms/section",
        "citations' share",
      ],
      rows.map((row) => [
        `${row.size.sections}/${row.size.references}/${row.size.citations}`,
        seconds(row.withCitations.medianWallMs),
        row.withCitations.medianCpuMs === null ? "-" : seconds(row.withCitations.medianCpuMs),
        seconds(row.withoutCitations.medianWallMs),
        row.withoutCitations.medianCpuMs === null ? "-" : seconds(row.withoutCitations.medianCpuMs),
        mebibytes(row.withCitations.medianPeakRssBytes),
        Math.round(row.msPerSection),
        Math.round(figure(row).netMsPerSection),
        `${(figure(row).citationShare * 100).toFixed(1)}%`,
      ]),
    ),
    `   Scale budgets judged on ${judgedOn}; net = minus the 1-section baseline; share = (with - without) / with.`,
    `   Rebuild after a one-section edit at the largest size: ${rebuild ? `${seconds(rebuild.wallMs)} (CPU ${rebuild.cpuMs === null ? "-" : seconds(rebuild.cpuMs)})` : "-"}; ${rebuildCheck.actual}.`,
  ].join("\n");
  const one = (ms: number | null) => (ms === null ? "-" : `${(ms / 1000).toFixed(1)} s`);
  const timeOf = (timed: TimedSeries) => one(judgedOnCpu ? timed.medianCpuMs : timed.medianWallMs);
  const sizesLabel = rows.map((row) => row.size.sections).join(" / ");
  return {
    figures: {
      baseline,
      sizes: rows,
      judgedOn,
      citationShare: share,
      perSectionGrowth: growth,
      rebuild: rebuild ?? null,
    },
    report,
    budgets,
    readme: [
      {
        measure: `build ${sizesLabel} sections with citations (${judgedOn})`,
        figure: `${rows.map((row) => timeOf(row.withCitations)).join(" / ")} (without: ${rows.map((row) => timeOf(row.withoutCitations)).join(" / ")})`,
        budget: "–",
      },
      {
        measure: `citations' share at ${last?.size.sections ?? "-"} sections`,
        figure: share === undefined ? "-" : `${(share * 100).toFixed(1)}% of ${judgedOn}`,
        budget: budgetCell(budgets[0]),
      },
      {
        measure: `time per section, ${last?.size.sections ?? "-"} vs ${first?.size.sections ?? "-"}`,
        figure: growth === undefined ? "-" : `${growth.toFixed(2)}x (net ${judgedOn})`,
        budget: budgetCell(budgets[1]),
      },
      {
        measure: `rebuild after editing one of ${last?.size.sections ?? "-"} sections, against the cold build (${judgedOn})`,
        figure: rebuildCheck.actual,
        budget: budgetCell(rebuildCheck),
      },
    ],
  };
}
