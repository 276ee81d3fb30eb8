import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { inlineSiteStyles } from "../lib/editions/inline-styles.ts";

/**
 * Writes each built page's stylesheets into the page, allowed by hash in its CSP, before the PDF and
 * the editions read the pages: a page is then one request, and its first paint waits for no stylesheet.
 * The stylesheet files stay in the output for anything that links them.
 */
export function inlineStylesIntegration(): AstroIntegration {
  let base = "/";
  return {
    name: "report-inline-styles",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base;
      },
      "astro:build:done": ({ dir, logger }) => {
        const started = performance.now();
        const { pages, styleSources } = inlineSiteStyles({ distDir: fileURLToPath(dir), base });
        logger.info(
          `${styleSources.length} stylesheets written into ${pages} pages in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}
