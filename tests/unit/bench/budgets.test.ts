import { describe, expect, test } from "vitest";
import {
  checkBudgets,
  checkFirstPaintBudgets,
  checkMemoryBudget,
  checkRebuildBudget,
} from "../../../scripts/bench/budgets.ts";
import type { LighthouseSummary } from "../../../scripts/bench/lighthouse.ts";
import { type RecordedRequest, summarizePage } from "../../../scripts/bench/page-weight.ts";

const request = (url: string, resourceType: string, gzipBytes: number): RecordedRequest => ({
  url: `http://127.0.0.1:4321${url}`,
  resourceType,
  rawBytes: gzipBytes * 3,
  gzipBytes,
});
const lean = summarizePage("/", [request("/", "document", 7000)]);
const heavy = summarizePage("/report/", [
  request("/report/", "document", 9000),
  request("/a.css", "stylesheet", 3000),
  request("/b.css", "stylesheet", 500),
  request("/print.css", "stylesheet", 500),
  request("/app.js", "script", 100),
]);
const lighthouse = (page: string, seo: number): LighthouseSummary => ({
  page,
  scores: { performance: 100, accessibility: 100, "best-practices": 100, seo },
  fcpMs: 800,
  lcpMs: 900,
  cls: 0,
  tbtMs: 0,
  failedAudits: [],
});
const statusOf = (checks: ReturnType<typeof checkBudgets>, budget: string) =>
  checks.find((check) => check.budget === budget)?.status;

describe("checkBudgets", () => {
  test("passes a report within every budget", () => {
    const checks = checkBudgets({
      pages: [lean],
      lighthouse: [lighthouse("/", 100)],
      citationShare: 0.1,
      perSectionGrowth: 1.1,
      pdfMedianMs: 3000,
    });
    expect(checks.map((check) => check.status)).toEqual(Array(checks.length).fill("pass"));
  });

  test("flags the page over 10 KB gzip, with JavaScript and more than 1 request, naming it", () => {
    const checks = checkBudgets({ pages: [lean, heavy] });
    const weight = checks.find((check) => check.budget === "largest page, first visit");
    expect(weight).toMatchObject({ status: "FAIL", actual: "13100 B (/report/)" });
    expect(statusOf(checks, "JavaScript on any page")).toBe("FAIL");
    expect(checks.find((check) => check.budget === "requests on any page")?.actual).toBe("5 (/report/)");
  });

  test("flags a Lighthouse category under 100 on one page only", () => {
    const checks = checkBudgets({ lighthouse: [lighthouse("/", 100), lighthouse("/timeline/", 92)] });
    expect(statusOf(checks, "Lighthouse /")).toBe("pass");
    expect(checks.find((check) => check.budget === "Lighthouse /timeline/")).toMatchObject({
      status: "FAIL",
      actual: "100/100/100/92",
    });
  });

  test("judges the scale and PDF budgets at their limits", () => {
    const atLimits = checkBudgets({ citationShare: 0.25, perSectionGrowth: 1.3, pdfMedianMs: 5000 });
    expect(statusOf(atLimits, "citations' share of build time")).toBe("pass");
    expect(statusOf(atLimits, "time per section, largest/smallest")).toBe("pass");
    expect(statusOf(atLimits, "PDF step, real report")).toBe("pass");
    const over = checkBudgets({ citationShare: 0.26, perSectionGrowth: 1.31, pdfMedianMs: 5001 });
    expect(statusOf(over, "citations' share of build time")).toBe("FAIL");
    expect(statusOf(over, "time per section, largest/smallest")).toBe("FAIL");
    expect(statusOf(over, "PDF step, real report")).toBe("FAIL");
  });

  test("says why a budget was not measured instead of passing it", () => {
    const checks = checkBudgets({ notMeasured: { lighthouse: "no Chromium found", pdf: "no PDF" } });
    expect(checks.find((check) => check.budget === "Lighthouse scores")).toMatchObject({
      status: "not measured",
      actual: "no Chromium found",
    });
    expect(checks.filter((check) => check.status === "pass")).toEqual([]);
  });

  test("judges the full build's peak memory against 1 GB, and says why it was not measured", () => {
    expect(checkMemoryBudget(900 * 2 ** 20)).toMatchObject({ status: "pass", actual: "900 MiB", limit: "<= 1 GB" });
    expect(checkMemoryBudget(1_000_000_001).status).toBe("FAIL");
    expect(checkMemoryBudget(undefined, "no /proc")).toMatchObject({ status: "not measured", actual: "no /proc" });
  });

  test("first paint passes at or under Pandoc's on each page and fails over it", () => {
    const checks = checkFirstPaintBudgets([
      { page: "/sections/a/", fcpMs: 650, pandocFcpMs: 650 },
      { page: "/report/", fcpMs: 760, pandocFcpMs: 700 },
    ]);
    expect(checks.map((check) => check.status)).toEqual(["pass", "FAIL"]);
    expect(checks[1]?.actual).toBe("760 ms against 700 ms");
    expect(checkFirstPaintBudgets([], "no pandoc")[0]).toMatchObject({ status: "not measured", actual: "no pandoc" });
  });

  test("a rebuild passes at a third of the cold build or less", () => {
    expect(checkRebuildBudget(10_000, 30_000).status).toBe("pass");
    expect(checkRebuildBudget(10_001, 30_000)).toMatchObject({ status: "FAIL", actual: "10.0 s against 30.0 s (33%)" });
  });
});
