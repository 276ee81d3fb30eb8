import fs from "node:fs";
import { type Environment, readEnvironment } from "./environment.ts";

/** Places Debian and other Linux distributions install Chromium. */
const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Flags for headless Chromium on a closed-network CI machine running as root. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // Chromium's own requests to Google (component updates, account sign-in) find no host and no
  // proxy: only the built site on this machine is ever loaded (tests/build/network.test.ts).
  "--no-proxy-server",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
];

/**
 * The PDF's Chromium: one process instead of six (browser, zygotes, GPU, network, renderer), each of
 * which maps Chromium's libraries again. Printing one page at a time needs no isolation between
 * pages, and the print's process tree then holds about half the memory (measured: 1,147 against
 * 526 MiB of summed resident memory for the real report).
 */
export const PDF_CHROMIUM_ARGS = [...CHROMIUM_ARGS, "--single-process", "--no-zygote", "--in-process-gpu"];

/**
 * The Chromium to drive: `CHROMIUM_PATH` when set, else the system's, else undefined so that
 * Playwright falls back to its own downloaded browser (on a developer's laptop).
 */
export function systemChromiumPath(
  environment: Pick<Environment, "chromiumPath"> = readEnvironment(),
): string | undefined {
  if (environment.chromiumPath) return environment.chromiumPath;
  return SYSTEM_CHROMIUM.find((candidate) => fs.existsSync(candidate));
}

/** True when some Chromium can be launched: the system's or Playwright's own. */
export async function chromiumAvailable(
  environment: Pick<Environment, "chromiumPath"> = readEnvironment(),
): Promise<boolean> {
  const system = systemChromiumPath(environment);
  if (system) return fs.existsSync(system);
  try {
    const { chromium } = await import("playwright");
    return fs.existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}
