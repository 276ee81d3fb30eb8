import path from "node:path";
import { expect, test } from "@playwright/test";
import { loadReportMetadata } from "../../src/lib/content/report-file.ts";
import { CHECKPOINTS, checkMatterhorn, type MatterhornReport } from "../pdf-ua/matterhorn.ts";
import { contentDir, distDir, environment } from "./site.ts";

// The report's PDF against the Matterhorn Protocol's machine-checkable failure conditions: each
// checkpoint is its own test, so a failure names the checkpoint and what breaks it.
const report = loadReportMetadata(contentDir);
const pdfFile = path.join(distDir, `${report.pdfName}.pdf`);

test.skip(!environment.pdf, "the PDF is turned off (REPORT_PDF=off)");

let checked: MatterhornReport | undefined;
const results = (): MatterhornReport => {
  checked ??= checkMatterhorn(pdfFile);
  return checked;
};

for (const checkpoint of CHECKPOINTS) {
  test(`Matterhorn ${checkpoint.id}: never "${checkpoint.condition}"`, () => {
    expect(results().get(checkpoint.id), `${pdfFile}: ${checkpoint.condition}`).toEqual([]);
  });
}
