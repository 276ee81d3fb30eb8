// Prints the PDF of an already built site, without rebuilding it: `node scripts/print-pdf.ts [dist]`.
// The benchmarks time the PDF step alone with it; the build runs the same code (src/integrations).
import path from "node:path";
import { normalizeBase } from "../src/lib/build/site-url.ts";
import { resolveContentDir } from "../src/lib/content/content-dir.ts";
import { loadReportMetadata } from "../src/lib/content/report-file.ts";
import { pdfSkipReason } from "../src/lib/pdf/pdf-availability.ts";
import { printReportPdf } from "../src/lib/pdf/print-report.ts";

const distDir = path.resolve(process.argv[2] ?? process.env["REPORT_OUT_DIR"] ?? "dist");
const skipped = await pdfSkipReason();
if (skipped) {
  console.error(skipped);
  process.exit(1);
}
const pdf = await printReportPdf({
  distDir,
  base: normalizeBase(process.env["BASE_PATH"]),
  site: process.env["SITE_URL"] ?? "",
  report: loadReportMetadata(resolveContentDir()),
});
console.log(`${path.relative(process.cwd(), pdf.file)} ${pdf.details} printed in ${pdf.milliseconds} ms`);
