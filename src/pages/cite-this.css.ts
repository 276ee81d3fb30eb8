import type { APIRoute } from "astro";
import { minifyCss } from "../lib/markdown/content-stylesheets.ts";
import citeThisStylesheet from "../styles/cite-this.css?raw";

/** "Cite this", for the home page (section pages and the instructors' page have it in their own stylesheet). */
export const GET: APIRoute = () =>
  new Response(minifyCss("cite-this.css", citeThisStylesheet), {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
