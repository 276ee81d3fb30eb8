import type { APIRoute } from "astro";
import { minifyCss } from "../lib/markdown/content-stylesheets.ts";
import richTextStylesheet from "../styles/rich-text.css?raw";

/** Math, block elements and notes, for pages whose text uses them. */
export const GET: APIRoute = () =>
  new Response(minifyCss("rich-text.css", richTextStylesheet), {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
