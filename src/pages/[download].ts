import type { APIRoute, GetStaticPaths } from "astro";
import { bibliographyItems } from "../data/report.ts";
import { type BibliographyDownload, bibliographyDownloads } from "../lib/citations/bibliography-downloads.ts";
import { keptExportFile } from "../lib/citations/kept-citation-formats.ts";

export const getStaticPaths = (() =>
  bibliographyDownloads.map((download) => ({
    params: { download: download.fileName },
    props: { download },
  }))) satisfies GetStaticPaths;

/** Serves one bibliography download, generated from the same data as the references page. */
export const GET: APIRoute = ({ props }) => {
  const { format } = (props as { download: BibliographyDownload }).download;
  return new Response(keptExportFile(format, bibliographyItems), { headers: { "Content-Type": format.contentType } });
};
