import fs from "node:fs";
import path from "node:path";
import { type Environment, readEnvironment } from "./environment.ts";
import { normalizeBase } from "./site-url.ts";
import { classifyUrl, redactUrl } from "./url-gate.ts";

/** A problem with how the build was started (an environment variable, a folder), and its fix. */
export class BuildEnvironmentError extends Error {
  constructor(problem: string, fix: string) {
    super(`${problem}\n  Fix: ${fix}`);
    this.name = "BuildEnvironmentError";
    // The message says what to do; a stack would only bury it.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Where the site will be hosted, as read from SITE_URL and BASE_PATH. */
export interface SiteLocation {
  /** Origin and path of the site (`https://example.edu/course/`), or undefined when SITE_URL is unset. */
  site: string | undefined;
  /** Base path of every page: BASE_PATH when set, else the path of SITE_URL, else "/". */
  base: string;
}

/**
 * Reads SITE_URL and BASE_PATH. SITE_URL must be an absolute http(s) URL; its path is the base
 * path unless BASE_PATH says otherwise, so `https://example.edu/course/` serves pages under /course/.
 */
export function resolveSiteLocation(
  environment: Pick<Environment, "siteUrl" | "basePath"> = readEnvironment(),
): SiteLocation {
  const given = environment.siteUrl;
  const basePath = environment.basePath;
  if (basePath !== undefined && classifyUrl(basePath).kind !== "in-site") {
    throw new BuildEnvironmentError(
      `BASE_PATH="${redactUrl(basePath)}" is a full address, not a path.`,
      "set BASE_PATH to the path alone, such as /reports/self-help/ (and the address to SITE_URL), or leave it unset.",
    );
  }
  if (basePath !== undefined && !/^[\w\-./~%]*$/.test(basePath)) {
    throw new BuildEnvironmentError(
      `BASE_PATH="${basePath}" holds characters a path of the site cannot have.`,
      "use letters, digits, hyphens and slashes, such as /reports/self-help/.",
    );
  }
  if (!given) return { site: undefined, base: normalizeBase(basePath) };
  // Messages show SITE_URL with any password hidden: build logs are often public.
  const raw = redactUrl(given);
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new BuildEnvironmentError(
      `SITE_URL="${raw}" is not a URL.`,
      "set SITE_URL to the absolute address the site will be served from, such as https://example.edu/report/ (or leave it unset).",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new BuildEnvironmentError(
      `SITE_URL="${raw}" is not an http(s) address.`,
      "set SITE_URL to an address starting with https:// (or http://), such as https://example.edu/report/.",
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new BuildEnvironmentError(
      `SITE_URL="${raw}" carries a query, fragment or password.`,
      "set SITE_URL to the site's address alone, such as https://example.edu/report/.",
    );
  }
  const base = basePath ? normalizeBase(basePath) : normalizeBase(url.pathname);
  // Astro joins `site` and `base` itself: give it the origin plus the base path.
  return { site: `${url.origin}${base}`, base };
}

/**
 * Checks that the build can write its output folder, saying which folder and why not. Astro would
 * otherwise fail deep inside the bundler. Creates the folder (after the write gate has passed it)
 * and probes inside it only: nothing is written beside the output folder.
 */
export function assertWritableFolder(folder: string): void {
  const probeIn = (target: string) => {
    const probe = path.join(target, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
  };
  let target = folder;
  // The folder may not exist yet: then its nearest existing parent must take it.
  while (!fs.existsSync(target) && path.dirname(target) !== target) target = path.dirname(target);
  try {
    if (!fs.statSync(target).isDirectory()) {
      throw new BuildEnvironmentError(
        `the output folder ${folder} cannot be created: ${target} is a file.`,
        `remove or rename ${target}, or set REPORT_OUT_DIR to another folder.`,
      );
    }
    fs.mkdirSync(folder, { recursive: true });
    probeIn(folder);
    // The build empties the folder first: every sub-folder must be writable too.
    for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
      if (entry.isDirectory()) probeIn(path.join(entry.parentPath, entry.name));
    }
  } catch (error) {
    if (error instanceof BuildEnvironmentError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const where = (error as NodeJS.ErrnoException).path ?? target;
    const why =
      code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EROFS"
          ? "it is on a read-only file system"
          : (error as Error).message;
    throw new BuildEnvironmentError(
      `the build cannot write its output folder ${folder}: ${path.dirname(where)} is not writable (${why}${code ? `, ${code}` : ""}).`,
      `make it writable (chmod -R u+w ${folder}), delete it, or set REPORT_OUT_DIR to a folder you can write.`,
    );
  }
}

/** A lock on an output folder, released by {@link BuildLock.release}. */
export interface BuildLock {
  file: string;
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The lock file's name, inside the output folder; the write gate never empties it away. */
export const BUILD_LOCK = ".build-lock";

type LockAttempt = { lock: BuildLock } | { holder: number };

/** Takes `file` for this process when no running build holds it (a lock left by one gone is taken over). */
function tryLock(file: string): LockAttempt {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === String(process.pid)) fs.rmSync(file);
      };
      process.once("exit", release);
      return { lock: { file, release } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(file, "utf8"));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) return { holder };
      // The build that held it is gone.
      fs.rmSync(file, { force: true });
    }
  }
  throw new BuildEnvironmentError(
    `the lock file ${file} could not be taken.`,
    "delete it if no build is running, then build again.",
  );
}

/**
 * Takes the lock on an output folder (a file {@link BUILD_LOCK} inside it holding this process's
 * id; inside, since the build writes nothing beside its output folder), so that a second build
 * writing the same folder stops with a clear message instead of a missing-chunk error. A lock left
 * by a build that no longer runs is taken over.
 */
export function lockOutputFolder(folder: string): BuildLock {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, BUILD_LOCK);
  const attempt = tryLock(file);
  if ("lock" in attempt) return attempt.lock;
  throw new BuildEnvironmentError(
    `another build (process ${attempt.holder}) is writing ${folder} right now (lock file ${file}).`,
    "wait for it to finish, or build into another folder with REPORT_OUT_DIR=...",
  );
}

/** The project's lock file, in the `.astro/` folder every build of the project writes. */
export const PROJECT_LOCK = path.join(".astro", "report-build.lock");

/** How long a build waits for another build of the same project before it gives up. */
const PROJECT_LOCK_WAIT_MS = 30 * 60_000;

/**
 * Takes the lock on the project, waiting while another build of it runs. Astro keeps the content
 * module map and the content types in the project's own `.astro/` folder, whatever the content and
 * output folders: two builds at once (of two content folders) read each other's content, and one
 * printed the other's errors. Builds of one project take their turns instead.
 */
export async function lockProject(
  projectRoot: string,
  onWait: (holder: number) => void,
  waitMs = PROJECT_LOCK_WAIT_MS,
): Promise<BuildLock> {
  const file = path.join(projectRoot, PROJECT_LOCK);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + waitMs;
  let told: number | undefined;
  for (;;) {
    const attempt = tryLock(file);
    if ("lock" in attempt) return attempt.lock;
    if (Date.now() > deadline) {
      throw new BuildEnvironmentError(
        `another build of this project (process ${attempt.holder}) has held ${file} for over ${Math.round(waitMs / 60_000)} minutes.`,
        "wait for it to finish, or stop it; builds of one project folder run one at a time (copy the project to build in parallel).",
      );
    }
    if (told !== attempt.holder) onWait(attempt.holder);
    told = attempt.holder;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
