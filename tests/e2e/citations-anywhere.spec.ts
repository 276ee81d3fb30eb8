import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { type StaticServer, serveStatic } from "../../src/lib/pdf/static-server.ts";
import { type BuildResult, buildSite } from "../build/build-helpers.ts";
import { citationFormsContent } from "../unit/citations/citation-forms-fixture.ts";
import { checkPages } from "./page-checks.ts";

// One real build of the citation-forms fixture (citations in every kind of block), served as a host would.
test.describe.configure({ mode: "serial", timeout: 240_000 });

let content = "";
let build: BuildResult;
let server: StaticServer;

test.beforeAll(async () => {
  content = citationFormsContent();
  build = await buildSite(content);
  expect(build.exitCode, build.output).toBe(0);
  server = await serveStatic(build.outDir, "/");
});

test.afterAll(async () => {
  await server?.close();
  fs.rmSync(content, { recursive: true, force: true });
  if (build) fs.rmSync(build.outDir, { recursive: true, force: true });
});

test("every back-link lands on a block that cites the work, wherever the citation stands", async ({ page }) => {
  await page.goto(`${server.origin}/references/`);
  const backLinks = await page.locator(".cited-by a").evaluateAll((anchors) =>
    anchors.map((anchor) => ({
      entry: anchor.closest("li")?.id ?? "",
      href: (anchor as HTMLAnchorElement).getAttribute("href") ?? "",
      label: anchor.textContent ?? "",
    })),
  );
  const kinds = new Set(backLinks.map((link) => link.label.replace(/^.*, (.+) \d+$/, "$1")));
  expect([...kinds].sort()).toEqual([
    "block quote",
    "figure",
    "footnote",
    "heading",
    "list item",
    "paragraph",
    "table",
  ]);
  for (const backLink of backLinks) {
    await page.goto(`${server.origin}${backLink.href}`);
    const target = page.locator(":target");
    await expect(target, backLink.href).toHaveCount(1);
    await expect(target).toBeInViewport();
    // A citation that is a link's own text is plain text naming its works in data-cites.
    const cited = await target.evaluate((element) => [
      ...[...element.querySelectorAll("a.citation-link")].map((anchor) =>
        decodeURIComponent(anchor.getAttribute("href")?.split("#")[1] ?? ""),
      ),
      ...[...element.querySelectorAll("[data-cites]")].flatMap((span) =>
        (span.getAttribute("data-cites") ?? "").split(" ").map((key) => `ref-${key}`),
      ),
    ]);
    const alts = await target.evaluate((element) => [...element.querySelectorAll("img")].map((image) => image.alt));
    // A citation in an image's alt text is plain text; its back-link lands on the paragraph holding the image.
    expect(
      cited.includes(backLink.entry) ||
        (backLink.entry === "ref-aristotle:poetics" && alts.join(" ").includes("Aristotle")),
      `${backLink.label} -> ${backLink.href}`,
    ).toBe(true);
  }
});

test("a citation in a list item or a table cell previews its reference on keyboard focus", async ({ page }) => {
  await page.goto(`${server.origin}/sections/anywhere/`);
  for (const container of ["li", "td"]) {
    const link = page.locator(`${container} .citation-link`).first();
    const preview = page.locator(`[id="${await link.getAttribute("interestfor")}"]`);
    await expect(preview).toBeHidden();
    await link.focus();
    await expect(preview).toBeVisible();
    await expect(preview).toContainText(/\(\d{4}\)\./);
    await expect(link).toHaveAccessibleName(/^[^()]*(\([^()]*\))?[^()]*$/);
  }
});

test("the keyboard never lands inside a preview, which screen readers do not see, though its reference holds a link", async ({
  page,
}) => {
  await page.goto(`${server.origin}/sections/anywhere/`);
  // The note's citation of a work whose reference ends in its URL.
  const link = page.locator('a.citation-link[href$="ref-baez%2Farticle"]').first();
  const preview = page.locator(`[id="${await link.getAttribute("interestfor")}"]`);
  await expect(preview.locator("a[href]")).toHaveCount(1);
  await link.focus();
  await expect(preview).toBeVisible();
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => ({
    inPreview: document.activeElement?.closest(".citation-preview") !== null,
    text: document.activeElement?.textContent ?? "",
  }));
  expect(focused.inPreview, `focus went to "${focused.text}"`).toBe(false);
});

test("axe finds no violation on the pages that cite in every form and from every block", async ({ page }) => {
  const visits = ["/sections/forms/", "/sections/anywhere/", "/references/", "/report/"].map((pagePath) => ({
    url: `${server.origin}${pagePath}`,
    label: pagePath,
  }));
  expect(await checkPages(page, visits, { axe: true })).toEqual([]);
});
