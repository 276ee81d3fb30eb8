// @ts-check
import { unified } from "@astrojs/markdown-remark";
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import { defineConfig } from "astro/config";
import { contentPreflight } from "./src/integrations/content-preflight.ts";
import { editionsIntegration } from "./src/integrations/editions-integration.ts";
import { pdfIntegration } from "./src/integrations/pdf-integration.ts";
import { checkBibliographyBeforeBuild } from "./src/lib/citations/check-bibliography.ts";
import { resolveContentDir } from "./src/lib/content-dir.ts";
import { reportMarkdownPlugins } from "./src/lib/markdown-pipeline.ts";
import { normalizeBase } from "./src/lib/site-url.ts";

const contentDir = resolveContentDir();
// Where the site is hosted: set both when it lives under a sub-path of another site.
const site = process.env.SITE_URL || "http://localhost:4321";
if (!process.env.SITE_URL && process.argv.includes("build")) {
  console.warn(
    `[site] SITE_URL is not set: canonical links, the sitemap and "Cite this" references will name ${site}. Set SITE_URL (and BASE_PATH) to where the site will be hosted.`,
  );
}
const base = normalizeBase(process.env.BASE_PATH);
if (process.argv.includes("build")) checkBibliographyBeforeBuild(contentDir);

// remark-gfm is part of the report pipeline, so the built-in copy is switched off.
const processor = unified({ gfm: false, ...reportMarkdownPlugins({ contentDir, base }) });

export default defineConfig({
  site,
  base,
  // Pages are linked with a trailing slash; "ignore" lets file endpoints such as /references.bib work in dev too.
  trailingSlash: "ignore",
  // Code is highlighted by the report pipeline with classes: Astro's own Shiki writes inline styles the CSP refuses.
  markdown: { processor, syntaxHighlight: false },
  integrations: [
    contentPreflight({ contentDir }),
    mdx({ processor }),
    sitemap(),
    pdfIntegration({ contentDir }),
    editionsIntegration({ contentDir }),
  ],
  // Screen CSS and print CSS as files: with the HTML, three requests per page, and no inline style for the CSP.
  build: { inlineStylesheets: "never" },
  // Lets tests and benchmarks build other content folders side by side without sharing output.
  ...(process.env.REPORT_OUT_DIR ? { outDir: process.env.REPORT_OUT_DIR } : {}),
  ...(process.env.REPORT_CACHE_DIR ? { cacheDir: process.env.REPORT_CACHE_DIR } : {}),
  // One screen stylesheet for the whole site: every page is a first visit for someone, and one cached file beats several.
  vite: { build: { cssCodeSplit: false } },
  devToolbar: { enabled: false },
});
