import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Astro's cache folder for one content folder: a folder of its own inside `base` (REPORT_CACHE_DIR,
 * or Astro's default), named by a hash of the content folder's real path. Astro's content store
 * keeps file paths and reuses an entry whose text is unchanged, so a cache shared by two content
 * folders, or kept after the folder moved, pointed the build at files that were gone; each folder
 * now has its own, and an entry is reused only for the same text at the same place.
 */
export function cacheDirFor(base: string | undefined, contentDir: string, projectRoot: string): string {
  const folder = path.resolve(projectRoot, base ?? "node_modules/.astro");
  const real = fs.existsSync(contentDir) ? fs.realpathSync(contentDir) : path.resolve(contentDir);
  return path.join(folder, `content-${createHash("sha256").update(real).digest("hex").slice(0, 16)}`);
}

/**
 * A folder inside the cache (REPORT_CACHE_DIR, or Astro's default) for what is keyed by content
 * alone (formatted citations): shared by every content folder, since a key names no path.
 */
export function contentKeyedCacheDir(base: string | undefined, projectRoot: string, name: string): string {
  return path.join(path.resolve(projectRoot, base ?? "node_modules/.astro"), "by-content", name);
}

/**
 * Keeps the `kept` most recently written files (ending in `extension`) of a content-keyed cache
 * folder and deletes the rest: a cache that gains a file per distinct content would otherwise grow
 * with every edit.
 */
export function keepNewestCacheFiles(folder: string, kept: number, extension = ".json"): void {
  const files = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(extension))
    .map((name) => ({ name, time: fs.statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of files.slice(kept)) fs.rmSync(path.join(folder, old.name), { force: true });
}
