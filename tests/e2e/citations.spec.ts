import fs from "node:fs";
import path from "node:path";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";
import "@citation-js/plugin-csl";
import { expect, type Page, test } from "@playwright/test";
import { axeProblems, openIn, overflowProblem } from "./page-checks.ts";
import { distDir } from "./site.ts";

const sectionPaths = fs.readdirSync(path.join(distDir, "sections")).map((slug) => `/sections/${slug}/`);
// A section page that cites something, found from the built HTML.
const citingSection =
  sectionPaths.find((sectionPath) =>
    fs.readFileSync(path.join(distDir, sectionPath, "index.html"), "utf8").includes('class="citation-link"'),
  ) ?? "/";

test("every citation links to an entry that exists on the references page", async ({ page }) => {
  await page.goto("/references/");
  const entryIds = new Set(
    await page.locator(".reference-list > li").evaluateAll((items) => items.map((item) => item.id)),
  );
  let citations = 0;
  for (const sectionPath of sectionPaths) {
    await page.goto(sectionPath);
    const links = await page.locator(".citation-link").evaluateAll((anchors) =>
      anchors.map((anchor) => ({
        href: (anchor as HTMLAnchorElement).getAttribute("href") ?? "",
        text: anchor.textContent ?? "",
      })),
    );
    for (const link of links) {
      citations++;
      const [target, fragment] = link.href.split("#");
      expect(target).toBe("/references/");
      expect(entryIds, `${sectionPath}: ${link.text}`).toContain(fragment);
    }
  }
  expect(citations).toBeGreaterThan(0);
});

/** Each entry of the references page by its id, with its text. */
async function referenceEntries(page: Page): Promise<Map<string, string>> {
  await page.goto("/references/");
  return new Map(
    await page
      .locator(".reference-list > li")
      .evaluateAll((items) =>
        items.map((item) => [item.id, item.querySelector(".reference-text")?.textContent ?? ""] as [string, string]),
      ),
  );
}

test("the first author in each citation matches the entry it links to", async ({ page }) => {
  const entries = await referenceEntries(page);
  for (const sectionPath of sectionPaths) {
    await page.goto(sectionPath);
    for (const link of await page.locator(".citation-link").all()) {
      const fragment = (await link.getAttribute("href"))?.split("#")[1] ?? "";
      const surname = (await link.textContent())?.split(/[ ,]/)[0] ?? "";
      expect(entries.get(fragment)?.startsWith(surname), `${sectionPath}: ${surname} -> ${fragment}`).toBe(true);
    }
  }
});

test("a citation is named by its own text, and hovering or focusing it shows its work's full reference", async ({
  page,
}) => {
  const entries = await referenceEntries(page);
  await page.goto(citingSection);
  const link = page.locator(".citation-link").first();
  const preview = page.locator(`[id="${await link.getAttribute("interestfor")}"]`);
  // The name is the citation as read ("Borkman et al., 2020"), with balanced parentheses, not the preview.
  await expect(link).toHaveAccessibleName(/^[^()]+(?:\(\d{4}[^()]*\))?$/);
  await expect(link).toHaveAccessibleName((await link.textContent()) ?? "");
  // The preview is the entry the link leads to, word for word.
  const entry = entries.get(decodeURIComponent((await link.getAttribute("href"))?.split("#")[1] ?? ""));
  expect(entry).toMatch(/\(\d{4}\)\. .+/);
  await expect(preview).toHaveText(entry ?? "");
  await expect(preview).toBeHidden();
  await link.focus();
  await expect(preview).toBeVisible();
  // It opens beside the citation (below it, or above where the window has no room).
  const [linkBox, previewBox] = [await link.boundingBox(), await preview.boundingBox()];
  expect(linkBox && previewBox).toBeTruthy();
  if (linkBox && previewBox) {
    const gap = Math.min(
      Math.abs(previewBox.y - (linkBox.y + linkBox.height)),
      Math.abs(linkBox.y - (previewBox.y + previewBox.height)),
    );
    expect(gap).toBeLessThan(20);
  }
  await page.locator("h1").click();
  await expect(preview).toBeHidden();
  await link.hover();
  await expect(preview).toBeVisible();
});

for (const [mode, width] of [
  ["light", 1280],
  ["dark", 1280],
  ["light", 320],
] as const) {
  test(`an open preview passes axe, stays inside the window and widens nothing (${mode}, ${width} px)`, async ({
    browser,
    baseURL,
  }) => {
    const page = await openIn(browser, mode, width);
    await page.goto(`${baseURL}${citingSection}`);
    const link = page.locator(".citation-link").first();
    const preview = page.locator(`[id="${await link.getAttribute("interestfor")}"]`);
    await link.focus();
    await expect(preview).toBeVisible();
    expect(await axeProblems(page, `${citingSection} with its preview open`)).toEqual([]);
    expect(await overflowProblem(page, citingSection)).toBeUndefined();
    const box = await preview.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
    await page.context().close();
  });
}

