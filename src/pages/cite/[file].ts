import type { APIRoute, GetStaticPaths } from "astro";
import { report } from "../../data/report.ts";
import { EXPORT_FORMATS, type ExportFormat } from "../../lib/citations/export-formats.ts";
import { keptCitationFormats } from "../../lib/citations/kept-citation-formats.ts";
import { reportCitationItem } from "../../lib/metadata/report-work.ts";

export const getStaticPaths = (() =>
  EXPORT_FORMATS.map((format) => ({
    params: { file: `${report.pdfName}.${format.extension}` },
    props: { format },
  }))) satisfies GetStaticPaths;

/** Serves the report's own reference (/cite/<pdfName>.bib, .ris, .json) for reference managers. */
export const GET: APIRoute = ({ props }) => {
  const { format } = props as { format: ExportFormat };
  const text = keptCitationFormats(reportCitationItem(report)).files[format.id];
  return new Response(text, { headers: { "Content-Type": format.contentType } });
};
