import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { HtmlValidate } from "html-validate";
import { type StaticServer, serveStatic } from "../../src/lib/pdf/static-server.ts";
import { buildSite, projectRoot } from "../build/build-helpers.ts";

// The text-elements fixture (code, math, footnotes, block elements; no timeline, no pages folder),
// built for real and served as a host would, independently of the report's own dist/.
const fixture = path.join(projectRoot, "tests/fixtures/text-elements");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const PAGES = ["/", "/report/", "/sections/methods/", "/sections/results/", "/references/", "/instructors/"];
const MODES = ["light", "dark", "print"] as const;

let outDir = "";
let server: StaticServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // A real build on a loaded machine: minutes, not seconds.
  test.setTimeout(300_000);
  const result = await buildSite(fixture);
  expect(result.exitCode, result.output).toBe(0);
  // Optional parts: no pages folder gives no warning.
  expect(result.output).not.toMatch(/\[WARN\] \[(glob-loader|content)\]/);
  outDir = result.outDir;
  server = await serveStatic(outDir, "/");
});

test.afterAll(async () => {
  await server?.close();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

const url = (pagePath: string) => `${server.origin}${pagePath}`;
const htmlOf = (pagePath: string) => fs.readFileSync(path.join(outDir, pagePath, "index.html"), "utf8");

async function openIn(browser: Browser, mode: (typeof MODES)[number], width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.emulateMedia(mode === "print" ? { media: "print" } : { colorScheme: mode });
  return page;
}

test("no timeline data: no timeline page, link or embed", async ({ page }) => {
  expect(fs.existsSync(path.join(outDir, "timeline"))).toBe(false);
  for (const pagePath of PAGES) {
    await page.goto(url(pagePath));
    await expect(page.locator('a[href*="timeline"]')).toHaveCount(0);
    await expect(page.locator(".timeline")).toHaveCount(0);
  }
});

test("code is highlighted with classes in light and dark, inside a box that scrolls", async ({ browser }) => {
  const html = htmlOf("sections/methods");
  expect(html).not.toMatch(/\sstyle=/);
  expect(html.match(/<pre class="code-block"/g)).toHaveLength(3);
  const colors: Record<string, string> = {};
  for (const mode of ["light", "dark"] as const) {
    const page = await openIn(browser, mode, 1280);
    await page.goto(url("/sections/methods/"));
    const keyword = page.locator('pre[data-language="python"] .line').first().locator("span").first();
    await expect(keyword).toHaveText("def");
    colors[mode] = await keyword.evaluate((element) => getComputedStyle(element).color);
    const background = await page
      .locator("pre.code-block")
      .first()
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toBe(mode === "light" ? "rgb(255, 255, 255)" : "rgb(13, 17, 23)");
    await page.context().close();
  }
  // The themes' own keyword colours (github-light-default #cf222e, github-dark-default #ff7b72).
  expect(colors).toEqual({ light: "rgb(207, 34, 46)", dark: "rgb(255, 123, 114)" });
});

test("pages load the code and rich-text stylesheets only where their text uses them", async () => {
  const sheets = (pagePath: string) =>
    [...htmlOf(pagePath).matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]);
  expect(sheets("sections/methods")).toEqual(expect.arrayContaining(["/code.css", "/rich-text.css"]));
  expect(sheets("sections/results")).toContain("/rich-text.css");
  expect(sheets("sections/results")).not.toContain("/code.css");
  expect(sheets("report")).toEqual(expect.arrayContaining(["/code.css", "/rich-text.css"]));
  for (const pagePath of ["", "references", "instructors"]) {
    expect(sheets(pagePath).filter((sheet) => /code|rich-text/.test(sheet ?? ""))).toEqual([]);
  }
});

test("math is MathML with no script; display equations are numbered and labelled", async ({ page }) => {
  for (const pagePath of ["sections/methods", "report"]) {
    const html = htmlOf(pagePath);
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    // TeX survives only as the MathML annotation (copyable source), never as shown text.
    expect(html.replace(/<annotation[^>]*>[^<]*<\/annotation>/g, "")).not.toContain("\\frac");
    expect(html).toMatch(
      /<div class="equation" id="eq-variance"><div class="equation-body" tabindex="0"><math display="block"/,
    );
  }
  await page.goto(url("/sections/methods/"));
  await expect(page.locator("p math")).toHaveCount(2);
  await expect(page.locator(".equation-number")).toHaveText(["(1)", "(2)"]);
  // @eq:variance in the results section leads to the equation, on its page and on the full report.
  for (const pagePath of ["/sections/results/", "/report/"]) {
    await page.goto(url(pagePath));
    const reference = page.locator('a.cross-reference[href$="#eq-variance"]');
    await expect(reference).toHaveText(/^Equation\s1$/u);
    await reference.click();
    await expect(page.locator("#eq-variance .equation-number")).toHaveText("(1)");
    await expect(page.locator("#eq-variance")).toBeInViewport();
  }
  await page.goto(url("/sections/methods/"));
  // MathML laid out by the browser: a fraction is taller than a line of text.
  const height = await page.locator("#eq-variance math").evaluate((element) => element.getBoundingClientRect().height);
  expect(height).toBeGreaterThan(30);
});

test("footnote ids are unique on the full report and every link leads to its own section's note", async ({ page }) => {
  for (const pagePath of ["/sections/methods/", "/sections/results/", "/report/"]) {
    await page.goto(url(pagePath));
    const ids = await page.locator("[id]").evaluateAll((elements) => elements.map((element) => element.id));
    expect(new Set(ids).size, `duplicate ids on ${pagePath}`).toBe(ids.length);
    const refs = page.locator("a[data-footnote-ref]");
    const count = await refs.count();
    expect(count).toBeGreaterThanOrEqual(2);
    for (let index = 0; index < count; index++) {
      const ref = refs.nth(index);
      const href = (await ref.getAttribute("href")) ?? "";
      const slug = /^#([a-z-]+?)-fn-/.exec(href)?.[1];
      expect(slug, href).toBeDefined();
      const note = page.locator(`[id="${href.slice(1)}"]`);
      await expect(note).toHaveCount(1);
      // The note belongs to the section whose text holds the reference.
      await expect(note).toHaveText(new RegExp(slug === "methods" ? "methods" : "results"));
      const back = note.locator("a[data-footnote-backref]");
      const target = ((await back.getAttribute("href")) ?? "").slice(1);
      expect(target).toBe(await ref.getAttribute("id"));
    }
  }
});

test("block elements: quote, definition list, task list, rule, nested lists and h4 are styled", async ({ page }) => {
  await page.goto(url("/sections/results/"));
  await expect(page.locator("dl dt")).toHaveText(["Mean", "Variance"]);
  expect(
    await page
      .locator("dt")
      .first()
      .evaluate((element) => getComputedStyle(element).fontWeight),
  ).toBe("700");
  await expect(page.locator("hr")).toHaveCount(1);
  await expect(page.locator("h4")).toHaveText("A fourth-level heading");
  await expect(page.locator("ol > li > ul > li")).toHaveCount(2);
  await page.goto(url("/sections/methods/"));
  const quote = page.locator("blockquote");
  expect(await quote.evaluate((element) => getComputedStyle(element).borderLeftStyle)).toBe("solid");
  await expect(page.locator(".task-list-item")).toHaveText([/Done: +Write the methods/, /To do: +Check the results/]);
  await expect(page.locator('input[type="checkbox"]')).toHaveCount(0);
});

test("word counts include text written in HTML blocks", async ({ page }) => {
  await page.goto(url("/sections/results/"));
  const meta = (await page.locator(".section-meta").textContent()) ?? "";
  const words = Number(/([\d,]+) words/.exec(meta)?.[1]?.replace(",", ""));
  const htmlBlock = "A paragraph written as an HTML block still counts towards the section’s words.".split(" ").length;
  // Without the HTML block the section has fewer words than this.
  const text = await page.locator(".prose").evaluate((element) => {
    const clone = element.cloneNode(true) as HTMLElement;
    for (const hidden of clone.querySelectorAll(
      ".paragraph-link, .heading-anchor, .footnotes, .visually-hidden, [aria-hidden]",
    ))
      hidden.remove();
    return clone.textContent ?? "";
  });
  const shown = text.match(/[\p{L}\p{N}]+(?:[’'\-–][\p{L}\p{N}]+)*/gu)?.length ?? 0;
  expect(words).toBeGreaterThanOrEqual(htmlBlock);
  expect(Math.abs(words - shown)).toBeLessThanOrEqual(htmlBlock - 1);
});

for (const mode of MODES) {
  for (const width of [1280, 320]) {
    test(`no horizontal scroll, no CSP violation and no axe violation at ${width}px (${mode})`, async ({ browser }) => {
      test.setTimeout(180_000);
      const page = await openIn(browser, mode, width);
      const csp: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) csp.push(message.text());
      });
      const problems: string[] = [];
      for (const pagePath of PAGES) {
        await page.goto(url(pagePath));
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width) problems.push(`${pagePath}: ${scrollWidth}px wide`);
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        for (const violation of results.violations) {
          problems.push(`${pagePath}: ${violation.id} ${violation.nodes[0]?.target.join(" ")}`);
        }
      }
      expect(problems).toEqual([]);
      expect(csp).toEqual([]);
      await page.context().close();
    });
  }
}

test("printed, code wraps inside the page instead of running off it", async ({ browser }) => {
  const page = await openIn(browser, "print", 600);
  await page.goto(url("/sections/methods/"));
  const box = await page.locator('pre[data-language="python"]').evaluate((element) => ({
    scroll: element.scrollWidth,
    client: element.clientWidth,
  }));
  expect(box.scroll).toBeLessThanOrEqual(box.client);
  await page.context().close();
});

test("every page of the fixture is valid HTML (html-validate)", async () => {
  const validator = new HtmlValidate({
    extends: ["html-validate:recommended"],
    rules: { "void-style": "off", "no-trailing-whitespace": "off" },
  });
  const errors: string[] = [];
  for (const pagePath of PAGES) {
    const report = await validator.validateString(htmlOf(pagePath.slice(1)), pagePath);
    for (const result of report.results) {
      for (const message of result.messages)
        errors.push(`${pagePath}:${message.line} ${message.ruleId}: ${message.message}`);
    }
  }
  expect(errors).toEqual([]);
});
