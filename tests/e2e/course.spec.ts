// Course material: citation metadata in every page's head, the cite-this boxes, paragraph links
// and the instructors' page, checked against content/ itself rather than the code that renders it.
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { parse } from "yaml";
import { builtPages, contentDir, distDir } from "./site.ts";

interface ReportYaml {
  title: string;
  authors?: Array<{ family: string; given?: string }>;
  published: string | Date;
  language: string;
  pdfName?: string;
}

const report = parse(fs.readFileSync(path.join(contentDir, "report.yaml"), "utf8")) as ReportYaml;
const published = new Date(report.published).toISOString().slice(0, 10);
const authors = report.authors ?? [];
const pdfFile = `${report.pdfName ?? "report"}.pdf`;
const pdfBuilt = fs.existsSync(path.join(distDir, pdfFile));

/** Frontmatter questions of each section file, by slug. */
const questionsBySlug = new Map(
  fs
    .readdirSync(path.join(contentDir, "sections"))
    .filter((name) => name.endsWith(".mdx") || name.endsWith(".md"))
    .map((name) => {
      const source = fs.readFileSync(path.join(contentDir, "sections", name), "utf8");
      const frontmatter = parse(source.split(/^---\s*$/m)[1] ?? "") as { questions?: string[] };
      return [name.replace(/\.mdx?$/, ""), frontmatter.questions ?? []] as const;
    }),
);

const pages = builtPages().filter((pagePath) => pagePath.endsWith("/") || pagePath.endsWith(".html"));
const isSection = (pagePath: string) => pagePath.startsWith("/sections/");

async function metaContents(page: Page, name: string): Promise<string[]> {
  return page
    .locator(`head meta[name="${name}"]`)
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("content") ?? ""));
}

/** The page's canonical URL, or null when it has none (a build without SITE_URL). */
async function canonicalOf(page: Page): Promise<string | null> {
  const hrefs = await page
    .locator('link[rel="canonical"]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("href") ?? ""));
  return hrefs[0] ?? null;
}

async function ogContent(page: Page, property: string): Promise<string | null> {
  return page.locator(`head meta[property="${property}"]`).getAttribute("content");
}

/** Distinct works a page cites, from its citation links into the references page. */
async function citedWorks(page: Page): Promise<Set<string>> {
  const hrefs = await page
    .locator("a.citation-link")
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).hash));
  return new Set(hrefs);
}

async function allCitedWorks(page: Page, sectionPaths: string[]): Promise<number> {
  const works = new Set<string>();
  for (const sectionPath of sectionPaths) {
    await page.goto(sectionPath);
    for (const work of await citedWorks(page)) works.add(work);
  }
  return works.size;
}

const sectionPaths = pages.filter(isSection);

