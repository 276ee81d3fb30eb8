import type { APIRoute } from "astro";
import { minifyCss } from "../lib/markdown/content-stylesheets.ts";
import figuresStylesheet from "../styles/figures.css?raw";

/** Figures and tables, on screen and on paper, for pages whose text has them. */
export const GET: APIRoute = () =>
  new Response(minifyCss("figures.css", figuresStylesheet), {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
