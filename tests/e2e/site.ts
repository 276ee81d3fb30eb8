import fs from "node:fs";
import path from "node:path";

/** Root of the built site the e2e tests run against. */
export const distDir = path.resolve(process.env["REPORT_OUT_DIR"] ?? "dist");

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
