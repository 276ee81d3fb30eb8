import type { APIRoute } from "astro";
import { minifyCss } from "../lib/markdown/content-stylesheets.ts";
import citeThisStylesheet from "../styles/cite-this.css?raw";
import sectionPageStylesheet from "../styles/section-page.css?raw";

/** A section page's contents, questions, "Cite this" and previous/next links, as one file for section pages. */
export const GET: APIRoute = () =>
  new Response(minifyCss("section-page.css", `${sectionPageStylesheet}\n${citeThisStylesheet}`), {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
