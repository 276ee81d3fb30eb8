import fs from "node:fs";
import path from "node:path";
import { readEnvironment } from "../../src/lib/build/environment.ts";
import { resolveContentDir } from "../../src/lib/content/content-dir.ts";

/** The environment the tests run in (which content folder, which output folder, whether there is a PDF). */
export const environment = readEnvironment();

/** Root of the built site the e2e tests run against. */
export const distDir = path.resolve(environment.outDir ?? "dist");

/** The content folder the site was built from. */
export const contentDir = resolveContentDir(environment);

/** Every HTML page of the built site, as URL paths ("/", "/sections/introduction/", ...). */
export function builtPages(): string[] {
  return (
    fs
      .globSync("**/*.html", { cwd: distDir })
      .map((file) => file.split(path.sep).join("/"))
      // A top-level HTML file other than these is the single-file edition, a download, not a page.
      .filter((file) => file.includes("/") || file === "index.html" || file === "404.html")
      .map((file) => `/${file.replace(/(^|\/)index\.html$/, "$1")}`)
      .sort()
  );
}
