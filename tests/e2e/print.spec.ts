import { expect, type Page, test } from "@playwright/test";
import { builtPages } from "./site.ts";

// Pages print through their own stylesheets; every check here runs in print media.
const pages = builtPages();

/** Paper sizes of the CSS `size` keywords report.yaml can choose, in CSS pixels (96 per inch). */
const PAPER_WIDTH_PX: Record<string, number> = { letter: 8.5 * 96, a4: (210 / 25.4) * 96 };

/** Width of the printed page's content box, read from the page's own `@page` rules. */
async function contentWidth(page: Page): Promise<number> {
  const rules = await page.evaluate(() => {
    const pageRules = [...document.styleSheets]
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((rule): rule is CSSPageRule => rule instanceof CSSPageRule && rule.selectorText === "");
    const value = (property: string) =>
      pageRules.map((rule) => rule.style.getPropertyValue(property)).findLast((found) => found !== "") ?? "";
    const toPx = (length: string) => {
      const probe = document.createElement("div");
      probe.style.width = length;
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width;
    };
    return { size: value("size"), left: toPx(value("margin-left")), right: toPx(value("margin-right")) };
  });
  const paper = PAPER_WIDTH_PX[rules.size.toLowerCase()];
  if (paper === undefined) throw new Error(`unknown @page size "${rules.size}"`);
  return paper - rules.left - rules.right;
}

async function openInPrint(page: Page, pagePath: string): Promise<number> {
  await page.emulateMedia({ media: "print" });
  await page.goto(pagePath);
  const width = Math.floor(await contentWidth(page));
  await page.setViewportSize({ width, height: 1000 });
  return width;
}

/** ::after content of an element, as computed in the current media. */
function afterContent(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((node) => getComputedStyle(node, "::after").content);
}

