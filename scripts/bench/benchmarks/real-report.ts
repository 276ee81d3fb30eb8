import fs from "node:fs";
import path from "node:path";
import { checkMemoryBudget, checkPdfBudget } from "../budgets.ts";
import {
  type BenchContext,
  type BenchOutcome,
  cleanEnv,
  coldBuild,
  distDirOf,
  repeat,
  series,
  type TimedSeries,
} from "../context.ts";
import { budgetCell, thousands } from "../figures.ts";
import { runMeasured } from "../run-measured.ts";
import { formatTable, mebibytes, seconds } from "../table.ts";

/** How the PDF step was timed, or why it was not. */
type PdfStep = (TimedSeries & { method: string }) | { method: string; skipped: string };

const cpu = (ms: number | null) => (ms === null ? "-" : seconds(ms));

/** Seconds with two decimals for the README: `4.86 s`. */
const readmeSeconds = (ms: number | null) => (ms === null ? "-" : `${(ms / 1000).toFixed(2)} s`);

/**
 * The real report: cold builds of the site with its PDF, then the PDF step alone
 * (`scripts/print-pdf.ts` on the built site), each the median of several runs.
 */
export async function run(context: BenchContext): Promise<BenchOutcome> {
  const { runs, log } = context;
  log(
    `real report: ${runs} full build(s) with the PDF (npm run build: the site, then the PDF and editions in their own process)`,
  );
  const fullRuns = await repeat(runs, () => coldBuild(context, "real", { pdf: true }));
  const distDir = distDirOf(context, "real");
  context.setRealSite(distDir);
  const printPdf = path.join(context.root, "scripts", "print-pdf.ts");
  let pdfStep: PdfStep;
  if (!fs.readdirSync(distDir).some((name) => name.endsWith(".pdf"))) {
    pdfStep = { method: "none", skipped: "the build printed no PDF (no Chromium?)" };
  } else {
    log(`real report: ${runs} run(s) of scripts/print-pdf.ts on the built site`);
    const pdfRuns = await repeat(runs, async () => {
      const run = await runMeasured(process.execPath, [printPdf, distDir], cleanEnv());
      if (run.exitCode !== 0) throw new Error(`print-pdf failed (exit ${run.exitCode}):\n${run.outputTail}`);
      log(`print-pdf: ${seconds(run.wallMs)}, peak ${mebibytes(run.peakRssBytes)}`);
      return run;
    });
    pdfStep = {
      method: "scripts/print-pdf.ts on the built site (includes starting Node and Chromium)",
      ...series(pdfRuns),
    };
  }
  const fullBuild = series(fullRuns);
  const memoryCheck = checkMemoryBudget(
    fullBuild.medianPeakRssBytes ?? undefined,
    "the process tree could not be sampled",
  );
  const pdfCheck = checkPdfBudget(
    "skipped" in pdfStep ? undefined : pdfStep.medianWallMs,
    (pdfStep as { skipped?: string }).skipped,
  );
  const pdfRow =
    "skipped" in pdfStep
      ? ["PDF step alone", pdfStep.skipped, "-", "-"]
      : [
          "PDF step alone",
          seconds(pdfStep.medianWallMs),
          cpu(pdfStep.medianCpuMs),
          mebibytes(pdfStep.medianPeakRssBytes),
        ];
  const lines = [
    `1. Real report (median of ${runs} cold run(s))`,
    formatTable(
      ["step", "wall time", "CPU time", "peak memory"],
      [
        [
          "full build (site and PDF)",
          seconds(fullBuild.medianWallMs),
          cpu(fullBuild.medianCpuMs),
          mebibytes(fullBuild.medianPeakRssBytes),
        ],
        pdfRow,
      ],
    ),
  ];
  if (!("skipped" in pdfStep)) lines.push(`   PDF step measured as: ${pdfStep.method}`);
  const memory = (bytes: number | null) => (bytes === null ? "" : `, ${thousands(bytes / 2 ** 20)} MiB`);
  return {
    figures: { runs, fullBuild, pdfStep },
    report: lines.join("\n"),
    budgets: [pdfCheck, memoryCheck],
    readme: [
      {
        measure: `full build, site and PDF (median of ${runs})`,
        figure: `${readmeSeconds(fullBuild.medianWallMs)} wall, ${readmeSeconds(fullBuild.medianCpuMs)} CPU${memory(fullBuild.medianPeakRssBytes)}`,
        budget: budgetCell(memoryCheck),
      },
      {
        measure: `PDF step alone (median of ${runs})`,
        figure:
          "skipped" in pdfStep
            ? pdfStep.skipped
            : `${readmeSeconds(pdfStep.medianWallMs)}${memory(pdfStep.medianPeakRssBytes)}`,
        budget: budgetCell(pdfCheck),
      },
    ],
  };
}
