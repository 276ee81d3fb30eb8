import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { builtPagePaths } from "../../src/lib/editions/built-files.ts";
import { type StaticServer, serveStatic } from "../../src/lib/pdf/static-server.ts";
import { buildSite, projectRoot } from "../build/build-helpers.ts";
import { checkPages, htmlErrors, openIn, watchCspViolations } from "./page-checks.ts";

// The author's guide (guide/) is a report of this engine, so it is also a fixture of the project's
// page checks: built for real with its PDF, as `npm run guide` builds it, and held to what the
// report's own pages are held to.
const guide = path.join(projectRoot, "guide");

let outDir = "";
let buildOutput = "";
let server: StaticServer;
let pagePaths: string[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // A real build with the PDF on a shared, loaded machine.
  test.setTimeout(600_000);
  const result = await buildSite(guide, { REPORT_PDF: "on" });
  expect(result.exitCode, result.output).toBe(0);
  outDir = result.outDir;
  buildOutput = result.output;
  server = await serveStatic(outDir, "/");
  pagePaths = builtPagePaths(outDir);
});

test.afterAll(async () => {
  await Promise.race([server?.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

const visits = () => pagePaths.map((pagePath) => ({ url: `${server.origin}${pagePath}`, label: pagePath }));

test("the guide builds without one warning, into a site, a PDF, an EPUB and a single file", () => {
  expect(buildOutput).not.toMatch(/\[WARN\]/);
  expect(pagePaths).toContain("/sections/getting-started/");
  expect(pagePaths).toContain("/references/");
  for (const file of ["authors-guide.pdf", "authors-guide.epub", "authors-guide.html"]) {
    expect(fs.existsSync(path.join(outDir, file)), file).toBe(true);
  }
});

for (const mode of ["light", "dark", "print"] as const) {
  test(`axe finds no WCAG 2.2 AA or best-practice violation on any page of the guide (${mode})`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const page = await openIn(browser, mode, 1280);
    const blocked = watchCspViolations(page);
    expect(await checkPages(page, visits(), { axe: true })).toEqual([]);
    expect(blocked).toEqual([]);
    await page.context().close();
  });
}

for (const width of [320, 1280]) {
  test(`no page of the guide scrolls sideways at ${width} px`, async ({ browser }) => {
    test.setTimeout(300_000);
    const page = await openIn(browser, "light", width);
    expect(await checkPages(page, visits(), { overflow: true })).toEqual([]);
    await page.context().close();
  });
}

test("every page of the guide is valid HTML (html-validate, recommended rules)", async () => {
  const documents = pagePaths.map((pagePath) => ({
    name: pagePath,
    html: fs.readFileSync(path.join(outDir, pagePath.endsWith(".html") ? pagePath : `${pagePath}index.html`), "utf8"),
  }));
  expect(documents.length).toBeGreaterThan(10);
  expect(await htmlErrors(documents)).toEqual([]);
});

test("every internal link and #anchor of the guide resolves, and every image loads", async ({ page }) => {
  test.setTimeout(300_000);
  const broken: string[] = [];
  const idsByPage = new Map<string, Set<string>>();
  for (const { url } of visits()) {
    await page.goto(url);
    idsByPage.set(
      new URL(url).pathname,
      new Set(await page.locator("[id]").evaluateAll((nodes) => nodes.map((node) => node.id))),
    );
  }
  for (const { url, label } of visits()) {
    await page.goto(url);
    const hrefs = await page
      .locator("a[href]")
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    for (const href of new Set(hrefs)) {
      const target = new URL(href);
      if (target.origin !== server.origin) continue;
      const response = await page.request.get(`${server.origin}${target.pathname}`);
      if (!response.ok()) broken.push(`${label} -> ${target.pathname} (${response.status()})`);
      else if (target.hash && !idsByPage.get(target.pathname)?.has(decodeURIComponent(target.hash.slice(1))))
        broken.push(`${label} -> ${target.pathname}${target.hash}`);
    }
    // Images load lazily: each one's file is fetched as a browser would, scrolled to it.
    const sources = await page
      .locator("img")
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLImageElement).src));
    for (const source of new Set(sources)) {
      const response = await page.request.get(source);
      const type = response.headers()["content-type"] ?? "";
      if (!response.ok() || !type.startsWith("image/"))
        broken.push(`${label}: image ${source} (${response.status()} ${type})`);
    }
  }
  expect(broken).toEqual([]);
});
