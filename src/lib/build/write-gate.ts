/**
 * THE gate for writing: the one place that decides where the build may write and what it may
 * delete. The output folder is checked before Astro touches it, emptied here (never by Astro, whose
 * keep-list is the set of the characters of ".git"), and every file the build adds after the site
 * (the editions, the PDF) is placed by {@link outputFile}, which keeps it inside the folder and off
 * the files the site itself wrote.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BuildEnvironmentError } from "./build-environment.ts";

/** The file that marks a folder as the output of a build of this project; only such a folder is emptied. */
export const BUILD_MARKER = ".report-build";

/** What the marker says, so that a stray file of the same name is not taken for one. */
const MARKER_TEXT = "This folder is the output of a build of the report site; the next build empties it.\n";

/** Folders the output folder must keep clear of. */
export interface ProtectedFolders {
  /** The content folder (REPORT_CONTENT_DIR). */
  contentDir: string;
  /** The project root, where astro.config.mjs is. */
  projectRoot: string;
  /** The user's home folder; default `os.homedir()`. */
  home?: string;
}

/** Resolves a path through every symlink of the part that exists, as the file system will. */
export function realPath(target: string): string {
  const absolute = path.resolve(target);
  let existing = absolute;
  const rest: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

/** True when `inner` is `outer` or lies below it. */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

const SETTING = "REPORT_OUT_DIR";

/**
 * Refuses an output folder the build must not empty or write into: `/`, the home folder, the
 * project root, the content folder or a folder containing one of them, a folder inside the content
 * folder or inside a `.git`, a folder holding a `.git`. Paths are compared after symlinks are
 * resolved, so a link to the content folder is the content folder.
 */
export function checkOutputFolder(outDir: string, folders: ProtectedFolders): void {
  const out = realPath(outDir);
  const content = realPath(folders.contentDir);
  const root = realPath(folders.projectRoot);
  const home = realPath(folders.home ?? os.homedir());
  const refuse = (why: string) => {
    throw new BuildEnvironmentError(
      `the output folder ${outDir} ${why}; the build empties its output folder, so it would delete them.`,
      `set ${SETTING} to a folder of its own, such as dist (the default) or /tmp/report-site.`,
    );
  };
  if (out === path.parse(out).root) refuse("is the root of the file system, which holds every file");
  if (out === home) refuse("is the home folder, which holds your files");
  if (isWithin(content, out)) refuse(`is or contains the content folder ${folders.contentDir}, which holds the report`);
  if (isWithin(out, content)) {
    throw new BuildEnvironmentError(
      `the output folder ${outDir} lies inside the content folder ${folders.contentDir}; a build never writes into the report's sources.`,
      `set ${SETTING} to a folder outside the content folder, such as dist (the default).`,
    );
  }
  if (isWithin(root, out))
    refuse(`is or contains the project folder ${folders.projectRoot}, which holds the site's code`);
  if (out.split(path.sep).includes(".git")) refuse("lies inside a .git folder, which holds a repository's history");
  if (fs.existsSync(path.join(out, ".git"))) refuse("holds a .git folder, a repository");
}

function hasMarker(folder: string): boolean {
  const file = path.join(folder, BUILD_MARKER);
  try {
    return fs.lstatSync(file).isFile() && fs.readFileSync(file, "utf8") === MARKER_TEXT;
  } catch {
    return false;
  }
}

/**
 * Output folders of builds made before the marker existed (dist/, dist-guide/): a folder of the
 * project holding what this project's build writes (Astro's `_astro/`, the site's `_headers`, the
 * home page). Accepted only inside the project, so that a folder elsewhere always needs the marker.
 */
function isEarlierUnmarkedBuild(folder: string, projectRoot: string): boolean {
  return (
    isWithin(realPath(folder), realPath(projectRoot)) &&
    ["_astro", "_headers", "index.html"].every((name) => fs.existsSync(path.join(folder, name)))
  );
}

/**
 * Prepares the output folder for a build: checks it ({@link checkOutputFolder}), creates it, and
 * empties it only when it is empty already or carries the marker of an earlier build of this
 * project ({@link BUILD_MARKER}); a folder holding anything else stops the build, naming what it
 * holds. Leaves the marker in place, so that a build that fails half-way can be run again.
 * `keep` names entries never removed (the build's lock file).
 */
export function prepareOutputFolder(outDir: string, folders: ProtectedFolders, keep: readonly string[] = []): void {
  checkOutputFolder(outDir, folders);
  fs.mkdirSync(outDir, { recursive: true });
  const entries = fs.readdirSync(outDir).filter((name) => !keep.includes(name));
  if (entries.length > 0 && !hasMarker(outDir) && !isEarlierUnmarkedBuild(outDir, folders.projectRoot)) {
    const shown = entries.slice(0, 5).join(", ") + (entries.length > 5 ? `, … (${entries.length} in all)` : "");
    throw new BuildEnvironmentError(
      `the output folder ${outDir} holds files no build of this project wrote (${shown}); the build empties its output folder, so it would delete them.`,
      `set ${SETTING} to an empty or new folder, or delete ${outDir} yourself if nothing in it is needed.`,
    );
  }
  for (const name of entries) {
    if (name === BUILD_MARKER) continue;
    fs.rmSync(path.join(outDir, name), { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(outDir, BUILD_MARKER), MARKER_TEXT);
}

/** Thrown when a name made from content would take a file the site itself wrote. */
export class OutputNameError extends Error {}

/**
 * The path of a file the build adds to the finished site (`<pdfName>.html`, the EPUB, the PDF):
 * inside the output folder, one plain name, and not a file the site already holds (`index.html`,
 * `404.html`, a page). `origin` says where the name came from, for the error.
 */
export function outputFile(outDir: string, name: string, origin: string): string {
  if (name !== path.basename(name) || name.startsWith(".") || name === "") {
    throw new OutputNameError(
      `${origin}: "${name}" is not a plain file name.\n  Fix: use letters, digits and hyphens.`,
    );
  }
  const file = path.join(outDir, name);
  if (fs.existsSync(file)) {
    throw new OutputNameError(
      `${origin}: the file name ${name} is taken by a file the site itself writes (${file}); the edition would replace it.\n  Fix: choose another name, such as my-report.`,
    );
  }
  return file;
}
