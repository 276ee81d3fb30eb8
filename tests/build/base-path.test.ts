import fs from "node:fs";
import path from "node:path";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type BuildResult, buildSite, contentWithOverlay } from "./build-helpers.ts";
import { checkCartridge } from "./cartridge-checks.ts";

const base = "/courses/psy-101/report/";
const site = "https://example.edu";
let content = "";
let build: BuildResult;

beforeAll(async () => {
  content = contentWithOverlay(undefined);
  build = await buildSite(content, { BASE_PATH: base, SITE_URL: site });
}, 180_000);

afterAll(() => {
  fs.rmSync(content, { recursive: true, force: true });
  fs.rmSync(build.outDir, { recursive: true, force: true });
});

function htmlFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .flatMap((entry) =>
      entry.isFile() && entry.name.endsWith(".html") ? [path.join(entry.parentPath, entry.name)] : [],
    );
}

test("a site hosted under a sub-path links only inside that sub-path", () => {
  expect(build.exitCode, build.output).toBe(0);
  const wrong: string[] = [];
  let checked = 0;
  for (const file of htmlFiles(build.outDir)) {
    visit(fromHtml(fs.readFileSync(file, "utf8")), "element", (element: Element) => {
      for (const attribute of ["href", "src"] as const) {
        const value = element.properties[attribute];
        if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) continue;
        checked++;
        if (!value.startsWith(base)) wrong.push(`${path.relative(build.outDir, file)}: ${value}`);
      }
    });
  }
  expect(checked).toBeGreaterThan(50);
  expect(wrong).toEqual([]);
});

test("canonical links and the sitemap use the configured site", () => {
  const home = fs.readFileSync(path.join(build.outDir, "index.html"), "utf8");
  expect(home).toContain(`<link rel="canonical" href="${site}${base}">`);
  const sitemap = fs.readFileSync(path.join(build.outDir, "sitemap-0.xml"), "utf8");
  expect(sitemap).toContain(`<loc>${site}${base}sections/introduction/</loc>`);
});

test("the course package of a site under a sub-path is valid, and its pages find their files and link to that sub-path", () => {
  const cartridge = checkCartridge(build.outDir);
  expect(cartridge.problems).toEqual([]);
  const link = cartridge.entries.find((entry) => entry.name.startsWith("links/"));
  expect(link).toBeDefined();
  expect(fs.readFileSync(path.join(cartridge.folder, link?.name ?? ""), "utf8")).toContain(`href="${site}${base}"`);
  fs.rmSync(cartridge.folder, { recursive: true, force: true });
});
