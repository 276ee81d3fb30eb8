import type { APIRoute } from "astro";
import { minifyCss } from "../lib/markdown/content-stylesheets.ts";
import timelineFullStylesheet from "../styles/timeline-full.css?raw";

/** The full timeline's page width, legend, descriptions and wide layout, for the timeline page alone. */
export const GET: APIRoute = () =>
  new Response(minifyCss("timeline-full.css", timelineFullStylesheet), {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
