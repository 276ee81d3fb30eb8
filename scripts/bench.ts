// `npm run bench [-- --quick] [-- --no-lighthouse] [-- --no-scale]`: the benchmarks of issue 8.
// Builds go to bench/tmp/ (inside the repository: Astro puts its prerender files next to an outDir
// inside the working directory, but into the shared .astro/ for one outside it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BudgetCheck, type BudgetInput, checkBudgets } from "./bench/budgets.ts";
import { type EditionFigures, measureEditions, realContentDir } from "./bench/editions.ts";
import { type LighthouseSummary, runLighthouse } from "./bench/lighthouse.ts";
import { measurePageWeights } from "./bench/measure-pages.ts";
import { htmlPages, largestPage, type PageWeight } from "./bench/page-weight.ts";
import { startPreview } from "./bench/preview-server.ts";
import { type MeasuredRun, runMeasured } from "./bench/run-measured.ts";
import { citationShare, netMsPerSection, perSectionGrowth } from "./bench/scale-metrics.ts";
import { median } from "./bench/stats.ts";
import { QUICK_SCALE_SIZES, type ReportSize, SCALE_SIZES, writeSyntheticReport } from "./bench/synthetic-report.ts";
import { formatTable, mebibytes, seconds } from "./bench/table.ts";

const root = process.cwd();
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const realRuns = quick ? 1 : 5;
const workDir = path.join(root, "bench", "tmp");
const resultsDir = path.join(root, "bench", "results");
const astroBin = path.join(root, "node_modules", "astro", "bin", "astro.mjs");
const printPdfScript = path.join(root, "scripts", "print-pdf.ts");
const BASELINE_SIZE: ReportSize = { sections: 1, references: 5, citations: 10 };

/** Wall times, CPU times and peak memory of repeated runs of one thing, with their medians. */
interface TimedSeries {
  wallMs: number[];
  cpuMs: Array<number | null>;
  /** Null when some run had no CPU time (no /usr/bin/time). */
  medianCpuMs: number | null;
  peakRssBytes: Array<number | null>;
  medianWallMs: number;
  medianPeakRssBytes: number | null;
}

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

function series(runs: readonly MeasuredRun[]): TimedSeries {
  const peaks = runs.map((run) => run.peakRssBytes);
  const known = peaks.filter((peak): peak is number => peak !== null);
  const cpu = runs.map((run) => run.cpuMs);
  const knownCpu = cpu.filter((ms): ms is number => ms !== null);
  return {
    wallMs: runs.map((run) => Math.round(run.wallMs)),
    cpuMs: cpu,
    medianCpuMs: knownCpu.length === cpu.length && knownCpu.length > 0 ? Math.round(median(knownCpu)) : null,
    peakRssBytes: peaks,
    medianWallMs: Math.round(median(runs.map((run) => run.wallMs))),
    medianPeakRssBytes: known.length === peaks.length && known.length > 0 ? Math.round(median(known)) : null,
  };
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** The environment of the benchmark's own process minus anything that would redirect a build. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" };
  for (const name of [
    "REPORT_CONTENT_DIR",
    "REPORT_OUT_DIR",
    "REPORT_CACHE_DIR",
    "REPORT_PDF",
    "SITE_URL",
    "BASE_PATH",
  ]) {
    delete env[name];
  }
  return env;
}

/** One cold build (empty output and cache folders), measured; throws with the build's output when it fails. */
async function build(name: string, options: { contentDir?: string; pdf: boolean }): Promise<MeasuredRun> {
  const outDir = path.join(workDir, `${name}-dist`);
  const cacheDir = path.join(workDir, `${name}-cache`);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...cleanEnv(), REPORT_OUT_DIR: outDir, REPORT_CACHE_DIR: cacheDir };
  if (options.contentDir) env["REPORT_CONTENT_DIR"] = options.contentDir;
  if (!options.pdf) env["REPORT_PDF"] = "off";
  const run = await runMeasured(process.execPath, [astroBin, "build"], env);
  if (run.exitCode !== 0) throw new Error(`the build "${name}" failed (exit ${run.exitCode}):\n${run.outputTail}`);
  log(
    `${name}: ${seconds(run.wallMs)} (CPU ${run.cpuMs === null ? "-" : seconds(run.cpuMs)}), peak ${mebibytes(run.peakRssBytes)}`,
  );
  return run;
}

