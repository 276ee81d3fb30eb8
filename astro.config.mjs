// @ts-check
import { fileURLToPath } from "node:url";
import { unified } from "@astrojs/markdown-remark";
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import { defineConfig } from "astro/config";
import { contentGuard } from "./src/integrations/content-guard.ts";
import { contentPreflight } from "./src/integrations/content-preflight.ts";
import { editionsIntegration } from "./src/integrations/editions-integration.ts";
import { inlineStylesIntegration } from "./src/integrations/inline-styles.ts";
import { outputGate } from "./src/integrations/output-gate.ts";
import { pageRulesStylesheet } from "./src/integrations/page-rules-stylesheet.ts";
import { pdfIntegration } from "./src/integrations/pdf-integration.ts";
import { resolveSiteLocation } from "./src/lib/build/build-environment.ts";
import { cacheDirFor } from "./src/lib/build/cache-dir.ts";
import { readEnvironment, readSecretValues } from "./src/lib/build/environment.ts";
import { guardBuildLog } from "./src/lib/build/log-guard.ts";
import { switchOffTelemetry } from "./src/lib/build/telemetry.ts";
import { checkBibliographyBeforeBuild } from "./src/lib/citations/check-bibliography.ts";
import { resolveContentDir } from "./src/lib/content/content-dir.ts";
import { reportMarkdownPlugins } from "./src/lib/markdown/pipeline.ts";

// First: from here on, nothing this process prints shows a secret or a bare stack trace.
guardBuildLog({
  secrets: readSecretValues(),
  projectRoot: fileURLToPath(new URL(".", import.meta.url)),
  catchUncaught: true,
});
// A build started without the npm scripts (npx astro build) sends no usage report either.
switchOffTelemetry();
const environment = readEnvironment();
const contentDir = resolveContentDir(environment);
// Where the site is hosted: SITE_URL (its path is the base path unless BASE_PATH is set).
const location = resolveSiteLocation(environment);
// Without SITE_URL the site is built with relative links only: no canonical links, no sitemap, and
// "Cite this" without a URL (never a localhost address a reader could not open).
const site = location.site;
if (!site && process.argv.includes("build")) {
  console.log(
    "[site] SITE_URL is not set: pages link relatively, and canonical links, the sitemap and URLs in citations are left out. Set SITE_URL to where the site will be hosted to add them.",
  );
}
const base = location.base;
if (process.argv.includes("build")) checkBibliographyBeforeBuild(contentDir);

// remark-gfm is part of the report pipeline, so the built-in copy is switched off. Markdown (.md)
// and MDX share the pipeline; only .md files read Pandoc's syntax ({#id}, ::: divs), which in MDX is code.
const markdownProcessor = unified({ gfm: false, ...reportMarkdownPlugins({ contentDir, base, format: "md" }) });
const mdxProcessor = unified({ gfm: false, ...reportMarkdownPlugins({ contentDir, base, format: "mdx" }) });

export default defineConfig({
  ...(site ? { site } : {}),
  base,
  // Pages are linked with a trailing slash; "ignore" lets file endpoints such as /references.bib work in dev too.
  trailingSlash: "ignore",
  // Code is highlighted by the report pipeline with classes: Astro's own Shiki writes inline styles the CSP refuses.
  markdown: { processor: markdownProcessor, syntaxHighlight: false },
  integrations: [
    contentGuard({ contentDir }),
    contentPreflight({ contentDir }),
    mdx({ processor: mdxProcessor }),
    pageRulesStylesheet({ contentDir }),
    ...(site ? [sitemap()] : []),
    // Before the PDF and the editions, so that they read the pages as readers get them.
    inlineStylesIntegration(),
    pdfIntegration({ contentDir }),
    editionsIntegration({ contentDir }),
    // Last: checks everything the others wrote.
    outputGate({ contentDir }),
  ],
  // Stylesheets as files, which inlineStylesIntegration then writes into each page with their hashes in its CSP.
  build: { inlineStylesheets: "never" },
  // Lets tests and benchmarks build other content folders side by side without sharing output.
  ...(environment.outDir ? { outDir: environment.outDir } : {}),
  // One cache per content folder (src/lib/build/cache-dir.ts): a shared or moved cache never mixes folders.
  cacheDir: cacheDirFor(environment.cacheDir, contentDir, process.cwd()),
  // One screen stylesheet for the whole site: every page is a first visit for someone, and one cached file beats several.
  vite: {
    build: {
      // The write gate (src/lib/build/write-gate.ts) empties the output folder, after checking it.
      emptyOutDir: false,
      cssCodeSplit: false,
      rolldownOptions: {
        // Astro marks MDX and Markdown modules with a directive the bundler warns about on every file, though
        // nothing is wrong (withastro/astro#18087): drop that one warning so real ones stand out.
        onLog(level, log, handler) {
          if (log.code === "MODULE_LEVEL_DIRECTIVE" && /\.mdx?\b/.test(log.message ?? "")) return;
          handler(level, log);
        },
      },
    },
  },
  devToolbar: { enabled: false },
  // A build's log names what it wrote and what is wrong with the content, nothing else (src/lib/build/build-log.ts).
  ...(process.argv.includes("build")
    ? { logger: { entrypoint: fileURLToPath(new URL("./src/lib/build/build-log.ts", import.meta.url)) } }
    : {}),
});
