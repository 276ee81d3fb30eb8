import type { AstroIntegration } from "astro";
import { loadReportContext } from "../lib/report/report-context.ts";

/** Options of {@link contentPreflight}. */
export interface ContentPreflightOptions {
  contentDir: string;
}

/**
 * Reads every section once before the bundler compiles any of them, so that a section the MDX
 * compiler cannot read fails with the report's own message (file, line, construct, fix) whatever
 * file the bundler happens to compile first. The build then reuses what was read.
 */
export function contentPreflight({ contentDir }: ContentPreflightOptions): AstroIntegration {
  return {
    name: "report-content-preflight",
    hooks: {
      "astro:build:start": () => {
        loadReportContext(contentDir);
      },
    },
  };
}
