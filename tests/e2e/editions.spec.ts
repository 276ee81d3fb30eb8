import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "@playwright/test";
import { cartridgeIn, cartridgePageProblems, cartridgePages, unpackCartridge } from "./cartridge.ts";
import { epubcheck, epubFile, singleHtmlFile, unpackEpub } from "./editions.ts";
import { axeProblems, htmlErrors, watchCspViolations } from "./page-checks.ts";
import { distDir } from "./site.ts";

const epubBuilt = fs.existsSync(epubFile);

/** The XHTML documents of the EPUB in spine order, read from its package document. */
function spine(folder: string): string[] {
  const opf = fs.readFileSync(path.join(folder, "EPUB/content.opf"), "utf8");
  const hrefs = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((match) => [match[1], match[2]]));
  return [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((match) =>
    path.join(folder, "EPUB", hrefs.get(match[1] ?? "") ?? ""),
  );
}

test.describe("EPUB", () => {
  test.skip(!epubBuilt, "this build made no EPUB (REPORT_EPUB=off)");

  test("EPUBCheck reports no error and no warning", () => {
    test.setTimeout(180_000);
    const result = epubcheck(epubFile);
    test.info().annotations.push({
      type: "epubcheck",
      description: `EPUBCheck ${result.version}: ${JSON.stringify(result.counts)}`,
    });
    expect(result.messages).toEqual([]);
  });

  test("the zip starts with the mimetype entry, stored uncompressed and without extra field", () => {
    const bytes = fs.readFileSync(epubFile);
    // Local file header: signature, then method at 8, name length at 26, extra length at 28, name at 30.
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(8)).toBe(0);
    expect(bytes.readUInt16LE(28)).toBe(0);
    expect(bytes.subarray(30, 30 + bytes.readUInt16LE(26)).toString()).toBe("mimetype");
    expect(bytes.subarray(38, 38 + 20).toString()).toBe("application/epub+zip");
  });

  test("the package document carries truthful accessibility metadata and the report's metadata", () => {
    const folder = unpackEpub();
    const opf = fs.readFileSync(path.join(folder, "EPUB/content.opf"), "utf8");
    const values = (property: string) =>
      [...opf.matchAll(new RegExp(`<meta property="${property}">([^<]+)</meta>`, "g"))].map((match) => match[1]);
    expect(values("schema:accessMode")).toContain("textual");
    expect(values("schema:accessModeSufficient")).toEqual(["textual"]);
    expect(values("schema:accessibilityFeature")).toEqual(
      expect.arrayContaining(["structuralNavigation", "tableOfContents", "readingOrder"]),
    );
    expect(values("schema:accessibilityHazard")).toEqual(["none"]);
    expect(values("schema:accessibilitySummary")[0]?.length).toBeGreaterThan(40);
    // No conformance claim without a certifier.
    expect(values("dcterms:conformsTo")).toEqual([]);
    expect(values("dcterms:modified")[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(opf).toMatch(/<dc:identifier id="pub-id">urn:uuid:[0-9a-f-]{36}<\/dc:identifier>/);
    // Images get the alternativeText claim only when there are images; every image has an alt.
    const documents = spine(folder).map((file) => fs.readFileSync(file, "utf8"));
    const images = documents.flatMap((xhtml) => xhtml.match(/<img\b[^>]*>/g) ?? []);
    for (const image of images) expect(image).toMatch(/\salt="/);
    expect(values("schema:accessibilityFeature").includes("alternativeText")).toBe(images.length > 0);
    expect(values("schema:accessMode").includes("visual")).toBe(images.length > 0);
    // The site's head says whether the report names an author; the EPUB must agree.
    const home = fs.readFileSync(path.join(distDir, "index.html"), "utf8");
    expect(/<dc:creator\b/.test(opf)).toBe(/<meta name="citation_author"/.test(home));
    const language = /<html lang="([^"]+)"/.exec(home)?.[1];
    expect(opf).toContain(`<dc:language>${language}</dc:language>`);
    const title = /<meta name="citation_title" content="([^"]+)"/.exec(home)?.[1];
    expect(opf).toContain(`<dc:title>${title}</dc:title>`);
  });

  test("every document opens as XHTML in Chromium and axe finds no violation", async ({ page }) => {
    test.setTimeout(120_000);
    const folder = unpackEpub();
    const violations: string[] = [];
    const documents = spine(folder);
    expect(documents.length).toBeGreaterThan(3);
    for (const file of documents) {
      await page.goto(pathToFileURL(file).href);
      // A well-formedness error shows as a parsererror element instead of the document.
      expect(await page.locator("parsererror").count(), file).toBe(0);
      expect(await page.evaluate(() => document.contentType)).toBe("application/xhtml+xml");
      violations.push(...(await axeProblems(page, path.basename(file))));
    }
    test.info().annotations.push({
      type: "axe",
      description: `${documents.length} XHTML documents, ${violations.length} violations`,
    });
    expect(violations).toEqual([]);
  });

  test("citations link to their references and every reference links back to a citing paragraph", async ({ page }) => {
    const folder = unpackEpub();
    const documents = spine(folder);
    const references = documents.find((file) => file.endsWith("references.xhtml"));
    expect(references).toBeDefined();
    let citations = 0;
    for (const file of documents) {
      await page.goto(pathToFileURL(file).href);
      for (const href of await page
        .locator("a.citation-link")
        .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""))) {
        expect(href).toMatch(/^references\.xhtml#ref-/);
        citations++;
      }
    }
    expect(citations).toBeGreaterThan(0);
    await page.goto(pathToFileURL(references ?? "").href);
    const backLinks = await page
      .locator(".cited-by a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    expect(backLinks.length).toBeGreaterThan(0);
    for (const href of backLinks) {
      const [file, id] = href.split("#");
      const xhtml = fs.readFileSync(path.join(folder, "EPUB", file ?? ""), "utf8");
      expect(xhtml, href).toContain(`id="${id}"`);
    }
  });

  test("the navigation document has contents and landmarks, and a page-list only with page numbers", () => {
    const nav = fs.readFileSync(path.join(unpackEpub(), "EPUB/nav.xhtml"), "utf8");
    expect(nav).toMatch(/<nav epub:type="toc"/);
    expect(nav).toMatch(/<nav epub:type="landmarks"/);
    expect(nav).toMatch(/epub:type="bibliography" href="references\.xhtml"/);
    const pageBreaks = /epub:type="pagebreak"/.test(nav);
    expect(/epub:type="page-list"/.test(nav)).toBe(pageBreaks);
  });
});