for (const pagePath of pages) {
  test(`${pagePath} prints without chrome and within the page width`, async ({ page }, testInfo) => {
    const width = await openInPrint(page, pagePath);
    expect(width).toBeGreaterThan(400);

    for (const chrome of [".skip-link", ".site-header", ".site-footer", ".pager", ".page-toc", ".pdf-offer"]) {
      for (const node of await page.locator(chrome).all()) await expect(node, chrome).toBeHidden();
    }
    await expect(page.locator("main")).toBeVisible();

    const overflowing = await page.evaluate((pageWidth) => {
      const wide: string[] = [];
      for (const node of document.querySelectorAll("body *")) {
        const box = node.getBoundingClientRect();
        // Empty boxes and the 1px clipped boxes of .visually-hidden text print nothing.
        if (box.width <= 1 || box.height <= 1) continue;
        if (box.left < -0.5 || box.right > pageWidth + 0.5) {
          wide.push(
            `${node.tagName.toLowerCase()}.${node.className} [${Math.round(box.left)}, ${Math.round(box.right)}]`,
          );
        }
      }
      return { wide, scrollWidth: document.documentElement.scrollWidth };
    }, width);
    expect(overflowing.wide).toEqual([]);
    expect(overflowing.scrollWidth).toBeLessThanOrEqual(width);

    const name = pagePath.replace(/^\/|\/$/g, "").replace(/[/.]/g, "-") || "home";
    const screenshot = testInfo.outputPath(`print-${name}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach(`print view of ${pagePath}`, { path: screenshot, contentType: "image/png" });
  });
}

test("external links print their address; internal links and citations do not", async ({ page }) => {
  await openInPrint(page, "/report/");
  // The report links nowhere outside itself yet: add a link as an author would write one.
  await page
    .locator(".prose p")
    .first()
    .evaluate((paragraph) => {
      const link = document.createElement("a");
      link.href = "https://example.org/self-help-guide";
      link.id = "external-probe";
      link.textContent = "a guide";
      paragraph.append(" See ", link, ".");
    });
  expect(await afterContent(page, "#external-probe")).toContain("https://example.org/self-help-guide");
  await expect(page.locator("#external-probe")).toHaveCSS("display", "inline");

  await expect(page.locator(".citation-link").first()).toBeVisible();
  expect(await afterContent(page, ".citation-link")).toBe("none");
  expect(await afterContent(page, ".report-toc a")).toBe("none");
});

test("a reference's own DOI link does not print its address twice", async ({ page }) => {
  await openInPrint(page, "/references/");
  await page
    .locator(".reference-text")
    .first()
    .evaluate((entry) => {
      const link = document.createElement("a");
      link.href = "https://doi.org/10.1000/probe";
      link.id = "doi-probe";
      link.textContent = "https://doi.org/10.1000/probe";
      entry.append(" ", link);
    });
  expect(await afterContent(page, "#doi-probe")).toBe("none");
});

test("in-text citations print as plain APA citations", async ({ page }) => {
  await openInPrint(page, "/report/");
  const printed = await page
    .locator(".citation")
    // biome-ignore lint/performance/useDomNodeTextContent: innerText is what prints; it leaves out the hidden preview.
    .evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).innerText));
  expect(printed.length).toBeGreaterThan(0);
  for (const citation of printed) expect(citation).toMatch(/^\(([^()]+, \d{4}[a-z]?(, p+\. [\d–-]+)?;? ?)+\)$/);
  await expect(page.locator(".citation-preview").first()).toBeHidden();
  const link = page.locator(".citation-link").first();
  await expect(link).toHaveCSS("text-decoration-line", "none");
  await expect(link).toHaveCSS("color", await page.locator("body").evaluate((body) => getComputedStyle(body).color));
});

test("the references print as a hanging-indent list", async ({ page }) => {
  await openInPrint(page, "/references/");
  const entry = page.locator(".reference-text").first();
  const indent = await entry.evaluate((node) => {
    const style = getComputedStyle(node);
    return { text: Number.parseFloat(style.textIndent), padding: Number.parseFloat(style.paddingLeft) };
  });
  expect(indent.text).toBeLessThan(0);
  expect(indent.padding).toBeCloseTo(-indent.text, 1);
  await expect(page.locator(".cited-by").first()).toBeHidden();
  await expect(page.locator(".reference-list").first()).toHaveCSS("list-style-type", "none");
});

test("headings keep with what follows and entries are never split", async ({ page }) => {
  await openInPrint(page, "/report/");
  await expect(page.locator(".report-section > h2").first()).toHaveCSS("break-after", "avoid");
  await expect(page.locator(".report-section h3").first()).toHaveCSS("break-after", "avoid");
  await expect(page.locator(".reference").first()).toHaveCSS("break-inside", "avoid");
  await expect(page.locator(".prose p").first()).toHaveCSS("orphans", "3");
  await expect(page.locator(".prose p").first()).toHaveCSS("widows", "3");
  // A typeset paper: serif body at 11pt (about 14.67 CSS pixels).
  await expect(page.locator("body")).toHaveCSS("font-size", /^14\.6\d*px$/);
  const family = await page
    .locator(".prose p")
    .first()
    .evaluate((node) => getComputedStyle(node).fontFamily);
  expect(family).toMatch(/(^|,\s*)serif$/);
});

test("the full report holds every section in reading order, with the section pages' anchors", async ({ page }) => {
  await page.goto("/");
  const sectionUrls = await page
    .locator(".section-list a")
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  expect(sectionUrls.length).toBeGreaterThan(0);
  const expected: Array<{ title: string; ids: string[] }> = [];
  for (const url of sectionUrls) {
    await page.goto(url);
    const slug = url.split("/").filter(Boolean).at(-1) ?? "";
    const anchors = await page
      .locator(".prose [id]")
      .evaluateAll((nodes) => nodes.map((node) => ({ id: node.id, heading: /^H[2-6]$/.test(node.tagName) })));
    expected.push({
      title: ((await page.locator("h1").textContent()) ?? "").trim(),
      // Paragraph anchors are the same on both pages; headings carry their section on the full
      // report, where two sections may share a heading ("Background").
      ids: anchors.map(({ id, heading }) => (heading ? `${slug}--${id}` : id)),
    });
  }
  await page.goto("/report/");
  const titles = await page.locator(".report-section > h2").allInnerTexts();
  expect(titles.slice(0, expected.length)).toEqual(expected.map((section) => section.title));
  const ids = new Set(await page.locator("[id]").evaluateAll((nodes) => nodes.map((node) => node.id)));
  for (const section of expected) for (const id of section.ids) expect(ids, id).toContain(id);
  // Citations and back-links stay on the page.
  const citationTargets = await page
    .locator(".citation-link")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  for (const href of citationTargets) {
    expect(href).toMatch(/^#ref-/);
    await expect(page.locator(`[id="${href?.slice(1)}"]`)).toHaveCount(1);
  }
});
