import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type StaticServer, serveStatic } from "../../src/lib/pdf/static-server.ts";
import { checkMatterhorn } from "../pdf-ua/matterhorn.ts";
import { cartridgeIn, cartridgePageProblems, unpackCartridge } from "./cartridge.ts";
import { fixtureBuild, matrixFixture } from "./fixture-builds.ts";
import { checkPages, htmlErrors, openIn, watchCspViolations } from "./page-checks.ts";

// The rich fixture (figures in PNG, JPEG and SVG, a wide table, every kind of cross-reference,
// citations in captions, authors with affiliation and ORCID), built for real with its PDF.
const PAGES = ["/", "/sections/methods/", "/sections/findings/", "/report/", "/references/"];

let outDir = "";
let server: StaticServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // A real build with the PDF on a shared, loaded machine.
  test.setTimeout(600_000);
  // The edition matrix's build of the fixture (SITE_URL set), shared by every spec of this run.
  outDir = (await fixtureBuild(matrixFixture("rich-report"))).outDir;
  server = await serveStatic(outDir, "/");
});

test.afterAll(async () => {
  // Keep-alive connections of the browser would hold close() open; the process ends them anyway.
  await Promise.race([server?.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
});

function url(pagePath: string): string {
  return `${server.origin}${pagePath}`;
}

const pages = () => PAGES.map((pagePath) => ({ url: url(pagePath), label: pagePath }));

for (const width of [320, 1280]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`no page scrolls sideways, axe finds nothing, the CSP blocks nothing (${width} px, ${scheme})`, async ({
      browser,
    }) => {
      const page = await openIn(browser, scheme, width);
      const blocked = watchCspViolations(page);
      expect(await checkPages(page, pages(), { overflow: true, axe: true })).toEqual([]);
      expect(blocked).toEqual([]);
      await page.context().close();
    });
  }
}

test("axe finds nothing in print", async ({ browser }) => {
  const page = await openIn(browser, "print", 1280);
  expect(await checkPages(page, pages(), { axe: true })).toEqual([]);
  await page.context().close();
});

test("every page of the fixture is valid HTML (html-validate)", async () => {
  const documents = PAGES.map((pagePath) => ({
    name: pagePath,
    html: fs.readFileSync(path.join(outDir, pagePath, "index.html"), "utf8"),
  }));
  expect(await htmlErrors(documents)).toEqual([]);
});

test("every cross-reference leads to its figure, table or section, on section pages and the full report", async ({
  page,
}) => {
  const seen: string[] = [];
  for (const pagePath of ["/sections/methods/", "/sections/findings/", "/report/"]) {
    await page.goto(url(pagePath));
    const links = await page
      .locator("a.cross-reference")
      .evaluateAll((anchors) =>
        anchors.map((anchor) => ({ href: anchor.getAttribute("href") ?? "", text: anchor.textContent ?? "" })),
      );
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) {
      const target = new URL(link.href, url(pagePath));
      const onPage = page.context().newPage();
      const other = await onPage;
      await other.goto(target.href);
      const id = decodeURIComponent(target.hash.slice(1));
      if (id) {
        const element = other.locator(`[id="${id}"]`);
        await expect(element, `${pagePath}: ${link.text} -> ${link.href}`).toHaveCount(1);
        // The link text names what it leads to: "Figure 2" leads to the figure captioned "Figure 2.".
        const kind = link.text.split("\u00a0")[0];
        if (kind === "Figure" || kind === "Table")
          await expect(element.locator("figcaption .caption-number")).toHaveText(`${link.text}.`);
      } else {
        await expect(other.locator("h1")).toHaveCount(1);
      }
      await other.close();
      seen.push(link.text);
    }
    if (pagePath === "/report/") {
      // On the full report every cross-reference stays on the page.
      expect(links.every((link) => link.href.startsWith("#"))).toBe(true);
    }
  }
  expect(new Set(seen.map((text) => text.split("\u00a0")[0]))).toEqual(new Set(["Figure", "Table", "Section"]));
});

test("figures: responsive WebP from the image pipeline, intrinsic size, lazy, never wider than the column; SVG passes", async ({
  browser,
}) => {
  for (const width of [320, 1280]) {
    const page = await openIn(browser, "light", width);
    await page.goto(url("/sections/findings/"));
    const images = await page.locator("figure.figure img").evaluateAll((elements) =>
      elements.map((element) => {
        const image = element as HTMLImageElement;
        const prose = image.closest(".prose") as HTMLElement;
        return {
          src: image.getAttribute("src") ?? "",
          srcset: image.getAttribute("srcset") ?? "",
          width: image.getAttribute("width"),
          height: image.getAttribute("height"),
          loading: image.loading,
          shown: image.getBoundingClientRect().width,
          column: prose.getBoundingClientRect().width,
        };
      }),
    );
    const [svg, jpeg] = images;
    expect(svg?.src).toMatch(/\.svg$/);
    expect(svg?.srcset).toBe("");
    expect(jpeg?.src).toMatch(/\.webp$/);
    expect(jpeg?.srcset).toMatch(/320w.*900w/);
    for (const image of images) {
      expect(image.width).toMatch(/^\d+$/);
      expect(image.height).toMatch(/^\d+$/);
      expect(image.loading).toBe("lazy");
      expect(image.shown).toBeLessThanOrEqual(image.column + 0.5);
    }
    await page.context().close();
  }
});

