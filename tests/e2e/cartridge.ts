import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "@playwright/test";
import { unzipSync } from "fflate";
import { axeProblems, htmlErrors } from "./page-checks.ts";

/** The course package a build wrote into its output folder (`<pdfName>.imscc`), if any. */
export function cartridgeIn(outDir: string): string | undefined {
  const name = fs.readdirSync(outDir).find((file) => file.endsWith(".imscc"));
  return name === undefined ? undefined : path.join(outDir, name);
}

/** Unzips a course package into a fresh temporary folder and returns it. */
export function unpackCartridge(file: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "report-imscc-"));
  for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(file)))) {
    if (name.endsWith("/")) continue;
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), bytes);
  }
  return folder;
}

/** The web-content pages the manifest names, in the outline's order (paths inside the package). */
export function cartridgePages(folder: string): string[] {
  const manifest = fs.readFileSync(path.join(folder, "imsmanifest.xml"), "utf8");
  return [...manifest.matchAll(/<resource identifier="[^"]+" type="webcontent" href="([^"]+\.html)"/g)]
    .map((match) => match[1] ?? "")
    .filter((href) => href.startsWith("pages/"));
}

/**
 * The checks every page of the site passes, on every page of a course package opened from disk:
 * no request to anything but the package's own files (each other request aborted and named), axe
 * (WCAG 2.2 AA and best practices) in light and dark, and html-validate.
 */
export async function cartridgePageProblems(browser: Browser, folder: string): Promise<string[]> {
  const problems: string[] = [];
  const pages = cartridgePages(folder);
  if (pages.length === 0) return ["the manifest names no page"];
  for (const scheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme: scheme });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(pathToFileURL(folder).href)) return route.continue();
      problems.push(`a page asked for ${url}`);
      return route.abort();
    });
    const page = await context.newPage();
    for (const file of pages) {
      await page.goto(pathToFileURL(path.join(folder, file)).href);
      problems.push(...(await axeProblems(page, `${file} (${scheme})`)));
    }
    await context.close();
  }
  const documents = pages.map((file) => ({ name: file, html: fs.readFileSync(path.join(folder, file), "utf8") }));
  // Each page carries the site's stylesheet inside it: inline styles are its design, as in the single file.
  problems.push(...(await htmlErrors(documents, { "no-inline-style": "off" })));
  return problems;
}
