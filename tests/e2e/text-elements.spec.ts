import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { loadReportMetadata } from "../../src/lib/content/report-file.ts";
import { type StaticServer, serveStatic } from "../../src/lib/pdf/static-server.ts";
import { projectRoot } from "../build/build-helpers.ts";
import { cartridgeIn, cartridgePageProblems, unpackCartridge } from "./cartridge.ts";
import { fixtureBuild, matrixFixture } from "./fixture-builds.ts";
import { checkPages, htmlErrors, openIn, watchCspViolations } from "./page-checks.ts";
import { type LaidLine, layoutOf, lineText } from "./pdf-layout.ts";
import { type PagePoint, pdfLinks } from "./pdf-links.ts";

// The text-elements fixture (code, math, footnotes, block elements; no timeline, no pages folder),
// built for real and served as a host would, independently of the report's own dist/.
const fixture = path.join(projectRoot, "tests/fixtures/text-elements");
const PAGES = ["/", "/report/", "/sections/methods/", "/sections/results/", "/references/", "/instructors/"];
const MODES = ["light", "dark", "print"] as const;

let outDir = "";
let server: StaticServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // A real build with its PDF on a loaded machine: minutes, not seconds.
  test.setTimeout(300_000);
  // The edition matrix's build of the fixture, shared by every spec of this run.
  const result = await fixtureBuild(matrixFixture("text-elements"));
  // Optional parts: no pages folder gives no warning.
  expect(result.output).not.toMatch(/\[WARN\] \[(glob-loader|content)\]/);
  outDir = result.outDir;
  server = await serveStatic(outDir, "/");
});

test.afterAll(async () => {
  await server?.close();
});

const url = (pagePath: string) => `${server.origin}${pagePath}`;
const htmlOf = (pagePath: string) => fs.readFileSync(path.join(outDir, pagePath, "index.html"), "utf8");

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

