import { LIGHTHOUSE_CATEGORIES, type LighthouseSummary } from "./lighthouse.ts";
import type { PageWeight } from "./page-weight.ts";

/** The budgets of issue 8, as stated in the README. */
export const BUDGETS = {
  /** Most any page of the real report may transfer on a first visit, gzipped (10 KB). */
  pageGzipBytes: 10_000,
  /** JavaScript any page may load. */
  pageJsBytes: 0,
  /** Requests any page may make on a first visit. */
  pageRequests: 3,
  /** Lighthouse score every category must reach on the four audited pages. */
  lighthouseScore: 100,
  /** Most of the build time citations may take at the largest synthetic size. */
  citationShare: 0.25,
  /** Most the build time per section at the largest size may be, relative to the smallest. */
  perSectionGrowth: 1.3,
  /** Most the PDF step may take for the real report (median). */
  pdfMs: 5000,
} as const;

/** Whether a budget was met, missed, or could not be measured in this run. */
export type BudgetStatus = "pass" | "FAIL" | "not measured";

/** One budget's verdict with the figure it was judged on. */
export interface BudgetCheck {
  budget: string;
  limit: string;
  actual: string;
  status: BudgetStatus;
}

/** The figures the budgets are judged on; an absent figure was not measured (with why). */
export interface BudgetInput {
  pages?: readonly PageWeight[];
  lighthouse?: readonly LighthouseSummary[];
  /** (t_with - t_without) / t_with at the largest synthetic size. */
  citationShare?: number;
  /** Net build time per section at the largest size divided by that at the smallest. */
  perSectionGrowth?: number;
  pdfMedianMs?: number;
  /** Why a figure is missing, shown instead of a verdict. */
  notMeasured?: Partial<Record<"pages" | "lighthouse" | "scale" | "growth" | "pdf", string | undefined>>;
}

function verdict(ok: boolean): BudgetStatus {
  return ok ? "pass" : "FAIL";
}

function missing(budget: string, limit: string, why: string | undefined): BudgetCheck {
  return { budget, limit, actual: why ?? "not measured", status: "not measured" };
}

function worst(pages: readonly PageWeight[], value: (page: PageWeight) => number): { page: string; value: number } {
  return pages.reduce((top, page) => (value(page) > top.value ? { page: page.page, value: value(page) } : top), {
    page: "-",
    value: Number.NEGATIVE_INFINITY,
  });
}

/** Judges every budget of issue 8 against the measured figures. */
export function checkBudgets(input: BudgetInput): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const why = input.notMeasured ?? {};
  const pages = input.pages ?? [];
  const gzipLimit = `<= ${BUDGETS.pageGzipBytes} B gzip`;
  const jsLimit = `${BUDGETS.pageJsBytes} B`;
  const requestLimit = `<= ${BUDGETS.pageRequests}`;
  if (pages.length === 0) {
    checks.push(missing("largest page, first visit", gzipLimit, why.pages));
    checks.push(missing("JavaScript on any page", jsLimit, why.pages));
    checks.push(missing("requests on any page", requestLimit, why.pages));
  } else {
    const heaviest = worst(pages, (page) => page.totalGzip);
    checks.push({
      budget: "largest page, first visit",
      limit: gzipLimit,
      actual: `${heaviest.value} B (${heaviest.page})`,
      status: verdict(heaviest.value <= BUDGETS.pageGzipBytes),
    });
    const js = worst(pages, (page) => page.raw.js);
    checks.push({
      budget: "JavaScript on any page",
      limit: jsLimit,
      actual: `${js.value} B (${js.page})`,
      status: verdict(js.value <= BUDGETS.pageJsBytes),
    });
    const requests = worst(pages, (page) => page.requests);
    checks.push({
      budget: "requests on any page",
      limit: requestLimit,
      actual: `${requests.value} (${requests.page})`,
      status: verdict(requests.value <= BUDGETS.pageRequests),
    });
  }
  const lighthouse = input.lighthouse ?? [];
  if (lighthouse.length === 0) {
    checks.push(missing("Lighthouse scores", `${BUDGETS.lighthouseScore} in all four`, why.lighthouse));
  } else {
    for (const summary of lighthouse) {
      const low = LIGHTHOUSE_CATEGORIES.filter((category) => (summary.scores[category] ?? 0) < BUDGETS.lighthouseScore);
      checks.push({
        budget: `Lighthouse ${summary.page}`,
        limit: `${BUDGETS.lighthouseScore} in all four`,
        actual: LIGHTHOUSE_CATEGORIES.map((category) => summary.scores[category] ?? "-").join("/"),
        status: verdict(low.length === 0),
      });
    }
  }
  if (input.citationShare === undefined) {
    checks.push(missing("citations' share of build time", `<= ${BUDGETS.citationShare * 100}%`, why.scale));
  } else {
    checks.push({
      budget: "citations' share of build time",
      limit: `<= ${BUDGETS.citationShare * 100}%`,
      actual: `${(input.citationShare * 100).toFixed(1)}%`,
      status: verdict(input.citationShare <= BUDGETS.citationShare),
    });
  }
  if (input.perSectionGrowth === undefined) {
    checks.push(
      missing("time per section, largest/smallest", `<= ${BUDGETS.perSectionGrowth}x`, why.growth ?? why.scale),
    );
  } else {
    checks.push({
      budget: "time per section, largest/smallest",
      limit: `<= ${BUDGETS.perSectionGrowth}x`,
      actual: `${input.perSectionGrowth.toFixed(2)}x`,
      status: verdict(input.perSectionGrowth <= BUDGETS.perSectionGrowth),
    });
  }
  if (input.pdfMedianMs === undefined) {
    checks.push(missing("PDF step, real report", `<= ${BUDGETS.pdfMs / 1000} s`, why.pdf));
  } else {
    checks.push({
      budget: "PDF step, real report",
      limit: `<= ${BUDGETS.pdfMs / 1000} s`,
      actual: `${(input.pdfMedianMs / 1000).toFixed(2)} s`,
      status: verdict(input.pdfMedianMs <= BUDGETS.pdfMs),
    });
  }
  return checks;
}
