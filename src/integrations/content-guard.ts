import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import {
  assertWritableFolder,
  BUILD_LOCK,
  type BuildLock,
  lockOutputFolder,
  lockProject,
} from "../lib/build/build-environment.ts";
import { checkOutputFolder, prepareOutputFolder } from "../lib/build/write-gate.ts";
import { checkContentFolder } from "../lib/content/policy/check-content-folder.ts";

/** Options of {@link contentGuard}. */
export interface ContentGuardOptions {
  contentDir: string;
}

/**
 * Checks the whole content folder before Astro reads or compiles any of it (so nothing an author
 * writes runs at build time), and guards the output folder: writable, and written by one build at a
 * time. The write gate (write-gate.ts) decides whether the folder may be emptied, and empties it:
 * Astro's own emptying is switched off in astro.config.mjs.
 */
export function contentGuard({ contentDir }: ContentGuardOptions): AstroIntegration {
  let lock: BuildLock | undefined;
  let projectLock: BuildLock | undefined;
  return {
    name: "report-content-guard",
    hooks: {
      "astro:config:setup": () => {
        checkContentFolder(contentDir);
      },
      "astro:config:done": async ({ config, logger }) => {
        if (!process.argv.includes("build")) return;
        const outDir = fileURLToPath(config.outDir).replace(/\/$/, "");
        const folders = { contentDir, projectRoot: fileURLToPath(config.root) };
        checkOutputFolder(outDir, folders);
        assertWritableFolder(outDir);
        lock = lockOutputFolder(outDir);
        // Before Astro writes the project's .astro/ folder (content modules, types): one build at a time.
        projectLock = await lockProject(folders.projectRoot, (holder) =>
          logger.info(`another build of this project (process ${holder}) is running: waiting for it to finish.`),
        );
        // The content module map an earlier build of another content folder left would point at its
        // files; Astro writes it afresh for this one.
        fs.rmSync(path.join(folders.projectRoot, ".astro", "content-modules.mjs"), { force: true });
        prepareOutputFolder(outDir, folders, [BUILD_LOCK]);
      },
      "astro:build:done": () => {
        lock?.release();
        projectLock?.release();
      },
    },
  };
}
