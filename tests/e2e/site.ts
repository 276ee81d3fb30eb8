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
  const pages: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) {
        const relative = path.relative(distDir, full).split(path.sep).join("/");
        // A top-level HTML file other than these is the single-file edition, a download, not a page.
        if (!relative.includes("/") && relative !== "index.html" && relative !== "404.html") continue;
        pages.push(`/${relative.replace(/(^|\/)index\.html$/, "$1")}`);
      }
    }
  };
  walk(distDir);
  return pages.sort();
}
