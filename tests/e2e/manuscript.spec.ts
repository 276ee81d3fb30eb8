import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { epubFile, singleHtmlFile, unpackEpub } from "./editions.ts";
import { contentDir, distDir } from "./site.ts";

// The author's manuscript, kept beside the content it was made from.
const manuscriptFile = path.join(contentDir, "manuscript.txt");

/** Folds the typography the edition note says was changed, so only wording is compared. */
function comparable(text: string): string {
  return text
    .replace(/self\s*[–—-]\s*help/gi, "self-help")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** The manuscript's body paragraphs: no title, no headings, no references. */
function bodyParagraphs(manuscript: string): string[] {
  return manuscript
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => /[.?!”"]$/.test(block) && block.split(" ").length > 12)
    .filter((block) => !/^[A-Z][\p{L}-]+, [A-Z]\.(?: [A-Z]\.)?,/u.test(block));
}

test("every paragraph of the manuscript's body is on the site, in the author's words", async ({ page }) => {
  test.skip(!fs.existsSync(manuscriptFile), "this content folder keeps no manuscript.txt");
  const paragraphs = bodyParagraphs(fs.readFileSync(manuscriptFile, "utf8"));
  expect(paragraphs.length).toBeGreaterThan(5);
  let siteText = "";
  for (const slug of fs.readdirSync(path.join(distDir, "sections"))) {
    await page.goto(`/sections/${slug}/`);
    siteText += await page.locator(".prose").evaluate((prose) => {
      for (const link of prose.querySelectorAll(".paragraph-link, .timeline")) link.remove();
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, with block breaks, is what readers get
      return (prose as HTMLElement).innerText;
    });
  }
  const site = comparable(siteText);
  const missing = paragraphs.filter((paragraph) => !site.includes(comparable(paragraph)));
  expect(missing).toEqual([]);
});

/** The rendered text of the page's report content, without self-links and timelines. */
async function proseText(page: Page, selector: string): Promise<string> {
  const texts = await page.locator(selector).evaluateAll((nodes) =>
    nodes.map((node) => {
      for (const link of node.querySelectorAll(".paragraph-link, .timeline")) link.remove();
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, with block breaks, is what readers get
      return (node as HTMLElement).innerText;
    }),
  );
  return texts.join("\n");
}

test("every paragraph of the manuscript's body is in the EPUB", async ({ page }) => {
  test.skip(!fs.existsSync(manuscriptFile), "this content folder keeps no manuscript.txt");
  test.skip(!fs.existsSync(epubFile), "this build made no EPUB");
  const paragraphs = bodyParagraphs(fs.readFileSync(manuscriptFile, "utf8"));
  const folder = unpackEpub();
  let text = "";
  for (const file of fs.readdirSync(path.join(folder, "EPUB")).filter((name) => name.endsWith(".xhtml"))) {
    await page.goto(pathToFileURL(path.join(folder, "EPUB", file)).href);
    text += await proseText(page, ".prose");
  }
  const epub = comparable(text);
  expect(paragraphs.filter((paragraph) => !epub.includes(comparable(paragraph)))).toEqual([]);
});

test("every paragraph of the manuscript's body is in the single-file HTML", async ({ page }) => {
  test.skip(!fs.existsSync(manuscriptFile), "this content folder keeps no manuscript.txt");
  const paragraphs = bodyParagraphs(fs.readFileSync(manuscriptFile, "utf8"));
  await page.goto(pathToFileURL(singleHtmlFile).href);
  const single = comparable(await proseText(page, ".prose"));
  expect(paragraphs.filter((paragraph) => !single.includes(comparable(paragraph)))).toEqual([]);
});
