import type { APIRoute } from "astro";
import { minifyCss } from "../lib/markdown/content-stylesheets.ts";
import sectionPageStylesheet from "../styles/section-page.css?raw";

/** A section page's contents, questions and previous/next links, for section pages alone. */
export const GET: APIRoute = () =>
  new Response(minifyCss("section-page.css", sectionPageStylesheet), {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
