import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BudgetCheck } from "./budgets.ts";
import type { FigureRow } from "./figures.ts";
import { type MeasuredRun, runMeasured } from "./run-measured.ts";
import { median } from "./stats.ts";
import { mebibytes, seconds } from "./table.ts";

/** What every benchmark gets from the dispatcher: where to work, how hard, and the shared real-report build. */
export interface BenchContext {
  root: string;
  /** Builds and reports go here (inside the repository: Astro puts prerender files next to an outDir inside it). */
  workDir: string;
  /** `--quick`: one run of each thing and small sizes, for a try-out. */
  quick: boolean;
  /** How many times the real report's measures repeat (the median is kept). */
  runs: number;
  log(message: string): void;
  /**
   * The real report built with its PDF. The real-report benchmark sets it with its measured builds;
   * a benchmark run on its own builds it once, unmeasured.
   */
  realSite(): Promise<string>;
  setRealSite(distDir: string): void;
}

/** What one benchmark hands back to the dispatcher. */
export interface BenchOutcome {
  /** Its figures for the JSON results file. */
  figures: unknown;
  /** What it prints: a heading line and its tables. */
  report: string;
  /** Its budgets, judged. */
  budgets: BudgetCheck[];
  /** Its rows of the README's figures table. */
  readme: FigureRow[];
}

/** One entry of the bench's registry; its module is loaded only when it runs, as in withastro/astro's `benchmark/`. */
export interface Benchmark {
  /** What `npm run bench -- <name>` calls it. */
  name: string;
  description: string;
  load(): Promise<{ run(context: BenchContext): Promise<BenchOutcome> }>;
}

/** Wall times, CPU times and peak memory of repeated runs of one thing, with their medians. */
export interface TimedSeries {
  wallMs: number[];
  cpuMs: Array<number | null>;
  /** Null when some run had no CPU time (no /usr/bin/time). */
  medianCpuMs: number | null;
  peakRssBytes: Array<number | null>;
  medianWallMs: number;
  medianPeakRssBytes: number | null;
}

/** The medians of some measured runs. */
export function series(runs: readonly MeasuredRun[]): TimedSeries {
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

/** Runs something `times` times, one after another. */
export async function repeat(times: number, once: () => Promise<MeasuredRun>): Promise<MeasuredRun[]> {
  const runs: MeasuredRun[] = [];
  for (let i = 0; i < times; i++) runs.push(await once());
  return runs;
}

/** The benchmark's environment minus anything that would redirect a build. */
export function cleanEnv(): NodeJS.ProcessEnv {
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

/** Output folder of a named build in the work folder. */
export function distDirOf(context: Pick<BenchContext, "workDir">, name: string): string {
  return path.join(context.workDir, `${name}-dist`);
}

type BuildOptions = { contentDir?: string; pdf: boolean; nodeArgs?: readonly string[] };

/**
 * One cold build (empty output and cache folders) in its own process, measured; throws with the
 * build's output when it fails.
 */
export async function coldBuild(
  context: Pick<BenchContext, "root" | "workDir" | "log">,
  name: string,
  options: BuildOptions,
): Promise<MeasuredRun> {
  fs.rmSync(distDirOf(context, name), { recursive: true, force: true });
  fs.rmSync(path.join(context.workDir, `${name}-cache`), { recursive: true, force: true });
  return measuredBuild(context, name, options);
}

/**
 * Builds `name` again into the output and cache folders its last build left (an author's second
 * `npm run build`), measured: what a rebuild after an edit costs.
 */
export function warmBuild(
  context: Pick<BenchContext, "root" | "workDir" | "log">,
  name: string,
  options: BuildOptions,
): Promise<MeasuredRun> {
  return measuredBuild(context, name, options, "warm");
}

async function measuredBuild(
  context: Pick<BenchContext, "root" | "workDir" | "log">,
  name: string,
  options: BuildOptions,
  label = "",
): Promise<MeasuredRun> {
  const outDir = distDirOf(context, name);
  const cacheDir = path.join(context.workDir, `${name}-cache`);
  const env: NodeJS.ProcessEnv = { ...cleanEnv(), REPORT_OUT_DIR: outDir, REPORT_CACHE_DIR: cacheDir };
  if (options.contentDir) env["REPORT_CONTENT_DIR"] = options.contentDir;
  if (!options.pdf) env["REPORT_PDF"] = "off";
  const astroBin = path.join(context.root, "node_modules", "astro", "bin", "astro.mjs");
  // With the PDF, as `npm run build` builds: the site, then the PDF and the editions in their own process.
  const entry = options.pdf ? [path.join(context.root, "scripts", "build.ts")] : [astroBin, "build"];
  const run = await runMeasured(process.execPath, [...(options.nodeArgs ?? []), ...entry], env);
  if (run.exitCode !== 0) throw new Error(`the build "${name}" failed (exit ${run.exitCode}):\n${run.outputTail}`);
  const cpu = run.cpuMs === null ? "-" : seconds(run.cpuMs);
  context.log(
    `${name}${label ? ` (${label})` : ""}: ${seconds(run.wallMs)} (CPU ${cpu}), peak ${mebibytes(run.peakRssBytes)}`,
  );
  return run;
}

/** The machine the figures were measured on. */
export interface MachineInfo {
  cpus: number;
  model: string;
  memoryGiB: number;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
}

/** Describes this machine and how busy it is now. */
export function machineInfo(): MachineInfo {
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

/** A context for one bench run; the real site is built on first demand unless a benchmark hands one over. */
export function createContext(options: { root: string; quick: boolean }): BenchContext {
  const workDir = path.join(options.root, "bench", "tmp");
  fs.mkdirSync(workDir, { recursive: true });
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  let realSite: Promise<string> | undefined;
  const context: BenchContext = {
    root: options.root,
    workDir,
    quick: options.quick,
    runs: options.quick ? 1 : 5,
    log,
    realSite() {
      realSite ??= (async () => {
        log("real report: one build with the PDF, for the benchmarks that read the built site");
        await coldBuild(context, "real", { pdf: true });
        return distDirOf(context, "real");
      })();
      return realSite;
    },
    setRealSite(distDir) {
      realSite = Promise.resolve(distDir);
    },
  };
  return context;
}
