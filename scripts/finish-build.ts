// Finishes a built site in a process of its own: prints the PDF, then makes the EPUB and the
// single-file HTML (`node scripts/finish-build.ts [dist]`). `npm run build` (scripts/build.ts) runs it
// after `astro build` with REPORT_FINISH=separate has exited, so Chromium never runs beside the
// site's build and the two never hold memory at once. The integrations run the same code in
// Astro's process when REPORT_FINISH is unset.
import path from "node:path";
import { resolveSiteLocation } from "../src/lib/build/build-environment.ts";
import { contentKeyedCacheDir } from "../src/lib/build/cache-dir.ts";
import { readEnvironment, readSecretValues } from "../src/lib/build/environment.ts";
import { guardBuildLog } from "../src/lib/build/log-guard.ts";
import { checkBuiltOutput, locateInContent, OutputPolicyError } from "../src/lib/build/output-gate.ts";
import { resolveContentDir } from "../src/lib/content/content-dir.ts";
import { loadReportMetadata } from "../src/lib/content/report-file.ts";
import { makeEditions } from "../src/lib/editions/make-editions.ts";
import { pdfSkipReason } from "../src/lib/pdf/pdf-availability.ts";
import { printReportPdf } from "../src/lib/pdf/print-report.ts";

guardBuildLog({
  secrets: readSecretValues(),
  projectRoot: path.resolve(import.meta.dirname, ".."),
  catchUncaught: true,
});
const environment = readEnvironment();
const distDir = path.resolve(process.argv[2] ?? environment.outDir ?? "dist");
const contentDir = resolveContentDir(environment);
// Where the site lives, read as astro.config.mjs reads it.
const { site, base } = resolveSiteLocation(environment);
const skipped = await pdfSkipReason(environment);
if (skipped) {
  console.log(`${skipped} The site is built without it, and no page links to it.`);
} else {
  const pdf = await printReportPdf({
    distDir,
    base,
    site: site ?? "",
    report: loadReportMetadata(contentDir),
  });
  console.log(
    `${path.relative(process.cwd(), pdf.file)} ${pdf.details} printed ${pdf.printings}x in ${pdf.milliseconds} ms`,
  );
}
await makeEditions({ distDir, base, site, contentDir, log: (text) => console.log(text) });
// The final gate again, over what this process added (the editions, the PDF's pages' details).
const violations = checkBuiltOutput(distDir, {
  cacheDir: contentKeyedCacheDir(environment.cacheDir, process.cwd(), "output-gate"),
});
if (violations.length > 0) throw new OutputPolicyError(distDir, locateInContent(violations, contentDir));
console.log("Every page, SVG and EPUB document passes the output policy.");
