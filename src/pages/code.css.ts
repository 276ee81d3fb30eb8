import type { APIRoute } from "astro";
import { codePaletteCss } from "../lib/markdown/code-highlight.ts";
import { minifyCss } from "../lib/markdown/content-stylesheets.ts";
import codeStylesheet from "../styles/code.css?raw";

/** Code blocks and their token colours (both themes), for pages whose text has code. */
export const GET: APIRoute = async () =>
  new Response(minifyCss("code.css", `${codeStylesheet}\n${await codePaletteCss()}`), {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
