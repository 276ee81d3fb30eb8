import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type StaticServer, serveStatic } from "../../src/lib/pdf/static-server.ts";
import { fixtureBuild, matrixFixture } from "./fixture-builds.ts";
import { checkPages, openIn, watchCspViolations } from "./page-checks.ts";

// Reports written in Markdown (.md): the Pandoc/Quarto/MyST fixture and the papers fetched and kept
// as their authors wrote them, served as a host would. The edition matrix checks the same shared
// builds for overflow at 320, 390 and 1280 px and with html-validate; here is what it does not check.
const FIXTURES = ["pandoc-markdown", "ported-papers/rescience-stachelek-2016"];

/** Every built page of a site: its index.html files, as URL paths. */
function pagePaths(outDir: string): string[] {
  return fs
    .readdirSync(outDir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith("index.html"))
    .map((name) => `/${path.dirname(name)}/`.replace(/^\/\.\/$/, "/").replace(/\/+/g, "/"));
}

/** The ids of a built page. */
function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] ?? ""));
}

/** Every link of a built site that stays within it, followed: the broken ones, and how many were followed. */
function siteLinks(outDir: string): { broken: string[]; checked: number } {
  const broken: string[] = [];
  let checked = 0;
  for (const pagePath of pagePaths(outDir)) {
    const html = fs.readFileSync(path.join(outDir, pagePath, "index.html"), "utf8");
    for (const [, href = ""] of html.matchAll(/<a [^>]*href="([^"]+)"/g)) {
      if (/^[a-z]+:/i.test(href) || href.startsWith("//")) continue;
      checked += 1;
      const url = new URL(href.replaceAll("&#x26;", "&").replaceAll("&amp;", "&"), `http://site${pagePath}`);
      const target = path.join(outDir, decodeURIComponent(url.pathname));
      const file =
        fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, "index.html") : target;
      if (!fs.existsSync(file)) {
        broken.push(`${pagePath}: ${href} (no ${url.pathname})`);
        continue;
      }
      const id = decodeURIComponent(url.hash.slice(1));
      if (id !== "" && file.endsWith(".html") && !idsOf(fs.readFileSync(file, "utf8")).has(id)) {
        broken.push(`${pagePath}: ${href} (no id "${id}")`);
      }
    }
  }
  return { broken, checked };
}

/**
 * Headings of the full report's sections that do not read as part of their section: a heading
 * other than the section's own title at h2 (a section's headings sit one level below it), or a
 * heading id without the section's id before it (two sections may each have a "Background").
 */
function undemotedHeadings(reportHtml: string): string[] {
  const problems: string[] = [];
  // Each section runs to the next one (a section may hold a footnotes <section> of its own).
  for (const chunk of reportHtml.split('<section class="report-section').slice(1)) {
    const sectionId = /^[^"]*" aria-labelledby="([^"]+)"/.exec(chunk)?.[1] ?? "";
    const body = chunk.split("</article>")[0] ?? "";
    for (const [, level, attributes = ""] of body.matchAll(/<h([1-6])(\s[^>]*)?>/g)) {
      const id = /\sid="([^"]*)"/.exec(attributes)?.[1] ?? "";
      if (level === "2" && id !== sectionId) problems.push(`${sectionId}: an h2 inside the section (${id})`);
      if (level === "1") problems.push(`${sectionId}: an h1 inside the section (${id})`);
      if (level !== "2" && id !== "" && !id.startsWith(`${sectionId}-`))
        problems.push(`${sectionId}: h${level} id "${id}" without the section's id`);
    }
  }
  return problems;
}

