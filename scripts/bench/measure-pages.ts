import { chromium } from "playwright";
import { CHROMIUM_ARGS, systemChromiumPath } from "../../src/lib/build/browser.ts";
import { gzipSize, type PageWeight, type RecordedRequest, summarizePage } from "./page-weight.ts";

/**
 * Visits every page once in a fresh browser context (an empty cache: a first visit) and records
 * every request it makes with the size of the body served, raw and gzipped.
 */
export async function measurePageWeights(origin: string, pages: readonly string[]): Promise<PageWeight[]> {
  const executablePath = systemChromiumPath();
  const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
  const weights: PageWeight[] = [];
  try {
    for (const page of pages) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const pending: Array<Promise<RecordedRequest>> = [];
      tab.on("requestfinished", (request) => {
        pending.push(
          (async () => {
            const response = await request.response();
            const body = response ? await response.body() : Buffer.alloc(0);
            return {
              url: request.url(),
              resourceType: request.resourceType(),
              rawBytes: body.length,
              gzipBytes: gzipSize(body),
            };
          })(),
        );
      });
      await tab.goto(`${origin}${page}`, { waitUntil: "networkidle" });
      weights.push(summarizePage(page, await Promise.all(pending)));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return weights;
}
