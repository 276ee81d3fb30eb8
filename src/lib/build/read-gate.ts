/**
 * THE gate for reading: every path that content names (an image, a figure's `src`) and every file
 * an edition embeds passes through here. A path is read as a browser and the file system read it
 * (`\` is `/`, percent-escapes decoded, `.` and `..` applied, symlinks followed with realpath), and
 * must land inside its root; the editions embed only files the build itself wrote
 * ({@link BuiltFiles}), never a path joined from HTML.
 */
import fs from "node:fs";
import path from "node:path";

/** Where a reference leads, or why it may not be read. */
export type Resolved = { file: string } | { problem: string };

/** The segments of a URL path as a server reads them: `\` as `/`, each segment percent-decoded. */
export function decodedSegments(urlPath: string): string[] | { problem: string } {
  const segments: string[] = [];
  for (const raw of urlPath.replace(/\\/g, "/").split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { problem: `"${raw}" holds a % that is not a percent-escape` };
    }
    // An escaped separator or NUL would make one URL segment into several path segments.
    if (/[/\\\0]/.test(segment)) return { problem: `"${raw}" hides a path separator in a percent-escape` };
    segments.push(segment);
  }
  return segments;
}

function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Resolves a path written in content (relative to `fromDir`, or from `root` when it starts with `/`)
 * as the browser and the file system would, and returns the file only when it lies inside `root`,
 * symlinks followed. Query and fragment are dropped.
 */
export function resolveInside(root: string, fromDir: string, reference: string): Resolved {
  const withoutSuffix = reference.replace(/[?#].*$/s, "");
  const segments = decodedSegments(withoutSuffix);
  if (!Array.isArray(segments)) return segments;
  const rooted = /^[/\\]/.test(withoutSuffix);
  const file = path.resolve(rooted ? root : fromDir, ...segments.filter((segment) => segment !== ""));
  const outside = { problem: `"${reference}" leads out of the content folder (to ${file})` };
  if (!isInside(file, path.resolve(root))) return outside;
  if (fs.existsSync(file)) {
    const real = fs.realpathSync(file);
    if (!isInside(real, fs.realpathSync(root))) {
      return { problem: `"${reference}" is a link (symlink) to ${real}, outside the content folder` };
    }
  }
  return { file };
}

/**
 * The site path a URL on a built page stands for, read as a browser reads it (WHATWG URL: `\` is
 * `/`, `%2e%2e` is `..`), or undefined when it names another host or scheme.
 */
export function sitePathOf(url: string, pageUrl: string): string | undefined {
  const origin = "http://site.invalid";
  let parsed: URL;
  try {
    parsed = new URL(url, new URL(pageUrl, origin));
  } catch {
    return undefined;
  }
  return parsed.origin === origin ? parsed.pathname : undefined;
}

/**
 * The manifest of what a build wrote: every regular file under the output folder, by its site path
 * (base path included). Symlinks are not files the build wrote and are left out. The editions look
 * files up here, so whatever a page names, only the build's own output can be embedded.
 */
export class BuiltFiles {
  readonly #files = new Map<string, string>();

  /** Lists every regular file below `distDir`, a site served under `base`. */
  constructor(distDir: string, base: string) {
    const root = fs.realpathSync(distDir);
    const prefix = base.endsWith("/") ? base : `${base}/`;
    for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const relative = path.relative(root, file).split(path.sep).join("/");
      this.#files.set(`${prefix}${relative}`, file);
    }
  }

  /**
   * The built file a URL on the page at `pageUrl` (a site path such as `/report/`) names, read as
   * the browser reads it, or undefined when the build wrote no such file.
   */
  fileOf(url: string, pageUrl: string): string | undefined {
    const pathname = sitePathOf(url, pageUrl);
    if (pathname === undefined) return undefined;
    const decoded = decodedSegments(pathname);
    if (!Array.isArray(decoded)) return undefined;
    return this.#files.get(decoded.join("/"));
  }

  /** True when the build wrote this absolute file. */
  has(file: string): boolean {
    return [...this.#files.values()].includes(file);
  }
}
