import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { contentKeyedCacheDir } from "../lib/build/cache-dir.ts";
import { readEnvironment } from "../lib/build/environment.ts";
import { checkBuiltOutput, locateInContent, OutputPolicyError } from "../lib/build/output-gate.ts";

/** Options of {@link outputGate}. */
export interface OutputGateOptions {
  /** The content folder, searched for where an offending text came from. */
  contentDir: string;
}

/**
 * The final gate (output-gate.ts), run after every other integration has written its files: the
 * build fails, naming each file (and the content line it came from, where found), when anything it
 * wrote breaks the site's security policy.
 */
export function outputGate({ contentDir }: OutputGateOptions): AstroIntegration {
  return {
    name: "report-output-gate",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const started = performance.now();
        // Documents that passed this gate's code byte for byte in the last build are not parsed again.
        const violations = checkBuiltOutput(distDir, {
          cacheDir: contentKeyedCacheDir(readEnvironment().cacheDir, process.cwd(), "output-gate"),
        });
        if (violations.length > 0) throw new OutputPolicyError(distDir, locateInContent(violations, contentDir));
        logger.info(
          `every page, SVG and EPUB document passes the output policy (${Math.round(performance.now() - started)} ms)`,
        );
      },
    },
  };
}
