import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { assertWritableFolder, type BuildLock, lockOutputFolder } from "../lib/build/build-environment.ts";
import { checkContentFolder } from "../lib/content/policy/check-content-folder.ts";

/** Options of {@link contentGuard}. */
export interface ContentGuardOptions {
  contentDir: string;
}

/**
 * Checks the whole content folder before Astro reads or compiles any of it (so nothing an author
 * writes runs at build time), and guards the output folder: writable, and written by one build at a
 * time.
 */
export function contentGuard({ contentDir }: ContentGuardOptions): AstroIntegration {
  let lock: BuildLock | undefined;
  return {
    name: "report-content-guard",
    hooks: {
      "astro:config:setup": () => {
        checkContentFolder(contentDir);
      },
      "astro:config:done": ({ config }) => {
        if (!process.argv.includes("build")) return;
        const outDir = fileURLToPath(config.outDir).replace(/\/$/, "");
        assertWritableFolder(outDir);
        lock = lockOutputFolder(outDir);
      },
      "astro:build:done": () => {
        lock?.release();
      },
    },
  };
}
