import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { systemChromiumPath } from "../../src/lib/build/browser.ts";
import { builtPagePaths } from "../../src/lib/editions/built-files.ts";
import { printedColumnWidth } from "../../src/lib/pdf/print-dom.ts";
import { type StaticServer, serveStatic } from "../../src/lib/pdf/static-server.ts";
import { projectRoot } from "../build/build-helpers.ts";
import { checkMatterhorn } from "../pdf-ua/matterhorn.ts";
import {
  documentWords,
  hyphenationProblems,
  missingWords,
  pageInk,
  pdfWords,
  scaledPages,
  unshippedFonts,
  wordsOf,
} from "./edition-checks.ts";
import { epubcheck, unpackEpub } from "./editions.ts";
import { type FixtureBuild, fixtureBuild, type MatrixFixture, matrixFixtures } from "./fixture-builds.ts";
import { axeProblems, htmlErrors, openIn } from "./page-checks.ts";
import { type LaidLine, type LaidPage, layoutOf, lineText } from "./pdf-layout.ts";
import { deadLinks, pdfStructureProblems } from "./pdf-structure.ts";
import { headingSizeProblems, LEGACY_SECTION_H1, readingLayoutProblems } from "./reading-layout.ts";

// The edition matrix: every report (the report itself, every whole-report fixture, every ported
// paper) x every edition (pages at three widths, print, PDF, EPUB, single file) x every check.
// Each test is titled "fixture · edition · check", so a failure names all three. Each fixture is
// built once per run (fixture-builds.ts) and the build is shared by every check.

const servers = new Map<string, Promise<StaticServer>>();
/** A server for a built folder, one per worker and folder. */
function serverFor(outDir: string): Promise<StaticServer> {
  let server = servers.get(outDir);
  if (!server) {
    server = serveStatic(outDir, "/");
    servers.set(outDir, server);
  }
  return server;
}

test.afterAll(async () => {
  for (const server of servers.values())
    await Promise.race([(await server).close(), new Promise((r) => setTimeout(r, 2000))]);
  servers.clear();
});

/**
 * What sticks out: the page wider than its window, or a box that hides part of its content. On
 * screen a box that scrolls is fine (the reader scrolls it); on paper and in many reading systems
 * nothing scrolls, so any box narrower than its content loses what sticks out.
 */
