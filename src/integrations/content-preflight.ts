import path from "node:path";
import type { AstroIntegration, AstroIntegrationLogger } from "astro";
import { lintBibliography } from "../lib/citations/lint-bibliography.ts";
import { findUncitedEntries } from "../lib/citations/uncited-entries.ts";
import { formatContentProblem } from "../lib/content/content-error.ts";
import { readContentFile } from "../lib/content/content-files.ts";
import { loadReportMetadata, REPORT_FILE } from "../lib/content/report-file.ts";
import { loadReportContext } from "../lib/report/report-context.ts";

/** Options of {@link contentPreflight}. */
export interface ContentPreflightOptions {
  contentDir: string;
}

/**
 * Reads every section once before the bundler compiles any of them, so that a section the MDX
 * compiler cannot read fails with the report's own message (file, line, construct, fix) whatever
 * file the bundler happens to compile first. The build then reuses what was read. It also names
 * the bibliography entries nothing cites (a furtherReading key not in the bibliography stops it).
 */
export function contentPreflight({ contentDir }: ContentPreflightOptions): AstroIntegration {
  const check = (logger: AstroIntegrationLogger) => {
    const context = loadReportContext(contentDir);
    const file = context.bibliography.file;
    if (file?.endsWith(".bib")) {
      const warnings = lintBibliography(file, readContentFile(file));
      // The first few say what to mend; the count says how much there is.
      for (const warning of warnings.slice(0, 20)) logger.warn(formatContentProblem(warning));
      if (warnings.length > 20) logger.warn(`${warnings.length - 20} more bibliography warnings like these.`);
    }
    const { unused } = findUncitedEntries(
      context.bibliography.items.map((item) => item.id),
      context.cited,
      loadReportMetadata(contentDir).furtherReading,
      path.join(contentDir, REPORT_FILE),
    );
    if (unused.length > 0) {
      logger.warn(
        `${unused.length} bibliography entr${unused.length === 1 ? "y is" : "ies are"} cited nowhere and left off the references page: ${unused.join(", ")}. Cite them, list them under furtherReading in report.yaml, or remove them.`,
      );
    }
  };
  return {
    name: "report-content-preflight",
    hooks: {
      "astro:build:start": ({ logger }) => check(logger),
      // `astro dev` says the same when it starts.
      "astro:server:start": ({ logger }) => check(logger),
    },
  };
}
