import fs from "node:fs";
import path from "node:path";

/** Media types of the images (and fonts) a built report page may name, by file extension. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

/** The site path a URL on the built `/report/` page stands for, e.g. `/r/_astro/a.webp`. */
export function reportPagePathname(base: string, url: string): string {
  return decodeURIComponent(new URL(url, `http://site.invalid${base}report/`).pathname);
}

/**
 * The site paths of every HTML page in a built site, sorted: `/`, `/404.html`, `/references/` ...
 * Hidden folders (Astro's prerender leftovers) are not part of the site, and a top-level HTML file
 * other than index.html and 404.html is the single-file edition: a download, not a page.
 */
export function builtPagePaths(distDir: string): string[] {
  return fs
    .globSync("**/*.html", { cwd: distDir })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => !file.split("/").some((segment) => segment.startsWith(".")))
    .filter((file) => file.includes("/") || file === "index.html" || file === "404.html")
    .map((file) => `/${file.replace(/(^|\/)index\.html$/, "$1")}`)
    .sort();
}
