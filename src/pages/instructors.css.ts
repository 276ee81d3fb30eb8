import type { APIRoute } from "astro";
import { minifyCss } from "../lib/markdown/content-stylesheets.ts";
import citeThisStylesheet from "../styles/cite-this.css?raw";
import figuresStylesheet from "../styles/figures.css?raw";
import instructorsStylesheet from "../styles/instructors.css?raw";

/** The instructors' page: the report's table look, its own overview table and "Cite this", as one file. */
export const GET: APIRoute = () =>
  new Response(minifyCss("instructors.css", `${figuresStylesheet}\n${instructorsStylesheet}\n${citeThisStylesheet}`), {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