test("each cited work's preview is on the page once, however often the page cites it", async ({ page }) => {
  let pointed = 0;
  for (const sectionPath of [...sectionPaths, "/report/"]) {
    await page.goto(sectionPath);
    const targets = await page
      .locator(".citation-link[interestfor]")
      .evaluateAll((links) => links.map((link) => link.getAttribute("interestfor") ?? ""));
    const previews = await page.locator(".citation-preview").evaluateAll((nodes) => nodes.map((node) => node.id));
    expect(previews.sort(), sectionPath).toEqual([...new Set(targets)].sort());
    // Inside the text no citation carries a reference of its own.
    await expect(page.locator(".prose .citation-preview")).toHaveCount(0);
    pointed += targets.length;
  }
  expect(pointed).toBeGreaterThan(0);
});

test("in print, citations are plain text without previews", async ({ page }) => {
  await page.emulateMedia({ media: "print" });
  await page.goto(citingSection);
  // innerText is what is rendered: the preview must not be part of it.
  const printed = await page
    .locator(".citation")
    .first()
    // biome-ignore lint/performance/useDomNodeTextContent: innerText is the rendered text, which this test is about
    .evaluate((element) => (element as HTMLElement).innerText);
  expect(printed).toMatch(/^\([A-Z][^()]+, \d{4}\)$/);
  await expect(page.locator(".citation-preview").first()).toBeHidden();
});

test("every back-link on the references page lands on a paragraph that cites that work", async ({ page }) => {
  await page.goto("/references/");
  const backLinks = await page.locator(".cited-by a").evaluateAll((anchors) =>
    anchors.map((anchor) => ({
      entry: anchor.closest("li")?.id ?? "",
      href: (anchor as HTMLAnchorElement).getAttribute("href") ?? "",
      label: anchor.textContent ?? "",
    })),
  );
  expect(backLinks.length).toBeGreaterThan(0);
  for (const backLink of backLinks) {
    expect(backLink.label).toMatch(/, paragraph \d+$/);
    await page.goto(backLink.href);
    const fragment = backLink.href.split("#")[1] ?? "";
    const paragraph = page.locator(`[id="${fragment}"]`);
    await expect(paragraph).toHaveCount(1);
    await expect(paragraph).toHaveClass(/report-paragraph/);
    const cited = await paragraph
      .locator(".citation-link")
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")?.split("#")[1]));
    expect(cited).toContain(backLink.entry);
    // The label's paragraph number is the paragraph's position among the section's paragraphs.
    const position = await paragraph.evaluate(
      (element) => [...document.querySelectorAll(".report-paragraph")].indexOf(element) + 1,
    );
    expect(backLink.label).toMatch(new RegExp(`paragraph ${position}$`));
    await expect(page.locator("h1")).toHaveText(backLink.label.replace(/, paragraph \d+$/, ""));
  }
});

test("references are in APA order with a hanging indent", async ({ page }) => {
  await page.goto("/references/");
  const texts = await page.locator(".reference-list > li .reference-text").allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  expect([...texts].sort((a, b) => a.localeCompare(b))).toEqual(texts);
  const indent = await page
    .locator(".reference-text")
    .first()
    .evaluate((element) => {
      const style = getComputedStyle(element);
      return { padding: Number.parseFloat(style.paddingLeft), indent: Number.parseFloat(style.textIndent) };
    });
  expect(indent.indent).toBeLessThan(0);
  expect(indent.padding).toBe(-indent.indent);
  await expect(page.locator(".reference-text i").first()).toBeVisible();
});

test("the downloads parse back into the same works", async ({ page }) => {
  await page.goto("/references/");
  const entryIds = (
    await page.locator(".reference-list > li").evaluateAll((items) => items.map((item) => item.id.replace(/^ref-/, "")))
  ).sort();
  const titles = new Map<string, string>();
  for (const file of ["references.json", "references.bib", "references.ris"]) {
    const link = page.locator(`a[href$="${file}"]`);
    await expect(link).toHaveCount(1);
    const response = await page.request.get((await link.getAttribute("href")) ?? "");
    expect(response.ok()).toBe(true);
    const text = await response.text();
    const items = new Cite(file.endsWith(".json") ? JSON.parse(text) : text).data as Array<{
      id: string;
      title?: string;
      issued?: unknown;
    }>;
    expect(items).toHaveLength(entryIds.length);
    for (const item of items) {
      const known = titles.get(item.title ?? "");
      if (known === undefined) titles.set(item.title ?? "", file);
    }
    if (!file.endsWith(".ris")) expect(items.map((item) => item.id).sort()).toEqual(entryIds);
  }
  // The three formats agree on the titles: no title appears in only one of them.
  expect(titles.size).toBe(entryIds.length);
});
