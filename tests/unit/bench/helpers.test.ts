import { spawn } from "node:child_process";
import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { summarizeLighthouse } from "../../../scripts/bench/lighthouse.ts";
import {
  canSampleProcessTree,
  descendantsOf,
  parentPidFromStat,
  processTreeRss,
  rssBytesFromStatus,
} from "../../../scripts/bench/process-tree.ts";
import { cpuMsFromTimeOutput, runMeasured } from "../../../scripts/bench/run-measured.ts";
import { citationShare, netMsPerSection, perSectionGrowth } from "../../../scripts/bench/scale-metrics.ts";
import { median, percentile } from "../../../scripts/bench/stats.ts";
import { formatTable } from "../../../scripts/bench/table.ts";

describe("median and percentile", () => {
  test("median of odd and even counts, unsorted input", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  test("percentiles interpolate between ranks", () => {
    expect(percentile([10, 20, 30, 40, 50], 0)).toBe(10);
    expect(percentile([10, 20, 30, 40, 50], 90)).toBe(46);
    expect(percentile([10, 20, 30, 40, 50], 100)).toBe(50);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("scale metrics", () => {
  test("net time per section removes the fixed cost of a build", () => {
    expect(netMsPerSection(9000, 5000, 20)).toBe(200);
  });
  test("citations' share is the time saved without them, never negative", () => {
    expect(citationShare(10_000, 8000)).toBeCloseTo(0.2);
    expect(citationShare(10_000, 10_500)).toBe(0);
  });
  test("growth of the per-section cost, undefined when the smallest size cost nothing", () => {
    expect(perSectionGrowth(200, 260)).toBeCloseTo(1.3);
    expect(perSectionGrowth(-10, 260)).toBeUndefined();
  });
});

describe("process tree", () => {
  test("reads the parent pid after a command name with spaces and parentheses", () => {
    expect(parentPidFromStat("4242 (node (worker) x) S 17 4242 4242 0 -1")).toBe(17);
    expect(rssBytesFromStatus("Name:\tnode\nVmRSS:\t  2048 kB\nThreads: 4\n")).toBe(2048 * 1024);
    expect(rssBytesFromStatus("Name:\tzombie\n")).toBe(0);
  });
  test("descendantsOf walks children of children and nothing else", () => {
    const parents = new Map([
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 1],
      [9, 8],
    ]);
    expect(descendantsOf(2, parents).sort()).toEqual([2, 3, 4]);
  });
  test.runIf(canSampleProcessTree())("counts a child's memory in its parent's tree", async () => {
    // A child that holds 200 MB must raise the tree's resident memory by at least that.
    const child = spawn(process.execPath, [
      "-e",
      "const b = Buffer.alloc(200 * 2 ** 20, 1); console.log('ready'); setTimeout(() => b.length, 30000)",
    ]);
    await new Promise((resolve) => child.stdout.once("data", resolve));
    const alone = processTreeRss(child.pid ?? -1);
    const withParent = processTreeRss(process.pid);
    child.kill();
    expect(alone).toBeGreaterThan(200 * 2 ** 20);
    expect(withParent).toBeGreaterThan(alone);
  });
});

describe("summarizeLighthouse", () => {
  const report = {
    categories: {
      performance: { score: 1, auditRefs: [{ id: "first-contentful-paint", weight: 10 }] },
      accessibility: { score: 1, auditRefs: [] },
      "best-practices": { score: 0.96, auditRefs: [{ id: "errors-in-console", weight: 1 }] },
      seo: {
        score: 0.92,
        auditRefs: [
          { id: "robots-txt", weight: 1 },
          { id: "hreflang", weight: 0 },
        ],
      },
    },
    audits: {
      "first-contentful-paint": { score: 1, numericValue: 812.4 },
      "largest-contentful-paint": { score: 1, numericValue: 950 },
      "cumulative-layout-shift": { score: 1, numericValue: 0.01 },
      "total-blocking-time": { score: 1, numericValue: 0 },
      "errors-in-console": { score: 0 },
      "robots-txt": { score: 0, explanation: "Fetch of robots.txt failed: CSP violation" },
      hreflang: { score: 0 },
    },
  };
  test("keeps scores out of 100, the four metrics, and the audits that cost points", () => {
    const summary = summarizeLighthouse("/", report);
    expect(summary.scores).toEqual({ performance: 100, accessibility: 100, "best-practices": 96, seo: 92 });
    expect([summary.fcpMs, summary.lcpMs, summary.cls, summary.tbtMs]).toEqual([812.4, 950, 0.01, 0]);
    expect(summary.failedAudits).toEqual([
      "best-practices: errors-in-console",
      "seo: robots-txt (Fetch of robots.txt failed: CSP violation)",
    ]);
  });
  test("throws Lighthouse's runtime error", () => {
    expect(() => summarizeLighthouse("/", { runtimeError: { message: "NO_FCP" } })).toThrow(/NO_FCP/);
  });
});

test("formatTable prints a Markdown table, columns padded, numbers right-aligned", () => {
  expect(
    formatTable(
      ["page", "bytes"],
      [
        ["/", 12],
        ["/references/", 3456],
      ],
    ),
  ).toBe(
    [
      "| page         | bytes |",
      "| :----------- | ----: |",
      "| /            |    12 |",
      "| /references/ |  3456 |",
    ].join("\n"),
  );
});

test("cpuMsFromTimeOutput adds GNU time's user and system seconds", () => {
  expect(cpuMsFromTimeOutput("Command exited with non-zero status 1\nBENCH_CPU 12.34 0.56\n")).toBe(12900);
  expect(cpuMsFromTimeOutput("")).toBeNull();
});

// 500 ms of CPU can take a minute of wall time on a loaded machine.
test.runIf(fs.existsSync("/usr/bin/time"))(
  "runMeasured counts the CPU time of a busy child",
  { timeout: 120_000 },
  async () => {
    // Spins until it has used 500 ms of CPU itself, however loaded the machine is.
    const busy = "const start = process.cpuUsage(); while (process.cpuUsage(start).user < 500000);";
    const run = await runMeasured(process.execPath, ["-e", busy], process.env);
    expect(run.exitCode).toBe(0);
    expect(run.cpuMs).toBeGreaterThanOrEqual(500);
    // Milliseconds, not seconds or microseconds.
    expect(run.cpuMs).toBeLessThan(5000);
  },
);