test("a wide table scrolls in its own labelled box, by keyboard too, while the page does not", async ({ browser }) => {
  const page = await openIn(browser, "light", 320);
  await page.goto(url("/sections/methods/"));
  const region = page.getByRole("region", { name: /^Table 1\. Groups visited/ });
  await expect(region).toHaveAttribute("tabindex", "0");
  const sizes = await region.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  await region.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  // In print the header row repeats on every page a long table runs onto.
  await page.emulateMedia({ media: "print" });
  expect(
    await page
      .locator(".table-scroll thead")
      .first()
      .evaluate((element) => getComputedStyle(element).display),
  ).toBe("table-header-group");
});

test("at 1280 px a wide table uses the window's width beyond the text column, centred, inside the window", async ({
  browser,
}) => {
  const page = await openIn(browser, "light", 1280);
  await page.goto(url("/sections/methods/"));
  const region = page.getByRole("region", { name: /^Table 1\. Groups visited/ });
  const measured = await region.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const column = (element.closest(".prose") ?? element.closest("main"))?.getBoundingClientRect();
    return {
      left: box.left,
      right: box.right,
      columnLeft: column?.left ?? 0,
      columnRight: column?.right ?? 0,
      window: document.documentElement.clientWidth,
      page: document.documentElement.scrollWidth,
      shadows: getComputedStyle(element).backgroundImage,
    };
  });
  await page.context().close();
  // Wider than the column by more than a few cells' padding, yet inside the window and centred on the column.
  expect(measured.right - measured.left).toBeGreaterThan(measured.columnRight - measured.columnLeft + 100);
  expect(measured.left).toBeGreaterThanOrEqual(0);
  expect(measured.right).toBeLessThanOrEqual(measured.window);
  expect(Math.abs(measured.left + measured.right - measured.columnLeft - measured.columnRight)).toBeLessThan(4);
  expect(measured.page).toBeLessThanOrEqual(measured.window);
  // Still the shadowed scroll box when a table is wider than that.
  expect(measured.shadows.match(/radial-gradient/g)?.length).toBe(2);
});

test("authors: byline with affiliation and ORCID, Highwire tags, JSON-LD, cite-this and the PDF's Author", async ({
  page,
}) => {
  await page.goto(url("/"));
  await expect(page.locator(".report-byline .authors")).toContainText("Josiah Carberry (Brown University) ORCID");
  await expect(page.locator(".report-byline a.orcid")).toHaveAttribute("href", "https://orcid.org/0000-0002-1825-0097");
  const meta = await page
    .locator("meta[name^='citation_author']")
    .evaluateAll((tags) => tags.map((tag) => `${tag.getAttribute("name")}=${tag.getAttribute("content")}`));
  expect(meta).toEqual([
    "citation_author=Carberry, Josiah",
    "citation_author_institution=Brown University",
    "citation_author_orcid=https://orcid.org/0000-0002-1825-0097",
    "citation_author=Example, Ada",
  ]);
  const jsonLd = JSON.parse((await page.locator("script[type='application/ld+json']").textContent()) ?? "{}");
  expect(jsonLd.author[0]).toMatchObject({
    name: "Josiah Carberry",
    affiliation: { "@type": "Organization", name: "Brown University" },
    sameAs: "https://orcid.org/0000-0002-1825-0097",
  });
  await page.goto(url("/sections/methods/"));
  await expect(page.locator(".apa-reference")).toContainText("Carberry, J., & Example, A. (2026). Methods.");
  const pdf = path.join(outDir, "rich-fixture.pdf");
  expect(execFileSync("pdfinfo", [pdf], { encoding: "utf8" })).toMatch(/Author:\s+Josiah Carberry and Ada Example/);
});

test("the PDF keeps every figure's aspect ratio and its caption on the same page", () => {
  const pdf = path.join(outDir, "rich-fixture.pdf");
  // pdfimages -list gives each raster image's pixels and its resolution as placed on the page:
  // equal x and y resolution means it is drawn undistorted.
  const rows = execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" })
    .split("\n")
    .slice(2)
    .filter((line) => line.trim() !== "")
    .map((line) => line.trim().split(/\s+/))
    .map((cells) => ({
      page: Number(cells[0]),
      width: Number(cells[3]),
      height: Number(cells[4]),
      xppi: Number(cells[12]),
      yppi: Number(cells[13]),
    }));
  // The PNG chart (16:9) and the JPEG portrait (3:4); the SVG stays vector.
  expect(rows.map((row) => (row.width / row.height).toFixed(2))).toEqual(["1.78", "0.75"]);
  for (const row of rows) expect(Math.abs(row.xppi - row.yppi) / row.xppi).toBeLessThan(0.02);
  rows.forEach((row, index) => {
    const text = execFileSync("pdftotext", ["-f", String(row.page), "-l", String(row.page), pdf, "-"], {
      encoding: "utf8",
    });
    expect(text).toMatch(new RegExp(`Figure\\s${index === 0 ? 1 : 3}\\.`));
  });
});

test("the PDF with figures and tables passes every machine-checkable Matterhorn checkpoint", () => {
  const report = checkMatterhorn(path.join(outDir, "rich-fixture.pdf"));
  const failures = [...report].flatMap(([id, problems]) => problems.map((problem) => `${id}: ${problem}`));
  expect(failures).toEqual([]);
});

test("the course package's pages open from disk with no request elsewhere and pass axe and html-validate", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const folder = unpackCartridge(cartridgeIn(outDir) ?? "");
  expect(await cartridgePageProblems(browser, folder)).toEqual([]);
  fs.rmSync(folder, { recursive: true, force: true });
});
