import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CHROMIUM_ARGS, systemChromiumPath } from "../../src/lib/build/browser.ts";

/** The four Lighthouse categories the budgets name. */
export const LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

/** One of {@link LIGHTHOUSE_CATEGORIES}. */
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number];

/** What the benchmark keeps of one Lighthouse report. */
export interface LighthouseSummary {
  page: string;
  /** Scores 0-100 per category; null when Lighthouse could not score it. */
  scores: Record<LighthouseCategory, number | null>;
  /** First and Largest Contentful Paint and Total Blocking Time in ms; Cumulative Layout Shift unitless. */
  fcpMs: number | null;
  lcpMs: number | null;
  cls: number | null;
  tbtMs: number | null;
  /** Audits that lost points in a category, e.g. `seo: robots-txt (Fetch of robots.txt failed: ...)`. */
  failedAudits: string[];
}

interface LighthouseJson {
  runtimeError?: { message?: string };
  categories?: Record<string, { score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits?: Record<string, { score: number | null; numericValue?: number; explanation?: string; title?: string }>;
}

function numeric(report: LighthouseJson, audit: string): number | null {
  const value = report.audits?.[audit]?.numericValue;
  return typeof value === "number" ? value : null;
}

/** Reads the category scores, the paint and blocking metrics and what lost points from a Lighthouse JSON report. */
export function summarizeLighthouse(page: string, report: LighthouseJson): LighthouseSummary {
  if (report.runtimeError?.message) throw new Error(`Lighthouse failed on ${page}: ${report.runtimeError.message}`);
  const scores = {} as Record<LighthouseCategory, number | null>;
  const failedAudits: string[] = [];
  for (const category of LIGHTHOUSE_CATEGORIES) {
    const found = report.categories?.[category];
    scores[category] = typeof found?.score === "number" ? Math.round(found.score * 100) : null;
    for (const ref of found?.auditRefs ?? []) {
      const audit = report.audits?.[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
        const why = audit.explanation ? ` (${audit.explanation.split("\n")[0]})` : "";
        failedAudits.push(`${category}: ${ref.id}${why}`);
      }
    }
  }
  return {
    page,
    scores,
    fcpMs: numeric(report, "first-contentful-paint"),
    lcpMs: numeric(report, "largest-contentful-paint"),
    cls: numeric(report, "cumulative-layout-shift"),
    tbtMs: numeric(report, "total-blocking-time"),
    failedAudits,
  };
}

/** Runs a command to its end without blocking this process (the preview server it audits runs here). */
function runCommand(
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => {
      output += `\ntimed out after ${timeoutMs / 1000} s`;
      child.kill("SIGTERM");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/**
 * Runs the Lighthouse CLI (mobile defaults, simulated throttling) on one URL with the system's
 * Chromium in headless mode, and returns its summary. Throws with Lighthouse's own words when it fails.
 */
export async function runLighthouse(
  root: string,
  origin: string,
  page: string,
  workDir: string,
): Promise<LighthouseSummary> {
  const chromePath = systemChromiumPath();
  if (!chromePath) throw new Error("no Chromium found (set CHROMIUM_PATH or apt-get install chromium)");
  const output = path.join(workDir, `lighthouse-${page.replace(/[^a-z0-9]+/gi, "-")}.json`);
  fs.rmSync(output, { force: true });
  const cli = path.join(root, "node_modules", "lighthouse", "cli", "index.js");
  const result = await runCommand(
    process.execPath,
    [
      cli,
      `${origin}${page}`,
      `--chrome-path=${chromePath}`,
      // Lighthouse splits this string on spaces: a flag holding spaces (--host-resolver-rules) is quoted.
      `--chrome-flags=--headless=new ${CHROMIUM_ARGS.map((flag) => (flag.includes(" ") ? `${flag.replace("=", '="')}"` : flag)).join(" ")}`,
      `--only-categories=${LIGHTHOUSE_CATEGORIES.join(",")}`,
      "--output=json",
      `--output-path=${output}`,
      "--quiet",
      // Never ask, never send: Lighthouse reports errors to Sentry only when allowed.
      "--no-enable-error-reporting",
    ],
    300_000,
  );
  if (result.status !== 0 || !fs.existsSync(output)) {
    const why = result.output.trim().split("\n").slice(-5).join("\n");
    throw new Error(`Lighthouse exited with ${result.status} on ${page}: ${why}`);
  }
  return summarizeLighthouse(page, JSON.parse(fs.readFileSync(output, "utf8")) as LighthouseJson);
}
