import type { APIRoute, GetStaticPaths } from "astro";
import { bibliographyItems } from "../data/report.ts";
import { bibliographyDownloads } from "../lib/citations/bibliography-downloads.ts";

export const getStaticPaths = (() =>
  bibliographyDownloads.map((download) => ({
    params: { download: download.fileName },
    props: { download },
  }))) satisfies GetStaticPaths;

/** Serves one bibliography download, generated from the same data as the references page. */
export const GET: APIRoute = ({ props }) => {
  const { download } = props as { download: (typeof bibliographyDownloads)[number] };
  return new Response(download.render(bibliographyItems), { headers: { "Content-Type": download.contentType } });
};