for (const name of FIXTURES) {
  test.describe(name, () => {
    test.describe.configure({ mode: "serial" });
    let outDir = "";
    let server: StaticServer;

    test.beforeAll(async () => {
      // A real build on a loaded machine: minutes, not seconds. The edition matrix builds the same
      // fixture: both read one shared build (fixture-builds.ts), so it is built once per run.
      test.setTimeout(300_000);
      outDir = (await fixtureBuild(matrixFixture(name))).outDir;
      server = await serveStatic(outDir, "/");
    });

    test.afterAll(async () => {
      await server?.close();
    });

    test("no axe violation at 1280 px, nothing the CSP refuses", async ({ browser }) => {
      test.setTimeout(300_000);
      const urls = pagePaths(outDir).map((pagePath) => ({ url: `${server.origin}${pagePath}`, label: pagePath }));
      const page = await openIn(browser, "light", 1280);
      const refused = watchCspViolations(page);
      const problems = await checkPages(page, urls, { overflow: false, axe: true });
      problems.push(...refused);
      await page.context().close();
      expect(problems).toEqual([]);
    });

    test("aligned equations align: the = of each row in one column, the left column flush right", async ({ page }) => {
      test.skip(name !== "pandoc-markdown", "the aligned equation is in the Pandoc Markdown fixture");
      for (const media of ["screen", "print"] as const) {
        await page.emulateMedia({ media });
        await page.goto(`${server.origin}/sections/myst/`);
        const rows = page.locator("#eq-aligned mtr");
        await expect(rows).toHaveCount(2);
        const equals = await rows
          .locator("mo", { hasText: "=" })
          .evaluateAll((marks) => marks.map((mark) => mark.getBoundingClientRect().left));
        const lefts = await rows.evaluateAll((items) =>
          items.map(
            (row) => ((row.firstElementChild as Element).lastElementChild as Element).getBoundingClientRect().right,
          ),
        );
        expect(equals).toHaveLength(2);
        expect(Math.abs((equals[0] ?? 0) - (equals[1] ?? 1)), `${media}: the = signs`).toBeLessThan(1);
        expect(Math.abs((lefts[0] ?? 0) - (lefts[1] ?? 1)), `${media}: the left column's right edges`).toBeLessThan(1);
      }
    });

    test("on the full report, a Markdown section's headings sit below its title and carry its id", () => {
      const report = fs.readFileSync(path.join(outDir, "report", "index.html"), "utf8");
      expect(undemotedHeadings(report)).toEqual([]);
      // The check reads real headings where there are some (the ReScience paper's sections have none).
      if (name === "pandoc-markdown") expect(report).toMatch(/<h3 id="[a-z0-9-]+--[a-z0-9-]+"/);
    });

    test("every link within the site leads to a page that exists, and to an id on it", () => {
      const { broken, checked } = siteLinks(outDir);
      expect(broken).toEqual([]);
      // Cross-references, citations, contents and navigation: dozens of links were followed.
      expect(checked).toBeGreaterThan(30);
    });
  });
}

/**
 * Papers fetched and kept as their authors wrote them (Quarto, MyST, Pandoc) that the edition matrix already
 * builds, with its PDF, and holds to the page checks (overflow at 320, 390 and 1280 px, axe,
 * html-validate): here the same shared build is read for what the matrix does not check, that every
 * label became a numbered target, every reference a link to it, no source syntax shows as text, and
 * every link within the site leads somewhere.
 */
const SHARED_PAPERS: Record<string, { targets: string[]; sections: string[]; references: number }> = {
  "ported-papers/beber-2025-event-sourcing": {
    targets: [
      "fig-liquid-handling",
      "fig-reservoirs-installed",
      "fig-alternative-models",
      "fig-event-log-persistence",
      "fig-escsbs",
    ],
    sections: ["introduction", "methods", "results", "discussion", "acknowledgements"],
    references: 8,
  },
  "ported-papers/feickert-2025-pixi": {
    targets: ["lst-pixi-ml-example-workspace", "lst-conda-override-cuda-example", "lst-example-pixi-lockfile"],
    sections: [
      "introduction",
      "reproducibility",
      "conda-packages",
      "cuda",
      "cuda-packages-on-conda-forge",
      "pixi",
      "summary",
      "acknowledgements",
    ],
    references: 4,
  },
  // Pandoc Markdown with pandoc-crossref; its one figure is a PDF, drawn as a PNG by the build.
  "ported-papers/rescience-viejo-2016": {
    targets: ["fig-figure1"],
    sections: ["introduction", "methods", "results", "conclusion"],
    references: 1,
  },
};

for (const [name, expected] of Object.entries(SHARED_PAPERS)) {
  test.describe(name, () => {
    test("labels are numbered targets, references link to them, no source syntax shows, every link resolves", async () => {
      test.setTimeout(300_000);
      const { outDir } = await fixtureBuild(matrixFixture(name));
      const report = fs.readFileSync(path.join(outDir, "report", "index.html"), "utf8");
      const ids = idsOf(report);
      for (const id of [...expected.targets, ...expected.sections]) expect(ids, id).toContain(id);
      const references = [...report.matchAll(/<a href="#([^"]+)" class="cross-reference">/g)].map((match) => match[1]);
      expect(references.length).toBeGreaterThanOrEqual(expected.references);
      for (const target of references) expect(ids).toContain(target);
      expect(undemotedHeadings(report)).toEqual([]);
      for (const slug of expected.sections) {
        const html = fs.readFileSync(path.join(outDir, "sections", slug, "index.html"), "utf8");
        const article = /<article[\s\S]*<\/article>/.exec(html)?.[0] ?? "";
        const text = article.replace(/<pre[\s\S]*?<\/pre>|<code[\s\S]*?<\/code>/g, "").replace(/<[^>]+>/g, "");
        expect(text, slug).not.toMatch(/@(?:fig|tbl|lst|eq|sec)[:-]|\{#|:::|```|\$\$|\]\{|\[\^|\{[a-z:-]+\}`|^:\w+:/m);
      }
      const { broken, checked } = siteLinks(outDir);
      expect(broken).toEqual([]);
      expect(checked).toBeGreaterThan(30);
    });
  });
}