for (const pagePath of pages) {
  test(`${pagePath}: Highwire, Open Graph and JSON-LD agree with report.yaml and the page`, async ({ page }) => {
    await page.goto(pagePath);
    const canonical = await canonicalOf(page);
    const heading = ((await page.locator("h1").textContent()) ?? "").trim();
    const expectedTitle = isSection(pagePath) ? heading : report.title;

    expect(await metaContents(page, "citation_title")).toEqual([expectedTitle]);
    expect(await metaContents(page, "citation_author")).toEqual(
      authors.map((a) => [a.family, a.given].filter(Boolean).join(", ")),
    );
    expect(await metaContents(page, "citation_publication_date")).toEqual([published.replaceAll("-", "/")]);
    expect(await metaContents(page, "citation_language")).toEqual([report.language]);
    expect(await page.getAttribute("html", "lang")).toBe(report.language);

    const pdfUrls = await metaContents(page, "citation_pdf_url");
    expect(pdfUrls).toHaveLength(pdfBuilt ? 1 : 0);
    if (pdfBuilt) expect(new URL(pdfUrls[0] ?? "", page.url()).pathname).toMatch(new RegExp(`/${pdfFile}$`));

    // Zotero's item type: a report on report pages, a section of a book (the report) on section pages.
    if (isSection(pagePath)) {
      expect(await metaContents(page, "citation_inbook_title")).toEqual([report.title]);
      // Without SITE_URL (no canonical link) the page's own path stands in: never a localhost URL.
      expect(await metaContents(page, "citation_public_url")).toEqual([canonical ?? pagePath]);
      expect(await metaContents(page, "DC.type")).toEqual([]);
    } else {
      expect(await metaContents(page, "DC.type")).toEqual(["Report"]);
    }

    // With no author named, nothing may look like a byline, or Zotero makes an author of it.
    if (authors.length === 0) {
      await expect(page.locator(".byline, .bylines, .vcard, .article-byline")).toHaveCount(0);
      await expect(page.locator('meta[name="author"], meta[property="article:author"]')).toHaveCount(0);
    }

    expect((await page.locator('meta[name="description"]').getAttribute("content"))?.length).toBeGreaterThan(20);
    expect(await ogContent(page, "og:title")).toBe(expectedTitle);
    if (canonical) expect(await ogContent(page, "og:url")).toBe(canonical);
    else await expect(page.locator('head meta[property="og:url"]')).toHaveCount(0);
    expect(await ogContent(page, "og:type")).toBe("article");
    expect((await ogContent(page, "og:description"))?.length).toBeGreaterThan(20);

    const references = await metaContents(page, "citation_reference");
    for (const reference of references) expect(reference).toMatch(/^citation_title=[^;]+/);

    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(blocks).toHaveLength(1);
    const data = JSON.parse(blocks[0] ?? "") as Record<string, unknown>;
    expect(data["@context"]).toBe("https://schema.org");
    expect(data["@type"]).toBe(isSection(pagePath) ? "Chapter" : "Report");
    expect(data["name"]).toBe(expectedTitle);
    expect(data["datePublished"]).toBe(published);
    expect(data["inLanguage"]).toBe(report.language);
    expect((data["citation"] as unknown[] | undefined)?.length ?? 0).toBe(references.length);
    if (authors.length === 0) expect(data).not.toHaveProperty("author");
    if (isSection(pagePath)) expect((data["isPartOf"] as { name: string }).name).toBe(report.title);
  });
}

test("citation_reference lists the works a section cites, all cited works on the landing page and the full report, none elsewhere", async ({
  page,
}) => {
  for (const sectionPath of sectionPaths) {
    await page.goto(sectionPath);
    const works = await citedWorks(page);
    expect(await metaContents(page, "citation_reference"), sectionPath).toHaveLength(works.size);
  }
  const total = await allCitedWorks(page, sectionPaths);
  expect(total).toBeGreaterThan(0);
  const worksPages = ["/", "/report/"];
  for (const pagePath of worksPages) {
    await page.goto(pagePath);
    expect(await metaContents(page, "citation_reference"), pagePath).toHaveLength(total);
  }
  for (const pagePath of pages.filter((path) => !isSection(path) && !worksPages.includes(path))) {
    await page.goto(pagePath);
    expect(await metaContents(page, "citation_reference"), pagePath).toEqual([]);
  }
});

test("no Content Security Policy violation from the JSON-LD block", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  for (const pagePath of ["/", sectionPaths[0] ?? "/", "/instructors/"]) await page.goto(pagePath);
  expect(violations).toEqual([]);
});

