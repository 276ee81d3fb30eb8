import type { APIRoute, GetStaticPaths } from "astro";
import { report } from "../../data/report.ts";
import { type CitationFile, citationFiles, citationFormats } from "../../lib/citations/cite-this.ts";
import { reportCitationItem } from "../../lib/metadata/report-work.ts";

export const getStaticPaths = (() =>
  citationFiles.map((file) => ({
    params: { file: `${report.pdfName}.${file.extension}` },
    props: { file },
  }))) satisfies GetStaticPaths;

/** Serves the report's own reference (/cite/<pdfName>.bib, .ris, .json) for reference managers. */
export const GET: APIRoute = ({ props }) => {
  const { file } = props as { file: CitationFile };
  return new Response(file.text(citationFormats(reportCitationItem(report))), {
    headers: { "Content-Type": file.contentType },
  });
};