test.describe("single-file HTML", () => {
  test("opened from disk with the network off, it makes no request and shows every section and reference", async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const requests: string[] = [];
    const fileUrl = pathToFileURL(singleHtmlFile).href;
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url !== fileUrl) requests.push(url);
      return url.startsWith("file:") ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    const cspErrors = watchCspViolations(page);
    await page.goto(fileUrl);
    expect(requests).toEqual([]);
    expect(cspErrors).toEqual([]);
    // The inlined stylesheet applies: the skip link sits off screen, as on the site.
    expect(await page.locator(".skip-link").evaluate((link) => getComputedStyle(link).position)).toBe("absolute");
    // Every section of the site's report page, and every reference, is in the file.
    const report = fs.readFileSync(path.join(distDir, "report/index.html"), "utf8");
    const sectionIds = [...report.matchAll(/<section class="report-section[^"]*" aria-labelledby="([^"]+)"/g)].map(
      (m) => m[1],
    );
    const referenceIds = [...report.matchAll(/<li id="(ref-[^"]+)"/g)].map((m) => m[1]);
    expect(sectionIds.length).toBeGreaterThan(2);
    for (const id of [...sectionIds, ...referenceIds]) await expect(page.locator(`[id="${id}"]`)).toBeVisible();
    // Links inside the report are in-page anchors that resolve; the rest lead to the site.
    const hrefs = await page
      .locator("a[href]")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      if (href.startsWith("#"))
        expect(await page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`).count(), href).toBe(1);
      else expect(href, href).toMatch(/^(https?:|mailto:)/);
    }
    // A citation leads to its reference, and the reference back to the paragraph.
    await page.locator("a.citation-link").first().click();
    const target = await page.evaluate(() => location.hash);
    expect(target).toMatch(/^#ref-/);
    await page
      .locator(`[id="${target.slice(1)}"] .cited-by a`)
      .first()
      .click();
    expect(await page.evaluate(() => location.hash)).toMatch(/^#p-/);
    await context.close();
  });

  for (const scheme of ["light", "dark", "print"] as const) {
    test(`axe finds no violation in the single file (${scheme})`, async ({ page }) => {
      if (scheme === "print") await page.emulateMedia({ media: "print" });
      else await page.emulateMedia({ colorScheme: scheme });
      await page.goto(pathToFileURL(singleHtmlFile).href);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      if (scheme === "dark") expect(background).not.toBe("rgb(253, 252, 249)");
      expect(await axeProblems(page, "single file")).toEqual([]);
    });
  }

  test("the single file is valid HTML (html-validate) and its CSP allows its styles by hash only", async () => {
    const html = fs.readFileSync(singleHtmlFile, "utf8");
    // The file carries its styles inside, allowed by hash: inline styles are its design.
    expect(await htmlErrors([{ name: singleHtmlFile, html }], { "no-inline-style": "off" })).toEqual([]);
    const encoded = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
    const policy = encoded.replace(/&#x27;/g, "'").replace(/&#39;/g, "'");
    expect(policy).toMatch(/style-src( 'sha256-[A-Za-z0-9+/=]+')+;/);
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/unsafe-inline|'self'|https?:/);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    // The print rules and the paper's @page rules travel inside the one stylesheet.
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]).join("\n");
    expect(styles).toMatch(/@media print\s*\{/);
    expect(styles).toMatch(/@page\s*\{\s*size:/);
    expect(html).toMatch(/prefers-color-scheme:\s*dark/);
    // No attribute that loads anything names a URL outside the file.
    expect(html).not.toMatch(/\s(src|srcset|poster|data)="(?!data:)[^"]*"/);
  });
});

test("home, every section and the instructors' page offer the EPUB with its size; home and instructors the single file", async ({
  page,
}) => {
  const sections = fs.readdirSync(path.join(distDir, "sections"));
  const epubBytes = epubBuilt ? fs.statSync(epubFile).size : 0;
  const htmlKb = Math.max(1, Math.round(fs.statSync(singleHtmlFile).size / 1024));
  for (const pagePath of ["/", "/instructors/", ...sections.map((slug) => `/sections/${slug}/`)]) {
    await page.goto(pagePath);
    const epubLink = page.locator("a[data-epub-link]");
    if (!epubBuilt) {
      await expect(epubLink, pagePath).toHaveCount(0);
    } else {
      await expect(epubLink, pagePath).toHaveCount(1);
      const offer = await epubLink.locator("xpath=..").textContent();
      expect(offer, pagePath).toContain(`(${Math.max(1, Math.round(epubBytes / 1024))} KB)`);
      const response = await page.request.get((await epubLink.getAttribute("href")) ?? "");
      expect(response.ok()).toBe(true);
      expect((await response.body()).length).toBe(epubBytes);
    }
    const single = page.locator("a[data-single-file-link]");
    if (pagePath === "/" || pagePath === "/instructors/") {
      await expect(single, pagePath).toHaveCount(1);
      expect(await single.locator("xpath=..").textContent()).toContain(`(${htmlKb} KB)`);
      expect(await single.locator("xpath=..").textContent()).toContain("one file for a course site");
    }
  }
});

test.describe("course package (IMS Common Cartridge)", () => {
  test("every page opens from disk with no request elsewhere, and passes axe (light, dark) and html-validate", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const file = cartridgeIn(distDir);
    expect(file).toBeDefined();
    const folder = unpackCartridge(file ?? "");
    const pages = cartridgePages(folder);
    // Every section of the report page has its page, and the references theirs.
    const report = fs.readFileSync(path.join(distDir, "report/index.html"), "utf8");
    const sections = [...report.matchAll(/<section class="report-section"[^>]* aria-labelledby="([^"]+)"/g)].map(
      (match) => match[1],
    );
    for (const id of sections.filter((id) => id !== "timeline")) expect(pages).toContain(`pages/${id}.html`);
    expect(pages).toContain("pages/references.html");
    const problems = await cartridgePageProblems(browser, folder);
    test
      .info()
      .annotations.push({ type: "course package", description: `${pages.length} pages, ${problems.length} problems` });
    expect(problems).toEqual([]);
  });

  test("the instructors' page offers it with its size, and the file it links to is the package", async ({ page }) => {
    const file = cartridgeIn(distDir) ?? "";
    const bytes = fs.statSync(file).size;
    await page.goto("/instructors/");
    const link = page.locator("a[data-cartridge-link]");
    await expect(link).toHaveCount(1);
    const offer = (await link.locator("xpath=..").textContent()) ?? "";
    expect(offer).toContain(`(${Math.max(1, Math.round(bytes / 1024))} KB)`);
    expect(offer).toMatch(/Canvas, Moodle, Blackboard or Brightspace/);
    const response = await page.request.get((await link.getAttribute("href")) ?? "");
    expect(response.ok()).toBe(true);
    const body = await response.body();
    expect(body.length).toBe(bytes);
    // A zip whose first entry is the manifest.
    expect(body.readUInt32LE(0)).toBe(0x04034b50);
    expect(body.subarray(30, 30 + body.readUInt16LE(26)).toString()).toBe("imsmanifest.xml");
  });
});
