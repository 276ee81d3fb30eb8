import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { checkBuiltOutput, OutputPolicyError } from "../lib/build/output-gate.ts";

/**
 * The final gate (output-gate.ts), run after every other integration has written its files: the
 * build fails, naming each file, when anything it wrote breaks the site's security policy.
 */
export function outputGate(): AstroIntegration {
  return {
    name: "report-output-gate",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const started = performance.now();
        const violations = checkBuiltOutput(distDir);
        if (violations.length > 0) throw new OutputPolicyError(distDir, violations);
        logger.info(
          `every page, SVG and EPUB document passes the output policy (${Math.round(performance.now() - started)} ms)`,
        );
      },
    },
  };
}
