import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { checkPages } from "./page-checks.ts";
import { builtPages, distDir } from "./site.ts";

const pages = builtPages();
const sectionDir = path.join(distDir, "sections");
const sectionPaths = fs.readdirSync(sectionDir).map((slug) => `/sections/${slug}/`);

test("the build has a home page, sections, references, timeline and a 404", () => {
  expect(pages).toEqual(expect.arrayContaining(["/", "/404.html", "/references/", "/timeline/"]));
  expect(sectionPaths.length).toBeGreaterThanOrEqual(1);
});

for (const pagePath of pages) {
  test(`${pagePath} renders with one h1, landmarks, lang and no script`, async ({ page }) => {
    const external: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.hostname !== "127.0.0.1" && url.protocol !== "data:") external.push(request.url());
    });
    const response = await page.goto(pagePath);
    expect(response?.status()).toBe(pagePath === "/404.html" ? 200 : 200);
    await expect(page.locator("h1")).toHaveCount(1);
    await expect(page.locator("main#main")).toHaveCount(1);
    await expect(page.locator("header.site-header nav")).toHaveCount(1);
    await expect(page.locator("footer")).toHaveCount(1);
    expect(await page.getAttribute("html", "lang")).toMatch(/^[a-z]{2}/);
    // JSON-LD is data, not code: the only script element a page may carry.
    await expect(page.locator('script:not([type="application/ld+json"])')).toHaveCount(0);
    // A canonical link only when SITE_URL is set, and then absolute; never a localhost address.
    const canonical = await page
      .locator('link[rel="canonical"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("href") ?? ""));
    for (const href of canonical) expect(href).toMatch(/^https?:\/\/(?!localhost|127\.)/);
    expect((await page.locator('meta[name="description"]').getAttribute("content"))?.length).toBeGreaterThan(20);
    expect(external).toEqual([]);
  });
}

test("no JavaScript file is shipped", () => {
  const scripts = fs.globSync("**/*.{js,mjs}", { cwd: distDir });
  expect(scripts).toEqual([]);
});

test("every internal link and #anchor on the site resolves", async ({ page }) => {
  const broken: string[] = [];
  const idsByPage = new Map<string, Set<string>>();
  const idsOf = async (target: string) => {
    const cached = idsByPage.get(target);
    if (cached) return cached;
    await page.goto(target);
    const ids = new Set(await page.locator("[id]").evaluateAll((nodes) => nodes.map((node) => node.id)));
    idsByPage.set(target, ids);
    return ids;
  };
  for (const pagePath of pages) {
    await page.goto(pagePath);
    const hrefs = await page
      .locator("a[href]")
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    for (const href of new Set(hrefs)) {
      const url = new URL(href);
      if (url.hostname !== "127.0.0.1") continue;
      const response = await page.request.get(url.pathname);
      if (!response.ok()) {
        broken.push(`${pagePath} -> ${url.pathname} (${response.status()})`);
        continue;
      }
      const type = response.headers()["content-type"] ?? "";
      if (url.hash && type.includes("html")) {
        const ids = await idsOf(url.pathname);
        if (!ids.has(decodeURIComponent(url.hash.slice(1)))) broken.push(`${pagePath} -> ${url.pathname}${url.hash}`);
      }
    }
  }
  expect(broken).toEqual([]);
});

test("previous/next links walk the sections in order", async ({ page }) => {
  await page.goto("/");
  const listed = await page
    .locator(".section-list a")
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  expect(listed.length).toBe(sectionPaths.length);
  await page.goto(listed[0] ?? "/");
  const visited = [new URL(page.url()).pathname];
  while ((await page.locator('a[rel="next"]').count()) > 0) {
    await page.locator('a[rel="next"]').click();
    visited.push(new URL(page.url()).pathname);
  }
  expect(visited).toEqual(listed);
  for (let index = listed.length - 1; index > 0; index--) {
    await page.locator('a[rel="prev"]').click();
    expect(new URL(page.url()).pathname).toBe(listed[index - 1]);
  }
});

for (const width of [320, 1280]) {
  test(`no horizontal scroll at ${width} px on any page`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const visits = pages.map((pagePath) => ({ url: pagePath, label: pagePath }));
    expect(await checkPages(page, visits, { overflow: true })).toEqual([]);
  });
}

test("the text measure is readable (about 65-75 characters)", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sectionPaths[0] ?? "/");
  const charactersPerLine = await page
    .locator(".report-paragraph")
    .first()
    .evaluate((paragraph) => {
      const style = getComputedStyle(paragraph);
      const canvas = document.createElement("canvas").getContext("2d");
      if (!canvas) return 0;
      canvas.font = `${style.fontSize} ${style.fontFamily}`;
      const sample = "the quick brown fox jumps over the lazy dog ";
      const average = canvas.measureText(sample).width / sample.length;
      return paragraph.getBoundingClientRect().width / average;
    });
  expect(charactersPerLine).toBeGreaterThan(60);
  expect(charactersPerLine).toBeLessThan(85);
});

test("dark mode follows the system setting", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(light).not.toBe(dark);
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.locator(".skip-link");
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => location.hash)).toBe("#main");
});
