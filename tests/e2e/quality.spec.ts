import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { checkPages, htmlErrors, watchCspViolations } from "./page-checks.ts";
import { builtPages, distDir } from "./site.ts";

const pages = builtPages();

function htmlOf(pagePath: string): string {
  const file = pagePath.endsWith(".html") ? pagePath : `${pagePath}index.html`;
  return fs.readFileSync(path.join(distDir, file), "utf8");
}

for (const mode of ["light", "dark", "print", "touch"] as const) {
  test(`axe finds no WCAG 2.2 AA or best-practice violation on any page (${mode})`, async ({ browser }) => {
    // axe visits every page in turn: about 25 s on an idle machine, several times that under load.
    test.setTimeout(240_000);
    // A phone: narrow, touch, no hover; what is shown only on hover elsewhere is shown here.
    const context = await browser.newContext(
      mode === "touch" ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {},
    );
    const page = await context.newPage();
    if (mode === "print") await page.emulateMedia({ media: "print" });
    else if (mode !== "touch") await page.emulateMedia({ colorScheme: mode });
    const visits = pages.map((pagePath) => ({ url: pagePath, label: pagePath }));
    expect(await checkPages(page, visits, { axe: true })).toEqual([]);
  });
}

test("every page is valid HTML (html-validate, recommended rules)", async () => {
  expect(await htmlErrors(pages.map((pagePath) => ({ name: pagePath, html: htmlOf(pagePath) })))).toEqual([]);
});

test("keyboard: every link is reachable in document order with a visible focus ring", async ({ page }) => {
  for (const pagePath of ["/", ...pages.filter((pagePath) => pagePath.startsWith("/sections/")).slice(0, 1)]) {
    await page.goto(pagePath);
    // Number the focusable elements in document order, then Tab through the page.
    const focusable = await page
      .locator("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])")
      .evaluateAll(
        (elements) => elements.map((element, index) => element.setAttribute("data-order", String(index))).length,
      );
    const visited: number[] = [];
    for (let step = 0; step < focusable; step++) {
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        const rect = element.getBoundingClientRect();
        return {
          order: Number(element.dataset["order"]),
          name: `${element.tagName} ${element.getAttribute("href") ?? ""}`,
          outline: style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2,
          visible: rect.width > 0 && rect.height > 0 && Number.parseFloat(style.opacity) > 0,
        };
      });
      if (!focus) break;
      expect(focus.outline, `${pagePath}: focus ring on ${focus.name}`).toBe(true);
      expect(focus.visible, `${pagePath}: ${focus.name} is visible when focused`).toBe(true);
      visited.push(focus.order);
    }
    expect(visited).toEqual([...Array(focusable).keys()]);
  }
});

test("download links exist, and external links are listed with safe attributes", async ({ page }) => {
  const external = new Set<string>();
  for (const pagePath of pages) {
    await page.goto(pagePath);
    const links = await page.locator("a[href]").evaluateAll((anchors) =>
      anchors.map((anchor) => ({
        href: (anchor as HTMLAnchorElement).href,
        download: anchor.hasAttribute("download"),
        target: anchor.getAttribute("target"),
        rel: anchor.getAttribute("rel") ?? "",
      })),
    );
    for (const link of links) {
      const url = new URL(link.href);
      if (url.hostname === "127.0.0.1") {
        if (link.download)
          expect((await page.request.get(url.pathname)).ok(), `${pagePath}: download ${url.pathname}`).toBe(true);
        continue;
      }
      external.add(link.href);
      if (link.target === "_blank") expect(link.rel, `${pagePath}: ${link.href}`).toMatch(/noopener/);
    }
  }
  // Listed, never fetched: the report's outside links, for a human to review.
  test.info().annotations.push({ type: "external links", description: [...external].sort().join("\n") || "(none)" });
});

test("every page has the CSP meta tag, a referrer policy and no inline script or event handler", () => {
  const headers = fs.readFileSync(path.join(distDir, "_headers"), "utf8");
  const headerPolicy = /Content-Security-Policy: (.+)/.exec(headers)?.[1] ?? "";
  const everyStyle = new Set<string>();
  let sharedPolicy: string | undefined;
  for (const pagePath of pages) {
    const html = htmlOf(pagePath);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(policy, pagePath).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    // Its styles travel inside it, and its policy allows exactly those, by hash.
    expect(html, pagePath).not.toMatch(/<link[^>]+rel="stylesheet"/);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
      (match) =>
        `'sha256-${createHash("sha256")
          .update(match[1] ?? "")
          .digest("base64")}'`,
    );
    expect(styles.length, pagePath).toBeGreaterThan(0);
    const styleSrc = /style-src ([^;]+)/.exec(policy)?.[1]?.split(" ") ?? [];
    expect(new Set(styleSrc), pagePath).toEqual(new Set(styles));
    for (const source of styleSrc) everyStyle.add(source);
    // Apart from its styles, every page states the same policy.
    const rest = policy.replace(/style-src [^;]+/, "style-src");
    sharedPolicy ??= rest;
    expect(rest, pagePath).toBe(sharedPolicy);
    expect(html).toMatch(/<meta name="referrer" content="(no-referrer|strict-origin-when-cross-origin|same-origin)">/);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    for (const script of scripts) expect(script).toMatch(/type="application\/ld\+json"/);
  }
  // The hosts' header policy is the pages' policy, allowing any page's styles, plus what only a header can say.
  const headerStyles = /style-src ([^;]+)/.exec(headerPolicy)?.[1]?.split(" ") ?? [];
  expect(new Set(headerStyles)).toEqual(everyStyle);
  expect(headerPolicy.replace(/style-src [^;]+/, "style-src")).toBe(`${sharedPolicy}; frame-ancestors 'none'`);
});

test("a page is one request, its HTML with its styles inside, besides the images its text shows", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() !== "image") requests.push(request.url());
  });
  for (const pagePath of pages) {
    requests.length = 0;
    const response = await page.goto(pagePath);
    expect(requests, pagePath).toEqual([response?.url()]);
  }
});

test("a page raises no CSP violation in Chromium", async ({ page }) => {
  const violations = watchCspViolations(page);
  for (const pagePath of pages) await page.goto(pagePath);
  expect(violations).toEqual([]);
});
