import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { distDir } from "./site.ts";

// The author's manuscript, kept beside the content it was made from.
const manuscriptFile = path.resolve(process.env["REPORT_CONTENT_DIR"] ?? "content", "manuscript.txt");

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
      for (const link of prose.querySelectorAll(".paragraph-link, .citation-preview, .timeline")) link.remove();
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, with block breaks, is what readers get
      return (prose as HTMLElement).innerText;
    });
  }
  const site = comparable(siteText);
  const missing = paragraphs.filter((paragraph) => !site.includes(comparable(paragraph)));
  expect(missing).toEqual([]);
});
