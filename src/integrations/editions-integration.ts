import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { readEnvironment } from "../lib/build/environment.ts";
import { makeEditions } from "../lib/editions/make-editions.ts";

/** Options of {@link editionsIntegration}. */
export interface EditionsIntegrationOptions {
  contentDir: string;
}

/**
 * Makes the take-away editions after the site is built: the EPUB 3, the single-file HTML and the
 * course package, all from the built `/report/` page, and fills their sizes into the pages' download
 * links. A failure fails the build and leaves no file half-written. With `REPORT_FINISH=separate`
 * (`npm run build`) they are left to scripts/finish-build.ts, which runs once Astro's process has exited.
 */
export function editionsIntegration({ contentDir }: EditionsIntegrationOptions): AstroIntegration {
  let base = "/";
  // Unknown without SITE_URL: the editions then link nothing back to the site rather than guess.
  let site: string | undefined;
  return {
    name: "report-editions",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base;
        site = config.site;
      },
      "astro:build:done": async ({ dir, logger }) => {
        if (readEnvironment().finishSeparately) {
          logger.info("The EPUB and the single file are made after this process ends (REPORT_FINISH=separate).");
          return;
        }
        await makeEditions({ distDir: fileURLToPath(dir), base, site, contentDir, log: (text) => logger.info(text) });
      },
    },
  };
}