test("pages carry the code and rich-text styles only where their text uses them", async () => {
  // The built stylesheet files stay in the output; each page holds the text of the ones it needs.
  const sheetText = (name: string) => fs.readFileSync(path.join(outDir, name), "utf8");
  const sheets = (pagePath: string) => {
    const styles = [...htmlOf(pagePath).matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]);
    return ["code.css", "rich-text.css"].filter((name) => styles.includes(sheetText(name)));
  };
  expect(sheets("sections/methods")).toEqual(["code.css", "rich-text.css"]);
  expect(sheets("sections/results")).toEqual(["rich-text.css"]);
  expect(sheets("report")).toEqual(["code.css", "rich-text.css"]);
  for (const pagePath of ["", "references", "instructors"]) expect(sheets(pagePath)).toEqual([]);
  expect(htmlOf("sections/methods")).not.toMatch(/<link[^>]+rel="stylesheet"/);
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
  // Only the labelled equation is numbered, as in LaTeX, Quarto and pandoc-crossref.
  await expect(page.locator(".equation")).toHaveCount(2);
  await expect(page.locator(".equation-number")).toHaveText(["(1)"]);
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

test("math is set in the project's own STIX Two Math: on screen, in the PDF and in the EPUB", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(url("/sections/methods/"));
  await page.evaluate(() => document.fonts.ready);
  // The font came from the site itself, and the browser drew the math with it.
  expect(requests.filter((request) => request.endsWith(".woff2"))).toEqual([
    expect.stringMatching(new RegExp(`^${url("/_astro/")}[^/]+\\.woff2$`)),
  ]);
  expect(await page.evaluate(() => document.fonts.check('16px "STIX Two Math"', "∑"))).toBe(true);
  const families = await page.evaluate(() =>
    [...document.fonts].filter((face) => face.status === "loaded").map((face) => face.family.replace(/"/g, "")),
  );
  expect(families).toContain("STIX Two Math");
  // The PDF embeds it, and no bitmap (Type 3) stand-in.
  const pdf = path.join(outDir, `${loadReportMetadata(fixture).pdfName}.pdf`);
  const fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" });
  expect(fonts).toMatch(/\+STIXTwoMath-Regular\s+CID TrueType/);
  expect(fonts).not.toMatch(/Type 3/);
  // The EPUB carries the same font and uses it for math.
  const epub = unzipSync(fs.readFileSync(path.join(outDir, `${loadReportMetadata(fixture).pdfName}.epub`)));
  expect(Object.keys(epub)).toContain("EPUB/fonts/stix-two-math.woff2");
  expect(new TextDecoder().decode(epub["EPUB/report.css"])).toMatch(/math \{ font-family: "STIX Two Math"/);
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
      const csp = watchCspViolations(page);
      const pages = PAGES.map((pagePath) => ({ url: url(pagePath), label: pagePath }));
      expect(await checkPages(page, pages, { overflow: true, axe: true })).toEqual([]);
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
  const documents = PAGES.map((pagePath) => ({ name: pagePath, html: htmlOf(pagePath.slice(1)) }));
  expect(await htmlErrors(documents)).toEqual([]);
});

test("in the PDF, each footnote reference links to its own section's note, and the note links back", () => {
  const pdf = path.join(outDir, `${loadReportMetadata(fixture).pdfName}.pdf`);
  const { links, destinations } = pdfLinks(pdf);
  const lines = layoutOf(pdf).flatMap((page) => page.lines);
  const report = htmlOf("report");
  const overlaps = (line: LaidLine, box: { page: number; top: number; bottom: number }) =>
    line.page === box.page && line.yMin < box.bottom && line.yMax > box.top;

  // Chromium writes every named destination the page's top margin above its element. Measure that
  // offset on the section headings, whose text is known, and hold the notes' destinations to it.
  const offsets = ["methods", "results"].map((slug) => {
    const title = new RegExp(`<h2 id="${slug}"[^>]*>([^<]+)<`).exec(report)?.[1] ?? slug;
    const destination = destinations.get(slug);
    expect(destination, `destination ${slug}`).toBeDefined();
    const heading = lines.find(
      (line) => line.page === destination?.page && line.yMin >= destination.top && lineText(line) === title,
    );
    expect(heading, `the heading ${title} below its destination`).toBeDefined();
    return (heading?.yMin ?? 0) - (destination?.top ?? 0);
  });
  const offset = offsets[0] ?? 0;
  expect(Math.abs((offsets[1] ?? 0) - offset)).toBeLessThan(2);
  const lineAt = (point: PagePoint | undefined) =>
    lines.find((line) => line.page === point?.page && Math.abs(line.yMin - (point.top + offset)) < 3);

  const references = [...report.matchAll(/<a href="#([^"]+)" id="([^"]+)" data-footnote-ref[^>]*>(\d+)<\/a>/g)].map(
    ([, note = "", reference = "", number = ""]) => ({ note, reference, number }),
  );
  // Both sections use the labels 1 and note; each keeps its own ids.
  expect(references.map((found) => found.note)).toEqual([
    "methods-fn-1",
    "methods-fn-note",
    "results-fn-1",
    "results-fn-note",
  ]);
  for (const { note, reference, number } of references) {
    const noteHtml = new RegExp(`<li id="${note}">([\\s\\S]*?)</li>`).exec(report)?.[1] ?? "";
    const noteWords = noteHtml
      .replace(/<[^>]+>/g, "")
      .replace(/↩\uFE0E?/g, "")
      .trim()
      .split(/\s+/)
      .slice(0, 5)
      .join(" ");
    expect(noteWords, note).toMatch(/\w/);
    // The reference: a link to the note, on the line that shows "[n]".
    const forward = links.find((link) => link.destination === note);
    expect(forward, `a link to ${note}`).toBeDefined();
    const referenceLine = lines.find((line) => forward && overlaps(line, forward));
    expect(referenceLine && lineText(referenceLine), `${note}: the line of its reference`).toContain(`[${number}]`);
    // The note: its destination is its own line, "n. The first words", of this section.
    const noteLine = lineAt(destinations.get(note));
    expect(noteLine && lineText(noteLine), `${note}: where its destination lands`).toContain(`${number}. ${noteWords}`);
    // Back: the note's link leads to the reference's destination, which is the reference's line.
    const back = links.find((link) => link.destination === reference);
    expect(back, `a link back to ${reference}`).toBeDefined();
    expect(noteLine && back && overlaps(noteLine, back), `${reference}: its link sits in the note`).toBe(true);
    expect(lineAt(destinations.get(reference)), `${reference}: where the back-link lands`).toBe(referenceLine);
  }
});

test("in the PDF, an equation wider than the column is shrunk to fit, whole and inside the margins", () => {
  const pdf = path.join(outDir, `${loadReportMetadata(fixture).pdfName}.pdf`);
  const pages = layoutOf(pdf);
  const lines = pages.flatMap((page) => page.lines);
  const start = lines.findIndex((line) => lineText(line).startsWith("An unlabelled equation"));
  const before = lines[start];
  // The heading after it (the contents list on the first page names it too).
  const after = lines.find((line, index) => index > start && lineText(line) === "Quoted and listed");
  expect(before && after && before.page === after.page, "the fixture's wide equation sits on one page").toBe(true);
  if (!before || !after) return;
  const math = lines
    .filter((line) => line.page === before.page && line.yMin > before.yMax && line.yMax < after.yMin)
    .flatMap((line) => line.words);
  // Printed cut off at the column's edge, the equation lost its last terms: "(X − μ)²]" holds the second μ.
  expect(
    math
      .map((word) => word.text)
      .join(" ")
      .match(/𝜇/gu)?.length ?? 0,
  ).toBe(2);
  // Unlabelled, it has no number (as in LaTeX); the margins are the same on both sides.
  expect(math.map((word) => word.text)).not.toContain("(2)");
  const right = (pages[before.page - 1]?.width ?? 0) - before.xMin;
  for (const word of math) {
    expect(word.xMin, `"${word.text}" starts inside the column`).toBeGreaterThanOrEqual(before.xMin - 1);
    expect(word.xMax, `"${word.text}" ends inside the column`).toBeLessThanOrEqual(right + 1);
  }
});

test("the course package's pages open from disk with no request elsewhere and pass axe and html-validate", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const folder = unpackCartridge(cartridgeIn(outDir) ?? "");
  expect(await cartridgePageProblems(browser, folder)).toEqual([]);
  fs.rmSync(folder, { recursive: true, force: true });
});