async function repeat(times: number, once: () => Promise<MeasuredRun>): Promise<MeasuredRun[]> {
  const runs: MeasuredRun[] = [];
  for (let i = 0; i < times; i++) runs.push(await once());
  return runs;
}

function machine() {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  return {
    cpus: os.availableParallelism(),
    model: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

// 1. The real report: full builds (site and PDF), then the PDF step alone.
async function benchRealReport() {
  log(`real report: ${realRuns} full build(s) with the PDF`);
  const fullRuns = await repeat(realRuns, () => build("real", { pdf: true }));
  const distDir = path.join(workDir, "real-dist");
  const pdfBuilt = fs.readdirSync(distDir).some((name) => name.endsWith(".pdf"));
  let pdfStep: (TimedSeries & { method: string }) | { method: string; skipped: string };
  if (!pdfBuilt) {
    pdfStep = { method: "none", skipped: "the build printed no PDF (no Chromium?)" };
  } else if (fs.existsSync(printPdfScript)) {
    log(`real report: ${realRuns} run(s) of scripts/print-pdf.ts on the built site`);
    const runs = await repeat(realRuns, async () => {
      const run = await runMeasured(process.execPath, [printPdfScript, distDir], cleanEnv());
      if (run.exitCode !== 0) throw new Error(`print-pdf failed (exit ${run.exitCode}):\n${run.outputTail}`);
      log(`print-pdf: ${seconds(run.wallMs)}, peak ${mebibytes(run.peakRssBytes)}`);
      return run;
    });
    pdfStep = {
      method: "scripts/print-pdf.ts on the built site (includes starting Node and Chromium)",
      ...series(runs),
    };
  } else {
    log(`real report: ${realRuns} build(s) without the PDF, to time the PDF step by difference`);
    const siteRuns = series(await repeat(realRuns, () => build("real-site", { pdf: false })));
    const full = series(fullRuns);
    pdfStep = {
      method: "median full build minus median build with REPORT_PDF=off",
      ...siteRuns,
      wallMs: [],
      cpuMs: [],
      medianWallMs: full.medianWallMs - siteRuns.medianWallMs,
      medianCpuMs:
        full.medianCpuMs === null || siteRuns.medianCpuMs === null ? null : full.medianCpuMs - siteRuns.medianCpuMs,
    };
  }
  return { runs: realRuns, fullBuild: series(fullRuns), pdfStep, distDir };
}

// 2. Scale: synthetic reports with and without citations.
async function benchScale() {
  const sizes = quick ? QUICK_SCALE_SIZES : SCALE_SIZES;
  const contentDir = (name: string) => path.join(workDir, `content-${name}`);
  // Small builds are short and noisy, so they run three times; the large ones once.
  const timesFor = (size: ReportSize) => (quick ? 1 : size.sections <= 20 ? 3 : 1);
  writeSyntheticReport(contentDir("baseline"), { ...BASELINE_SIZE, withCitations: true });
  log(`scale: baseline (1 section) x${timesFor(BASELINE_SIZE)}`);
  const baseline = series(
    await repeat(timesFor(BASELINE_SIZE), () => build("baseline", { contentDir: contentDir("baseline"), pdf: false })),
  );
  const rows: ScaleRow[] = [];
  for (const size of sizes) {
    const name = `${size.sections}s`;
    writeSyntheticReport(contentDir(`${name}-with`), { ...size, withCitations: true });
    writeSyntheticReport(contentDir(`${name}-without`), { ...size, withCitations: false });
    const times = timesFor(size);
    log(`scale: ${size.sections} sections / ${size.references} references / ${size.citations} citations x${times}`);
    const withRuns: MeasuredRun[] = [];
    const withoutRuns: MeasuredRun[] = [];
    // Alternating the two variants spreads the load of other processes over both.
    for (let i = 0; i < times; i++) {
      withRuns.push(await build(`${name}-with`, { contentDir: contentDir(`${name}-with`), pdf: false }));
      withoutRuns.push(await build(`${name}-without`, { contentDir: contentDir(`${name}-without`), pdf: false }));
    }
    const withCitations = series(withRuns);
    const withoutCitations = series(withoutRuns);
    const cpu =
      withCitations.medianCpuMs !== null && withoutCitations.medianCpuMs !== null && baseline.medianCpuMs !== null
        ? {
            netMsPerSection: netMsPerSection(withCitations.medianCpuMs, baseline.medianCpuMs, size.sections),
            citationShare: citationShare(withCitations.medianCpuMs, withoutCitations.medianCpuMs),
          }
        : null;
    rows.push({
      size,
      withCitations,
      withoutCitations,
      msPerSection: withCitations.medianWallMs / size.sections,
      netMsPerSection: netMsPerSection(withCitations.medianWallMs, baseline.medianWallMs, size.sections),
      citationShare: citationShare(withCitations.medianWallMs, withoutCitations.medianWallMs),
      cpu,
    });
  }
  const first = rows[0];
  const last = rows.at(-1);
  // On a shared machine other load stretches wall time but hardly CPU time: judge on CPU when known.
  const judgedOnCpu = rows.every((row) => row.cpu !== null);
  const figure = (row: ScaleRow) => (judgedOnCpu && row.cpu ? row.cpu : row);
  return {
    baseline,
    sizes: rows,
    judgedOn: judgedOnCpu ? "CPU time" : "wall time",
    citationShare: last ? figure(last).citationShare : undefined,
    perSectionGrowth:
      first && last ? perSectionGrowth(figure(first).netMsPerSection, figure(last).netMsPerSection) : undefined,
  };
}

/** The first section in reading order, as the home page links it. */
function firstSectionPath(distDir: string): string | undefined {
  const home = fs.readFileSync(path.join(distDir, "index.html"), "utf8");
  return /href="(\/sections\/[^"#]+\/)"/.exec(home)?.[1];
}

// 3 and 4. Page weight of every page and Lighthouse on four of them, from the last full build.
async function benchPages(distDir: string) {
  const preview = await startPreview(root, distDir, cleanEnv());
  let pages: PageWeight[] = [];
  const lighthouse: LighthouseSummary[] = [];
  let lighthouseError: string | undefined;
  let pagesError: string | undefined;
  try {
    log("page weight: every page, first visit");
    try {
      pages = await measurePageWeights(preview.origin, htmlPages(distDir));
    } catch (error) {
      pagesError = error instanceof Error ? error.message : String(error);
    }
    if (args.has("--no-lighthouse")) {
      lighthouseError = "skipped (--no-lighthouse)";
    } else {
      const section = firstSectionPath(distDir);
      const targets = quick ? ["/"] : ["/", ...(section ? [section] : []), "/references/", "/timeline/"];
      for (const target of targets) {
        log(`lighthouse: ${target}`);
        try {
          lighthouse.push(runLighthouse(root, preview.origin, target, workDir));
        } catch (error) {
          lighthouseError = error instanceof Error ? error.message : String(error);
          break;
        }
      }
    }
  } finally {
    await preview.stop();
  }
  return { pages, pagesError, lighthouse, lighthouseError };
}

function printTables(results: {
  real: Awaited<ReturnType<typeof benchRealReport>>;
  scale: Awaited<ReturnType<typeof benchScale>> | undefined;
  pages: Awaited<ReturnType<typeof benchPages>>;
  editions: EditionFigures[];
  budgets: BudgetCheck[];
  machine: ReturnType<typeof machine>;
}): void {
  const { real, scale, pages, budgets } = results;
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `Machine: ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}, load at start ${m.loadAverageAtStart.join(" ")}`,
  );
  out.push("");
  out.push(`1. Real report (median of ${real.runs} cold run(s))`);
  const cpu = (ms: number | null) => (ms === null ? "-" : seconds(ms));
  const pdfRow =
    "skipped" in real.pdfStep
      ? ["PDF step alone", real.pdfStep.skipped, "-", "-"]
      : [
          "PDF step alone",
          seconds(real.pdfStep.medianWallMs),
          cpu(real.pdfStep.medianCpuMs),
          mebibytes(real.pdfStep.medianPeakRssBytes),
        ];
  out.push(
    formatTable(
      ["step", "wall time", "CPU time", "peak memory"],
      [
        [
          "full build (site and PDF)",
          seconds(real.fullBuild.medianWallMs),
          cpu(real.fullBuild.medianCpuMs),
          mebibytes(real.fullBuild.medianPeakRssBytes),
        ],
        pdfRow,
      ],
    ),
  );
  if (!("skipped" in real.pdfStep)) out.push(`   PDF step measured as: ${real.pdfStep.method}`);
  out.push("");
  out.push(`1b. Take-away editions of the real report (made from the built site, median of ${real.runs} run(s))`);
  out.push(
    formatTable(
      ["artefact", "time to make", "size", "gzip"],
      results.editions.map((edition) => [
        edition.artefact,
        `${edition.medianMs} ms`,
        `${(edition.bytes / 1024).toFixed(1)} KiB`,
        `${(edition.gzipBytes / 1024).toFixed(1)} KiB`,
      ]),
    ),
  );
  out.push("");
  if (scale) {
    const baselineCpu = scale.baseline.medianCpuMs === null ? "" : `, CPU ${seconds(scale.baseline.medianCpuMs)}`;
    out.push(
      `2. Scale (site only, cold builds, medians; baseline 1-section build ${seconds(scale.baseline.medianWallMs)}${baselineCpu})`,
    );
    out.push(
      formatTable(
        [
          "sections/refs/cites",
          "with citations",
          "without",
          "peak memory",
          "ms/section",
          "net ms/section",
          "citations' share",
        ],
        scale.sizes.map((row) => [
          `${row.size.sections}/${row.size.references}/${row.size.citations}`,
          seconds(row.withCitations.medianWallMs),
          seconds(row.withoutCitations.medianWallMs),
          mebibytes(row.withCitations.medianPeakRssBytes),
          Math.round(row.msPerSection),
          Math.round(row.netMsPerSection),
          `${(row.citationShare * 100).toFixed(1)}%`,
        ]),
      ),
    );
    out.push(`   Scale budgets judged on ${scale.judgedOn}; net = minus the 1-section baseline.`);
    out.push("");
  }
  out.push("3. Page weight, first visit (bytes; gzip unless raw)");
  if (pages.pagesError) out.push(`   not measured: ${pages.pagesError}`);
  out.push(
    formatTable(
      ["page", "requests", "html", "css", "js", "fonts", "images", "total", "total raw"],
      pages.pages.map((page) => [
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
  const largest = largestPage(pages.pages);
  if (largest) out.push(`   largest page: ${largest.page} (${largest.totalGzip} B gzip, ${largest.totalRaw} B raw)`);
  out.push("");
  out.push("4. Lighthouse (mobile defaults, simulated throttling, headless Chromium)");
  out.push(
    formatTable(
      ["page", "perf", "a11y", "best pr.", "SEO", "FCP", "LCP", "CLS", "TBT"],
      pages.lighthouse.map((summary) => [
        summary.page,
        summary.scores.performance ?? "-",
        summary.scores.accessibility ?? "-",
        summary.scores["best-practices"] ?? "-",
        summary.scores.seo ?? "-",
        summary.fcpMs === null ? "-" : `${Math.round(summary.fcpMs)} ms`,
        summary.lcpMs === null ? "-" : `${Math.round(summary.lcpMs)} ms`,
        summary.cls === null ? "-" : summary.cls.toFixed(3),
        summary.tbtMs === null ? "-" : `${Math.round(summary.tbtMs)} ms`,
      ]),
    ),
  );
  for (const summary of pages.lighthouse) {
    for (const failed of summary.failedAudits) out.push(`   ${summary.page} lost points on ${failed}`);
  }
  if (pages.lighthouseError) out.push(`   Lighthouse: ${pages.lighthouseError}`);
  out.push("");
  out.push("Budgets");
  out.push(
    formatTable(
      ["budget", "limit", "actual", "status"],
      budgets.map((check) => [check.budget, check.limit, check.actual, check.status]),
    ),
  );
  const missed = budgets.filter((check) => check.status === "FAIL");
  out.push("");
  out.push(
    missed.length === 0
      ? "All measured budgets met."
      : `${missed.length} budget(s) MISSED: ${missed.map((check) => check.budget).join("; ")}`,
  );
  console.log(out.join("\n"));
}

const started = new Date();
const machineInfo = machine();
fs.mkdirSync(workDir, { recursive: true });
const real = await benchRealReport();
log(`real report: EPUB and single-file HTML, ${realRuns} run(s) each`);
const editions = await measureEditions(real.distDir, realContentDir(root), realRuns);
const pages = await benchPages(real.distDir);
const scale = args.has("--no-scale") ? undefined : await benchScale();
const budgetInput: BudgetInput = {
  pages: pages.pages,
  lighthouse: pages.lighthouse,
  notMeasured: {
    pages: pages.pagesError,
    lighthouse: pages.lighthouseError,
    scale: scale ? undefined : "skipped (--no-scale)",
    growth:
      scale && scale.perSectionGrowth === undefined
        ? "the smallest size built no slower than the 1-section baseline (noise); rerun on a quieter machine"
        : undefined,
    pdf: "skipped" in real.pdfStep ? real.pdfStep.skipped : undefined,
  },
};
if (!("skipped" in real.pdfStep)) budgetInput.pdfMedianMs = real.pdfStep.medianWallMs;
if (scale?.citationShare !== undefined) budgetInput.citationShare = scale.citationShare;
if (scale?.perSectionGrowth !== undefined) budgetInput.perSectionGrowth = scale.perSectionGrowth;
const budgets = checkBudgets(budgetInput);
printTables({ real, scale, pages, editions, budgets, machine: machineInfo });

const { distDir: _distDir, ...realForJson } = real;
const results = {
  date: started.toISOString(),
  durationS: Math.round((Date.now() - started.getTime()) / 1000),
  mode: quick ? "quick" : "full",
  note: "Cold builds (empty output and cache folders). Timings vary with whatever else runs on the machine.",
  machine: { ...machineInfo, loadAverageAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100) },
  realReport: realForJson,
  editions,
  scale: scale ?? null,
  pageWeight: { pages: pages.pages, largest: largestPage(pages.pages)?.page ?? null, error: pages.pagesError ?? null },
  lighthouse: { pages: pages.lighthouse, error: pages.lighthouseError ?? null },
  budgets,
};
fs.mkdirSync(resultsDir, { recursive: true });
const stamp = started
  .toISOString()
  .replace(/:/g, "-")
  .replace(/\.\d+Z$/, "Z");
const file = path.join(resultsDir, `${stamp}${quick ? "-quick" : ""}.json`);
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
// Only a full run stands for the project's figures.
if (!quick) fs.writeFileSync(path.join(resultsDir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
log(`results written to ${path.relative(root, file)}${quick ? "" : " and bench/results/latest.json"}`);
process.exit(budgets.some((check) => check.status === "FAIL") ? 1 : 0);
