import path from "node:path";
import type { APIRoute, GetStaticPaths } from "astro";
import { composeStylesheet, type ServedStylesheet, servedStylesheets } from "../lib/site/stylesheets.ts";

// Every file of src/styles as text, by file name: the table picks the ones each served file joins.
const sources = Object.fromEntries(
  Object.entries(import.meta.glob<string>("../styles/*.css", { query: "?raw", import: "default", eager: true })).map(
    ([file, text]) => [path.basename(file), text],
  ),
);

export const getStaticPaths = (() =>
  servedStylesheets.map((name) => ({
    params: { stylesheet: name.slice(0, -".css".length) },
    props: { name },
  }))) satisfies GetStaticPaths;

/** Serves one stylesheet of src/lib/site/stylesheets.ts to the pages that link it. */
export const GET: APIRoute = async ({ props }) =>
  new Response(await composeStylesheet((props as { name: ServedStylesheet }).name, sources), {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
