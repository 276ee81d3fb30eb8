import path from "node:path";
import type { AstroIntegration } from "astro";
import { loadReportMetadata, REPORT_FILE } from "../lib/content/report-file.ts";
import { pageRulesCss } from "../lib/pdf/page-css.ts";

/** The module a layout imports to add the `@page` rules made from report.yaml to the site's stylesheet. */
export const PAGE_RULES_MODULE = "virtual:report-page-rules.css";
// Vite treats a module as CSS by its extension; the "\0" keeps other plugins from resolving it as a file.
const RESOLVED_ID = `\0${PAGE_RULES_MODULE}`;

/** Options of {@link pageRulesStylesheet}. */
export interface PageRulesStylesheetOptions {
  contentDir: string;
}

/**
 * Serves the paper size, running head and page numbers of report.yaml as a CSS module, so that they
 * join the one stylesheet every page loads instead of costing each page a request of its own (the
 * CSP forbids inline styles, and Astro cannot write a stylesheet from data).
 */
export function pageRulesStylesheet({ contentDir }: PageRulesStylesheetOptions): AstroIntegration {
  return {
    name: "report-page-rules",
    hooks: {
      "astro:config:setup": ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: "report-page-rules",
                resolveId: (id: string) => (id === PAGE_RULES_MODULE ? RESOLVED_ID : undefined),
                load(id: string) {
                  if (id !== RESOLVED_ID) return undefined;
                  // A changed report.yaml reloads in `astro dev`.
                  this.addWatchFile(path.join(contentDir, REPORT_FILE));
                  return pageRulesCss(loadReportMetadata(contentDir));
                },
              },
            ],
          },
        });
      },
    },
  };
}