test("every paragraph has a unique anchor across the report and a numbered link to itself", async ({ page }) => {
  const seen = new Map<string, string>();
  for (const sectionPath of sectionPaths) {
    await page.goto(sectionPath);
    const paragraphs = await page.locator(".report-paragraph").evaluateAll((nodes) =>
      nodes.map((node) => {
        const link = node.querySelector(":scope > a.paragraph-link:last-child");
        return {
          id: node.id,
          href: link?.getAttribute("href") ?? null,
          label: link?.textContent?.replace(/\s+/g, " ").trim() ?? "",
        };
      }),
    );
    expect(paragraphs.length, sectionPath).toBeGreaterThan(0);
    paragraphs.forEach((paragraph) => {
      expect(paragraph.id).toMatch(/^p-[\p{L}\p{N}-]+$/u);
      expect(seen.get(paragraph.id), `${paragraph.id} on ${sectionPath}`).toBeUndefined();
      seen.set(paragraph.id, sectionPath);
      expect(paragraph.href).toBe(`#${paragraph.id}`);
    });
    for (const [index, paragraph] of paragraphs.entries()) {
      const link = page.locator(`[id="${paragraph.id}"] > a.paragraph-link`);
      await expect(link).toHaveAccessibleName(`Link to paragraph ${index + 1}`);
    }
  }
});

test("a paragraph link is hidden until its paragraph is hovered or the link is focused", async ({ page }) => {
  await page.goto(sectionPaths[0] ?? "/");
  const paragraph = page.locator(".report-paragraph").first();
  const link = paragraph.locator("a.paragraph-link");
  await page.mouse.move(0, 0);
  expect(await link.evaluate((node) => getComputedStyle(node).opacity)).toBe("0");
  await link.focus();
  expect(await link.evaluate((node) => getComputedStyle(node).opacity)).toBe("1");
  await expect(link).toContainText("1");
  await link.press("Enter");
  expect(await page.evaluate(() => location.hash)).toBe(`#${await paragraph.getAttribute("id")}`);
});

test("the full report page keeps the section pages' paragraph anchors, each once", async ({ page }) => {
  test.skip(!pages.includes("/report/"), "no full report page");
  await page.goto("/report/");
  const ids = await page.locator(".report-paragraph").evaluateAll((nodes) => nodes.map((node) => node.id));
  expect(new Set(ids).size).toBe(ids.length);
});

test("the home page and every section offer a selectable APA reference, BibTeX, RIS and CSL-JSON", async ({ page }) => {
  for (const pagePath of ["/", ...sectionPaths]) {
    await page.goto(pagePath);
    const canonical = (await canonicalOf(page)) ?? "";
    const box = page.locator(".cite-this");
    await expect(box, pagePath).toHaveCount(1);
    const apa = ((await box.locator(".apa-reference").textContent()) ?? "").trim();
    const year = published.slice(0, 4);
    // Built without SITE_URL there is no canonical link, and the reference has no URL but a note.
    const url = canonical ? ` ${canonical}` : "";
    await expect(box.locator(".cite-hint", { hasText: "SITE_URL" })).toHaveCount(canonical ? 0 : 1);
    if (pagePath === "/") {
      // No author: the title takes the author's place, then the year, then the URL.
      expect(apa.toLowerCase()).toBe(`${report.title.toLowerCase()}. (${year}).${url}`);
    } else {
      const title = ((await page.locator("h1").textContent()) ?? "").trim();
      expect(apa.toLowerCase()).toBe(`${title.toLowerCase()}. (${year}). in ${report.title.toLowerCase()}.${url}`);
    }
    expect(await box.locator(".apa-reference").evaluate((node) => getComputedStyle(node).userSelect)).toBe("all");
    const blocks = await box.locator("details pre").allTextContents();
    expect(blocks).toHaveLength(3);
    if (canonical) {
      expect(blocks[0]).toContain(`url = {${canonical}}`);
      expect(blocks[1]).toContain(`UR  - ${canonical}`);
    } else {
      expect(blocks[0]).not.toMatch(/url = /);
      expect(blocks[1]).not.toMatch(/^UR {2}- /m);
    }
    expect((JSON.parse(blocks[2] ?? "") as Array<{ URL?: string }>)[0]?.URL).toBe(canonical || undefined);
  }
});

