// Prints the PDF of an already built site, without rebuilding it: `node scripts/print-pdf.ts [dist]`.
// The benchmarks time the PDF step alone with it; the build runs the same code (src/integrations).
import path from "node:path";
import { readEnvironment } from "../src/lib/build/environment.ts";
import { normalizeBase } from "../src/lib/build/site-url.ts";
import { resolveContentDir } from "../src/lib/content/content-dir.ts";
import { loadReportMetadata } from "../src/lib/content/report-file.ts";
import { pdfSkipReason } from "../src/lib/pdf/pdf-availability.ts";
import { printReportPdf } from "../src/lib/pdf/print-report.ts";

const environment = readEnvironment();
const distDir = path.resolve(process.argv[2] ?? environment.outDir ?? "dist");
const skipped = await pdfSkipReason(environment);
if (skipped) {
  console.error(skipped);
  process.exit(1);
}
const pdf = await printReportPdf({
  distDir,
  base: normalizeBase(environment.basePath),
  site: environment.siteUrl ?? "",
  report: loadReportMetadata(resolveContentDir(environment)),
});
console.log(`${path.relative(process.cwd(), pdf.file)} ${pdf.details} printed in ${pdf.milliseconds} ms`);