async function boxProblems(page: Page, label: string, paper: boolean): Promise<string[]> {
  return page.evaluate(
    ([where, printed]) => {
      const problems: string[] = [];
      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth + 1)
        problems.push(`${where}: the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
      const name = (element: Element) =>
        `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${element.classList.length ? `.${[...element.classList].join(".")}` : ""}>`;
      for (const element of document.querySelectorAll<HTMLElement>("body *")) {
        const style = getComputedStyle(element);
        if (style.overflowX === "visible" || element.getClientRects().length === 0) continue;
        // A visually hidden helper is a 1 px box by design.
        if (element.clientWidth <= 2 || element.clientHeight <= 2) continue;
        const scrolls = style.overflowX === "auto" || style.overflowX === "scroll";
        if (scrolls && !printed) continue;
        // A display equation wider than the column: the PDF step sets it smaller (fitWideEquations),
        // which a browser's own print of a page cannot; its words are not prose either.
        if (printed && element.classList.contains("equation-body")) continue;
        // So is an inline formula, its own box (rich-text.css), set smaller by the same step; in a
        // reading system that cannot scroll, a formula wider than the screen is cut, display or inline.
        if (
          printed &&
          element.tagName.toLowerCase() === "math" &&
          !element.parentElement?.classList.contains("equation-body")
        )
          continue;
        if (element.scrollWidth > element.clientWidth + 1)
          problems.push(
            `${where}: ${name(element)} hides ${element.scrollWidth - element.clientWidth} px of its ${element.scrollWidth} px content`,
          );
      }
      return problems;
    },
    [label, paper] as const,
  );
}

/** Tables outside the labelled region every table gets (table-regions.ts), whatever its source. */
async function unboxedTables(page: Page, label: string): Promise<string[]> {
  return page.evaluate(
    (where) =>
      [...document.querySelectorAll("table")]
        .filter((table) => !table.parentElement?.closest(".table-scroll"))
        .map(
          (table) =>
            `${where}: a table outside a .table-scroll region ("${(table.textContent ?? "").trim().slice(0, 40)}")`,
        ),
    label,
  );
}

/** A reading system that cannot scroll a box: whatever sticks out of a box is shown, or cut by the screen. */
const NOTHING_SCROLLS = "* { overflow: visible !important; }";

/**
 * Table cells (and captions) that reach past the screen's left or right edge, where a reading system
 * that cannot scroll cuts them; cells of a visually hidden header row (clipped) are not shown anyway.
 */
async function cellsOffScreen(page: Page, label: string): Promise<string[]> {
  return page.evaluate((where) => {
    const width = document.documentElement.clientWidth;
    const hidden = (element: Element | null): boolean => {
      for (let node = element; node; node = node.parentElement)
        if (getComputedStyle(node).clip.startsWith("rect(")) return true;
      return false;
    };
    const problems: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>("th, td, caption")) {
      if (cell.getClientRects().length === 0 || hidden(cell)) continue;
      const box = cell.getBoundingClientRect();
      if (box.left < -0.5 || box.right > width + 0.5)
        problems.push(
          `${where}: the cell "${(cell.textContent ?? "").trim().slice(0, 40)}" spans ${Math.round(box.left)}-${Math.round(box.right)} px of a ${width} px screen`,
        );
    }
    return problems;
  }, label);
}

/** The words of the report's sections as a reader sees them in this media, math left out. */
async function sectionWords(page: Page): Promise<Set<string>> {
  const text = await page.evaluate(() => {
    for (const hidden of document.querySelectorAll("math, svg, .visually-hidden, [aria-hidden='true']"))
      hidden.remove();
    // biome-ignore lint/performance/useDomNodeTextContent: innerText is what is shown: hidden parts stay out.
    return [...document.querySelectorAll<HTMLElement>("section.report-section")].map((section) => section.innerText);
  });
  return new Set(wordsOf(text.join("\n")));
}

/**
 * Words of `expected` missing from `found`, where a compound broken at its own hyphen at a line's
 * end counts as found when the extracted text joined it ("self-" + "help" read back as "selfhelp").
 */
function missingAllowingJoinedCompounds(expected: Set<string>, found: Set<string>, source: string): string[] {
  const joined = new Set<string>();
  for (const match of source
    .normalize("NFKC")
    .toLowerCase()
    .matchAll(/\p{L}+(?:-\p{L}+)+/gu)) {
    const parts = match[0].split("-");
    for (let index = 0; index + 1 < parts.length; index++) {
      if (found.has(`${parts[index]}${parts[index + 1]}`)) {
        joined.add(parts[index] ?? "");
        joined.add(parts[index + 1] ?? "");
      }
    }
  }
  return missingWords(expected, found).filter((word) => !joined.has(word));
}

async function reportText(
  browser: Browser,
  origin: string,
  media: "print" | "screen",
): Promise<{ words: Set<string>; text: string }> {
  const page = await openIn(browser, media === "print" ? "print" : "light", 1280);
  await page.goto(`${origin}/report/`);
  // biome-ignore lint/performance/useDomNodeTextContent: innerText is what is shown.
  const text = await page.evaluate(() => document.querySelector("main")?.innerText ?? "");
  const words = await sectionWords(page);
  await page.context().close();
  return { words, text };
}

/** The XHTML documents of an unpacked EPUB, in spine order. */
function spine(folder: string): string[] {
  const opf = fs.readFileSync(path.join(folder, "EPUB/content.opf"), "utf8");
  const hrefs = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((match) => [match[1], match[2]]));
  return [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((match) =>
    path.join(folder, "EPUB", hrefs.get(match[1] ?? "") ?? ""),
  );
}

/** Ace by DAISY's violations on an EPUB, one line each: document, rule, impact. */
function aceViolations(epub: string): string[] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "ace-"));
  try {
    execFileSync(
      process.execPath,
      [path.join(projectRoot, "node_modules/@daisy/ace-cli/bin/ace.js"), "--silent", "--force", "--outdir", out, epub],
      {
        stdio: "pipe",
        env: {
          ...process.env,
          PUPPETEER_SKIP_DOWNLOAD: "1",
          PUPPETEER_EXECUTABLE_PATH: systemChromiumPath() ?? "/usr/bin/chromium",
        },
      },
    );
    interface Assertion {
      "earl:result"?: { "earl:outcome"?: string };
      "earl:test"?: { "dct:title"?: string; "earl:impact"?: string };
      "earl:testSubject"?: { url?: string };
      assertions?: Assertion[];
    }
    const report = JSON.parse(fs.readFileSync(path.join(out, "report.json"), "utf8")) as { assertions: Assertion[] };
    return report.assertions.flatMap((document) =>
      (document.assertions ?? [])
        .filter((assertion) => assertion["earl:result"]?.["earl:outcome"] === "fail")
        .map(
          (assertion) =>
            `${document["earl:testSubject"]?.url}: ${assertion["earl:test"]?.["dct:title"]} (${assertion["earl:test"]?.["earl:impact"]})`,
        ),
    );
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const WIDTHS = [320, 390, 1280];
/** The width axe checks the pages at: a phone's, where most content problems show. */
const AXE_WIDTH = 390;

/** A fixture's shared build (fixture-builds.ts) and its pages as served, asked for by its tests. */
function fixtureContext(fixture: MatrixFixture) {
  let build: FixtureBuild | undefined;
  const built = async (): Promise<FixtureBuild> => {
    build ??= await fixtureBuild(fixture);
    return build;
  };
  const pagesOf = async () => {
    const { outDir } = await built();
    const origin = (await serverFor(outDir)).origin;
    return builtPagePaths(outDir).map((pagePath) => ({
      url: `${origin}${pagePath}`,
      label: `${fixture.name} ${pagePath}`,
    }));
  };
  return { fixture, built, pagesOf };
}

const contexts = matrixFixtures().map(fixtureContext);

// Playwright hands tests to its two workers in the order they are declared: each fixture's longest
// test comes first, so that the two workers build two fixtures at once (the builds' Astro phases
// take turns, the rest overlaps) instead of one worker waiting for the build the other has started.
for (const { fixture, pagesOf } of contexts) {
  test.describe(fixture.name, () => {
    test.beforeEach(() => {
      // It may build the fixture (with its PDF) on a loaded machine, after another build's Astro phase.
      test.setTimeout(400_000);
    });

    // One load of each page serves every width (the window is resized, which lays the page out
    // again as a fresh load at that width would) and axe: page loads are most of these checks' time.
    test(`${fixture.name} · pages at 320, 390 and 1280 px · no horizontal overflow or clipped box; every table in its region; axe and the reading layout at 390 px (light, the full report dark)`, async ({
      browser,
    }) => {
      const problems: string[] = [];
      const pages = await pagesOf();
      const page = await openIn(browser, "light", AXE_WIDTH);
      for (const { url, label } of pages) {
        await page.goto(url);
        problems.push(...(await axeProblems(page, `${label} (light)`)));
        problems.push(...(await readingLayoutProblems(page, `${label} at ${AXE_WIDTH} px`)));
        problems.push(...(await unboxedTables(page, label)));
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          problems.push(...(await boxProblems(page, `${label} at ${width} px`, false)));
        }
        await page.setViewportSize({ width: AXE_WIDTH, height: 900 });
      }
      await page.context().close();
      // Dark mode changes colours only: the full report holds every section's content.
      const dark = await openIn(browser, "dark", AXE_WIDTH);
      for (const { url, label } of pages.filter((entry) => entry.url.endsWith("/report/"))) {
        await dark.goto(url);
        problems.push(...(await axeProblems(dark, `${label} (dark)`)));
      }
      await dark.context().close();
      expect(problems).toEqual([]);
    });
  });
}

for (const { fixture, built, pagesOf } of contexts) {
  test.describe(fixture.name, () => {
    test.beforeEach(() => {
      // A test run filtered to these checks builds the fixture in the first of them.
      test.setTimeout(300_000);
    });

    test(`${fixture.name} · pages · html-validate`, async () => {
      const { outDir } = await built();
      const documents = builtPagePaths(outDir).map((pagePath) => ({
        name: `${fixture.name} ${pagePath}`,
        html: fs.readFileSync(path.join(outDir, pagePath.endsWith("/") ? `${pagePath}index.html` : pagePath), "utf8"),
      }));
      expect(await htmlErrors(documents)).toEqual([]);
    });

    test(`${fixture.name} · print · no overflow or clipped box at the printed column; axe on the full report`, async ({
      browser,
    }) => {
      const pages = await pagesOf();
      const page = await openIn(browser, "print", 1280);
      await page.goto(pages.find((entry) => entry.url.endsWith("/report/"))?.url ?? pages[0]?.url ?? "");
      const column = Math.floor(await page.evaluate(printedColumnWidth));
      await page.setViewportSize({ width: column, height: 1000 });
      const problems: string[] = [];
      for (const { url, label } of pages) {
        await page.goto(url);
        problems.push(...(await boxProblems(page, `${label} (print, ${column} px)`, true)));
        if (url.endsWith("/report/")) problems.push(...(await axeProblems(page, `${label} (print)`)));
      }
      await page.context().close();
      expect(problems).toEqual([]);
    });

    test.describe("PDF", () => {
      const pdf = async () => {
        const file = (await built()).pdf;
        if (!file) throw new Error(`${fixture.name}: no PDF was built`);
        return file;
      };

      test(`${fixture.name} · PDF · every word of the prose is in its text`, async ({ browser }) => {
        const { outDir } = await built();
        const { words, text } = await reportText(browser, (await serverFor(outDir)).origin, "print");
        expect(words.size).toBeGreaterThan(20);
        expect(missingAllowingJoinedCompounds(words, pdfWords(await pdf()), text)).toEqual([]);
      });

      test(`${fixture.name} · PDF · hyphens added at line ends: no capitalised word or URL, at most two lines in a row, none across a page`, async () => {
        const { outDir } = await built();
        const html = fs.readFileSync(path.join(outDir, "report", "index.html"), "utf8");
        expect(hyphenationProblems(layoutOf(await pdf()), html)).toEqual([]);
      });

      test(`${fixture.name} · PDF · no page scaled down`, async () => {
        expect(scaledPages(await pdf())).toEqual([]);
      });

      test(`${fixture.name} · PDF · every embedded font is one the project ships (pdffonts)`, async () => {
        expect(unshippedFonts(await pdf())).toEqual([]);
      });

      test(`${fixture.name} · PDF · Matterhorn checkpoints`, async () => {
        const failures = [...checkMatterhorn(await pdf())].flatMap(([id, found]) =>
          found.map((problem) => `${id}: ${problem}`),
        );
        expect(failures).toEqual([]);
      });

      test(`${fixture.name} · PDF · tags: formulas, footnote marks, timeline, contents and outline, no dead link`, async () => {
        const { outDir } = await built();
        const html = fs.readFileSync(path.join(outDir, "report", "index.html"), "utf8");
        expect(pdfStructureProblems(await pdf(), html, "SITE_URL" in fixture.env)).toEqual([]);
      });

      test(`${fixture.name} · PDF · no page more than half empty except before a section or at the end`, async () => {
        const file = await pdf();
        const laid = layoutOf(file);
        const furniture = (line: LaidLine, page: LaidPage) =>
          /^\d+ of \d+$/.test(lineText(line)) || line.yMax < 0.06 * page.height || line.yMin > 0.94 * page.height;
        const heights = laid.flatMap((page) => page.lines.map((line) => line.yMax - line.yMin)).sort((a, b) => a - b);
        const body = heights[Math.floor(heights.length / 2)] ?? 0;
        const problems = pageInk(file).flatMap(({ page, emptyBelow }) => {
          const next = laid[page];
          if (!next || emptyBelow <= 0.5) return [];
          // The next page opens with a heading (set larger than the text): a section starts there.
          const first = next.lines.find((line) => !furniture(line, next));
          if (first && first.yMax - first.yMin > body + 0.8) return [];
          return [
            `page ${page} is ${Math.round(emptyBelow * 100)}% empty; page ${page + 1} goes on with "${first ? lineText(first) : ""}"`,
          ];
        });
        expect(problems).toEqual([]);
      });
    });

    test.describe("EPUB", () => {
      const epub = async () => {
        const file = (await built()).epub;
        if (!file) throw new Error(`${fixture.name}: no EPUB was built`);
        return file;
      };

      test(`${fixture.name} · EPUB · epubcheck`, async () => {
        expect(epubcheck(await epub()).messages).toEqual([]);
      });

      test(`${fixture.name} · EPUB · Ace by DAISY finds no violation`, async () => {
        expect(aceViolations(await epub())).toEqual([]);
      });

      test(`${fixture.name} · EPUB · every word of the prose is in its text`, async ({ browser }) => {
        const { outDir } = await built();
        const { words, text } = await reportText(browser, (await serverFor(outDir)).origin, "screen");
        const folder = unpackEpub(await epub());
        const found = new Set<string>();
        for (const file of spine(folder))
          for (const word of documentWords(fs.readFileSync(file, "utf8"))) found.add(word);
        fs.rmSync(folder, { recursive: true, force: true });
        expect(missingAllowingJoinedCompounds(words, found, text)).toEqual([]);
      });

      test(`${fixture.name} · EPUB at 390 px · no horizontal overflow or clipped box; nothing scrolling, every table cell on screen at 390 and 320 px; captions, equation and note numbers, algorithms, table words and heading sizes laid out as on the page`, async ({
        browser,
      }) => {
        const folder = unpackEpub(await epub());
        const page = await openIn(browser, "light", 390);
        const problems: string[] = [];
        for (const file of spine(folder)) {
          await page.goto(pathToFileURL(file).href);
          // A reading system may not scroll a box sideways (paginated, it often cannot): as on paper,
          // no box may hide part of its content, tables included.
          problems.push(...(await boxProblems(page, `${fixture.name} ${path.basename(file)}`, true)));
          problems.push(...(await readingLayoutProblems(page, `${fixture.name} EPUB ${path.basename(file)}`)));
          // A section's title above its subheadings in size, even where the reading system's own
          // stylesheet sets an h1 inside a <section> at an h2's size.
          await page.addStyleTag({ content: LEGACY_SECTION_H1 });
          problems.push(...(await headingSizeProblems(page, `${fixture.name} EPUB ${path.basename(file)}`)));
          // As a reader that cannot scroll shows it: every table cell inside the screen, at a phone's
          // width and at the narrowest.
          await page.addStyleTag({ content: NOTHING_SCROLLS });
          for (const width of [390, 320]) {
            await page.setViewportSize({ width, height: 900 });
            problems.push(
              ...(await cellsOffScreen(page, `${fixture.name} EPUB ${path.basename(file)} at ${width} px`)),
            );
          }
          await page.setViewportSize({ width: 390, height: 900 });
        }
        await page.context().close();
        fs.rmSync(folder, { recursive: true, force: true });
        expect(problems).toEqual([]);
      });
    });

    test(`${fixture.name} · single file · no overflow at 320 and 1280 px; axe; html-validate`, async ({ browser }) => {
      const file = (await built()).singleFile;
      if (!file) throw new Error(`${fixture.name}: no single-file edition was built`);
      const problems: string[] = [];
      for (const width of [320, 1280]) {
        const page = await openIn(browser, "light", width);
        await page.route(/^(?!file:)/, (route) => route.abort());
        await page.goto(pathToFileURL(file).href);
        problems.push(...(await boxProblems(page, `${fixture.name} single file at ${width} px`, false)));
        problems.push(...(await readingLayoutProblems(page, `${fixture.name} single file at ${width} px`)));
        if (width === 1280) problems.push(...(await axeProblems(page, `${fixture.name} single file`)));
        await page.context().close();
      }
      const html = fs.readFileSync(file, "utf8");
      problems.push(...(await htmlErrors([{ name: `${fixture.name} single file`, html }])));
      problems.push(
        ...deadLinks(html, "SITE_URL" in fixture.env).map((link) => `${fixture.name} single file: ${link}`),
      );
      expect(problems).toEqual([]);
    });
  });
}