test("the report's .bib and .ris download and name the report", async ({ page }) => {
  await page.goto("/");
  const hrefs = await page
    .locator(".cite-this .cite-downloads a")
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  expect(hrefs.map((href) => path.extname(new URL(href).pathname))).toEqual([".bib", ".ris", ".json"]);
  for (const href of hrefs) {
    const response = await page.request.get(href);
    expect(response.ok(), href).toBe(true);
    expect((await response.text()).toLowerCase()).toContain(report.title.toLowerCase());
  }
});

test("the instructors' page lists every section with totals that agree with the sections", async ({ page }) => {
  const sectionStats: Array<{ path: string; words: number; minutes: number; paragraphs: number; canonical: string }> =
    [];
  // Reading order, as the home page lists the sections.
  await page.goto("/");
  const ordered = await page
    .locator(".section-list a")
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  expect([...ordered].sort()).toEqual([...sectionPaths].sort());
  for (const sectionPath of ordered) {
    await page.goto(sectionPath);
    const meta = (await page.locator(".page-header .section-meta").textContent()) ?? "";
    const [, minutes, words] = meta.match(/(\d+) min read · ([\d,]+) words/) ?? [];
    sectionStats.push({
      path: sectionPath,
      words: Number(words?.replaceAll(",", "")),
      minutes: Number(minutes),
      paragraphs: await page.locator(".report-paragraph").count(),
      // Without SITE_URL the stable link is the page's path.
      canonical: (await canonicalOf(page)) ?? sectionPath,
    });
  }

  await page.goto("/instructors/");
  const rows = page.locator(".section-table tbody tr");
  await expect(rows).toHaveCount(sectionPaths.length);
  for (const [index, stats] of sectionStats.entries()) {
    const row = rows.nth(index);
    expect(new URL((await row.locator("a").getAttribute("href")) ?? "", page.url()).pathname).toBe(stats.path);
    expect(Number(await row.locator('[data-stat="words"]').getAttribute("data-value"))).toBe(stats.words);
    expect(Number(await row.locator('[data-stat="minutes"]').getAttribute("data-value"))).toBe(stats.minutes);
    expect(Number((await row.locator('[data-stat="paragraphs"]').textContent()) ?? "")).toBe(stats.paragraphs);
    await expect(page.locator(".stable-links")).toContainText(stats.canonical);
  }

  const total = page.locator(".section-table tfoot tr");
  const totalWords = sectionStats.reduce((sum, stats) => sum + stats.words, 0);
  const summedMinutes = sectionStats.reduce((sum, stats) => sum + stats.minutes, 0);
  expect(Number(await total.locator('[data-stat="words"]').getAttribute("data-value"))).toBe(totalWords);
  expect(Number((await total.locator('[data-stat="paragraphs"]').textContent()) ?? "")).toBe(
    sectionStats.reduce((sum, stats) => sum + stats.paragraphs, 0),
  );
  // The whole report's time comes from its total words: it can differ from the sum by rounding only.
  const totalMinutes = Number(await total.locator('[data-stat="minutes"]').getAttribute("data-value"));
  expect(Math.abs(totalMinutes - summedMinutes)).toBeLessThanOrEqual(sectionStats.length / 2);

  await page.goto("/");
  await expect(page.locator("main")).toContainText(
    `${totalMinutes} min read, ${totalWords.toLocaleString("en")} words`,
  );

  await page.goto("/instructors/");
  await expect(page.locator('a[href$=".pdf"]')).toHaveCount(pdfBuilt ? 1 : 0);
  await expect(page.locator(".cite-this .apa-reference")).toHaveCount(1);
  await expect(page.locator("#license-heading")).toHaveCount(1);
});

test("discussion questions appear on their section and on the instructors' page, only where content has them", async ({
  page,
}) => {
  await page.goto("/instructors/");
  const instructorsText = (await page.locator("main").textContent()) ?? "";
  for (const [slug, questions] of questionsBySlug) {
    for (const question of questions) expect(instructorsText).toContain(question);
    await page.goto(`/sections/${slug}/`);
    const listed = await page.locator(".questions li").allInnerTexts();
    expect(listed.map((text) => text.trim())).toEqual(questions);
  }
});
