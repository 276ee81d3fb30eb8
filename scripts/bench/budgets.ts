import { LIGHTHOUSE_CATEGORIES, type LighthouseSummary } from "./lighthouse.ts";
import type { PageWeight } from "./page-weight.ts";

/** The budgets, as stated in the README. */
export const BUDGETS = {
  /** Most any page of the real report may transfer on a first visit, gzipped (10 KB). */
  pageGzipBytes: 10_000,
  /** JavaScript any page may load. */
  pageJsBytes: 0,
  /** Requests any page may make on a first visit: its HTML, with its styles inside, as a bare Pandoc page. */
  pageRequests: 1,
  /** Lighthouse score every category must reach on the four audited pages. */
  lighthouseScore: 100,
  /** Most of the build time citations may take at the largest synthetic size. */
  citationShare: 0.25,
  /** Most the build time per section at the largest size may be, relative to the smallest. */
  perSectionGrowth: 1.3,
  /** Most the PDF step may take for the real report (median). */
  pdfMs: 5000,
  /** Most a rebuild after a one-section edit of the largest synthetic report may take, relative to its cold build. */
  rebuildShare: 1 / 3,
  /** Most memory the real report's full build (site and PDF, `npm run build`) may hold, summed over its process tree (1 GB). */
  buildPeakBytes: 1_000_000_000,
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

/** The page-weight budgets: the heaviest page, JavaScript and requests, each naming the worst page. */
export function checkPageBudgets(pages: readonly PageWeight[], why?: string): BudgetCheck[] {
  const gzipLimit = `<= ${BUDGETS.pageGzipBytes} B gzip`;
  const jsLimit = `${BUDGETS.pageJsBytes} B`;
  const requestLimit = `<= ${BUDGETS.pageRequests}`;
  if (pages.length === 0) {
    return [
      missing("largest page, first visit", gzipLimit, why),
      missing("JavaScript on any page", jsLimit, why),
      missing("requests on any page", requestLimit, why),
    ];
  }
  const heaviest = worst(pages, (page) => page.totalGzip);
  const js = worst(pages, (page) => page.raw.js);
  const requests = worst(pages, (page) => page.requests);
  return [
    {
      budget: "largest page, first visit",
      limit: gzipLimit,
      actual: `${heaviest.value} B (${heaviest.page})`,
      status: verdict(heaviest.value <= BUDGETS.pageGzipBytes),
    },
    {
      budget: "JavaScript on any page",
      limit: jsLimit,
      actual: `${js.value} B (${js.page})`,
      status: verdict(js.value <= BUDGETS.pageJsBytes),
    },
    {
      budget: "requests on any page",
      limit: requestLimit,
      actual: `${requests.value} (${requests.page})`,
      status: verdict(requests.value <= BUDGETS.pageRequests),
    },
  ];
}

/** The Lighthouse budget, one verdict per audited page. */
export function checkLighthouseBudgets(lighthouse: readonly LighthouseSummary[], why?: string): BudgetCheck[] {
  if (lighthouse.length === 0) {
    return [missing("Lighthouse scores", `${BUDGETS.lighthouseScore} in all four`, why)];
  }
  return lighthouse.map((summary) => {
    const low = LIGHTHOUSE_CATEGORIES.filter((category) => (summary.scores[category] ?? 0) < BUDGETS.lighthouseScore);
    return {
      budget: `Lighthouse ${summary.page}`,
      limit: `${BUDGETS.lighthouseScore} in all four`,
      actual: LIGHTHOUSE_CATEGORIES.map((category) => summary.scores[category] ?? "-").join("/"),
      status: verdict(low.length === 0),
    };
  });
}

/** The two scale budgets: citations' share of the build and the growth of the time per section. */
export function checkScaleBudgets(
  figures: { citationShare?: number | undefined; perSectionGrowth?: number | undefined },
  why: { scale?: string | undefined; growth?: string | undefined } = {},
): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const shareLimit = `<= ${BUDGETS.citationShare * 100}%`;
  if (figures.citationShare === undefined) {
    checks.push(missing("citations' share of build time", shareLimit, why.scale));
  } else {
    checks.push({
      budget: "citations' share of build time",
      limit: shareLimit,
      actual: `${(figures.citationShare * 100).toFixed(1)}%`,
      status: verdict(figures.citationShare <= BUDGETS.citationShare),
    });
  }
  const growthLimit = `<= ${BUDGETS.perSectionGrowth}x`;
  if (figures.perSectionGrowth === undefined) {
    checks.push(missing("time per section, largest/smallest", growthLimit, why.growth ?? why.scale));
  } else {
    checks.push({
      budget: "time per section, largest/smallest",
      limit: growthLimit,
      actual: `${figures.perSectionGrowth.toFixed(2)}x`,
      status: verdict(figures.perSectionGrowth <= BUDGETS.perSectionGrowth),
    });
  }
  return checks;
}

