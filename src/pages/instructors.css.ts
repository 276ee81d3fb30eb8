import type { APIRoute } from "astro";
import { minifyCss } from "../lib/markdown/content-stylesheets.ts";
import figuresStylesheet from "../styles/figures.css?raw";
import instructorsStylesheet from "../styles/instructors.css?raw";

/** The instructors' page: the report's table look and the page's own overview table, as one file. */
export const GET: APIRoute = () =>
  new Response(minifyCss("instructors.css", `${figuresStylesheet}\n${instructorsStylesheet}`), {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
