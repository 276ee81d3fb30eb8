import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The project root, where astro.config.mjs is. */
export const projectRoot = path.resolve(import.meta.dirname, "../..");

/** Result of one real `astro build`. */
export interface BuildResult {
  exitCode: number;
  /** stdout and stderr together, colours stripped. */
  output: string;
  outDir: string;
}

/** Copies the real content folder, then lays a fixture folder's files over the copy. */
export function contentWithOverlay(overlayDir: string | undefined): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), "report-content-"));
  fs.cpSync(path.join(projectRoot, "content"), target, { recursive: true });
  if (overlayDir) fs.cpSync(overlayDir, target, { recursive: true });
  return target;
}

/** A digest of every file below a folder: names and bytes. */
export function folderDigest(folder: string): string {
  const hash = createHash("sha256");
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(path.relative(folder, full)).update(fs.readFileSync(full));
    }
  };
  walk(folder);
  return hash.digest("hex");
}

/**
 * The environment a developer's shell would give `astro build`: Vitest's own variables (BASE_URL,
 * MODE, DEV, PROD, SSR, NODE_ENV=test) would otherwise leak into Vite's and change the build.
 */
export function buildEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["BASE_URL", "MODE", "DEV", "PROD", "SSR", "NODE_ENV", "TEST"]) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith("VITEST")) delete env[name];
  return env;
}

/** A lock older than this was left by a killed test run, not by a build still going. */
const STALE_LOCK_MS = 15 * 60_000;

/**
 * Runs `work` while no other fixture build of this project runs. Every build writes the project's
 * own `.astro/` folder (content module map, type stubs), so two at once (Playwright's two workers
 * each building a fixture) would read each other's content: one failed with the other fixture's
 * cross-reference error. A directory is the lock: `mkdir` either creates it or fails, atomically.
 * With another `lock` folder it guards something else the same way (one fixture's shared build).
 */
export async function withFixtureBuildLock<T>(
  work: () => Promise<T>,
  lock = path.join(projectRoot, ".astro", "fixture-build.lock"),
): Promise<T> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Runs a real `astro build` of a content folder into a temporary output folder (no PDF), one
 * fixture build at a time (see {@link withFixtureBuildLock}).
 */
export function buildSite(contentDir: string, extraEnv: Record<string, string> = {}): Promise<BuildResult> {
  return withFixtureBuildLock(() => runBuild(contentDir, extraEnv));
}

/**
 * Runs a real `astro build` without waiting for other fixture builds: only for a test of what the
 * project's own build does when two builds overlap.
 */
export function buildSiteUnserialized(contentDir: string, extraEnv: Record<string, string> = {}): Promise<BuildResult> {
  return runBuild(contentDir, extraEnv);
}

function runBuild(contentDir: string, extraEnv: Record<string, string>): Promise<BuildResult> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "report-dist-"));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "report-cache-"));
  const astro = path.join(projectRoot, "node_modules/astro/bin/astro.mjs");
  // The build itself clears the content module map an earlier build left, under the project's lock:
  // removing it here would pull it from under a build that is running.
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [astro, "build"], {
      cwd: projectRoot,
      env: {
        ...buildEnvironment(),
        REPORT_CONTENT_DIR: contentDir,
        REPORT_OUT_DIR: outDir,
        REPORT_CACHE_DIR: cacheDir,
        REPORT_PDF: "off",
        FORCE_COLOR: "0",
        ...extraEnv,
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("close", (code) => {
      fs.rmSync(cacheDir, { recursive: true, force: true });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
      resolve({ exitCode: code ?? 1, output: output.replace(/\u001b\[[0-9;]*m/g, ""), outDir });
    });
  });
}