/** The PDF step's budget for the real report. */
export function checkPdfBudget(pdfMedianMs: number | undefined, why?: string): BudgetCheck {
  const limit = `<= ${BUDGETS.pdfMs / 1000} s`;
  if (pdfMedianMs === undefined) return missing("PDF step, real report", limit, why);
  return {
    budget: "PDF step, real report",
    limit,
    actual: `${(pdfMedianMs / 1000).toFixed(2)} s`,
    status: verdict(pdfMedianMs <= BUDGETS.pdfMs),
  };
}

/** A rebuild after editing one section against the cold build of the same report (judged on CPU time when known). */
export function checkRebuildBudget(warmMs: number | undefined, coldMs: number | undefined, why?: string): BudgetCheck {
  const budget = "rebuild after a one-section edit, largest size";
  const limit = "<= 1/3 of the cold build";
  if (warmMs === undefined || coldMs === undefined) return missing(budget, limit, why);
  return {
    budget,
    limit,
    actual: `${(warmMs / 1000).toFixed(1)} s against ${(coldMs / 1000).toFixed(1)} s (${((warmMs / coldMs) * 100).toFixed(0)}%)`,
    status: verdict(warmMs <= coldMs * BUDGETS.rebuildShare),
  };
}

/** One page's first contentful paint here and in Pandoc's build of the same sections, in one run. */
export interface FirstPaintPair {
  page: string;
  fcpMs: number | null;
  pandocFcpMs: number | null;
}

/** First paint no later than Pandoc's on the same content: one verdict per compared page. */
export function checkFirstPaintBudgets(pairs: readonly FirstPaintPair[], why?: string): BudgetCheck[] {
  if (pairs.length === 0) return [missing("first paint against Pandoc", "<= Pandoc's", why)];
  return pairs.map((pair) => {
    const budget = `first paint ${pair.page} against Pandoc`;
    if (pair.fcpMs === null || pair.pandocFcpMs === null) return missing(budget, "<= Pandoc's", "no FCP measured");
    return {
      budget,
      limit: "<= Pandoc's",
      actual: `${Math.round(pair.fcpMs)} ms against ${Math.round(pair.pandocFcpMs)} ms`,
      status: verdict(pair.fcpMs <= pair.pandocFcpMs),
    };
  });
}

/** The real report's full build: the peak of its process tree's summed resident memory (median of the runs). */
export function checkMemoryBudget(peakBytes: number | undefined, why?: string): BudgetCheck {
  const limit = `<= ${BUDGETS.buildPeakBytes / 1e9} GB`;
  if (peakBytes === undefined) return missing("full build's peak memory, real report", limit, why);
  return {
    budget: "full build's peak memory, real report",
    limit,
    actual: `${(peakBytes / 2 ** 20).toFixed(0)} MiB`,
    status: verdict(peakBytes <= BUDGETS.buildPeakBytes),
  };
}

/** Judges every budget against the measured figures. */
export function checkBudgets(input: BudgetInput): BudgetCheck[] {
  const why = input.notMeasured ?? {};
  return [
    ...checkPageBudgets(input.pages ?? [], why.pages),
    ...checkLighthouseBudgets(input.lighthouse ?? [], why.lighthouse),
    ...checkScaleBudgets(input, why),
    checkPdfBudget(input.pdfMedianMs, why.pdf),
  ];
}
