import fs from "node:fs";
import path from "node:path";
import { loadReportMetadata } from "../../../src/lib/content/report-file.ts";
import type { BenchContext, BenchOutcome } from "../context.ts";
import { realContentDir } from "../editions.ts";
import { formatTable } from "../table.ts";
import { latexPdf, measureTypesetting, type TypesetFigures, writtenWords } from "../typesetting.ts";

/** The real report's PDF next to LaTeX's typesetting of the same sections, justified and ragged right. */
export async function run(context: BenchContext): Promise<BenchOutcome> {
  const distDir = await context.realSite();
  context.log("typesetting: the report's PDF against Pandoc's LaTeX of the same sections (pdflatex)");
  const html = fs.readFileSync(path.join(distDir, "report", "index.html"), "utf8");
  const written = writtenWords(html);
  const ours = path.join(distDir, `${loadReportMetadata(realContentDir(context.root)).pdfName}.pdf`);
  const folder = fs.mkdtempSync(path.join(context.workDir, "latex-"));
  const figures: Record<string, TypesetFigures> = {
    ours: measureTypesetting(ours, written),
    "LaTeX, ragged right": measureTypesetting(latexPdf(html, folder, true), written),
    "LaTeX, justified": measureTypesetting(latexPdf(html, folder, false), written),
  };
  fs.rmSync(folder, { recursive: true, force: true });
  const pct = (share: number) => `${Math.round(share * 100)}%`;
  return {
    figures,
    report: [
      "Typesetting of the real report: its PDF against Pandoc's LaTeX (article, 11pt, Letter) of the same sections",
      formatTable(
        [
          "PDF",
          "pages",
          "characters a line",
          "hyphens added",
          "blank at page feet (pages)",
          "emptiest page but the last",
        ],
        Object.entries(figures).map(([name, measures]) => [
          name,
          measures.pages,
          measures.charsPerLine,
          measures.hyphens,
          measures.emptyPages,
          pct(measures.worstEmptyShare),
        ]),
      ),
    ].join("\n"),
    budgets: [],
    readme: [],
  };
}
