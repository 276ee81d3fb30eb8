import type { APIRoute } from "astro";
import { transform } from "lightningcss";
import { report } from "../data/report.ts";
import { pageRulesCss } from "../lib/pdf/page-css.ts";
import figuresPrintStylesheet from "../styles/figures-print.css?raw";
import printStylesheet from "../styles/print.css?raw";

/**
 * The print stylesheet plus the `@page` rules made from report.yaml (paper size, running head), as
 * one minified file: a first visit then costs one print request, not two (the CSP forbids inline styles).
 */
export const GET: APIRoute = () => {
  const { code } = transform({
    filename: "print.css",
    code: Buffer.from(`${printStylesheet}\n${figuresPrintStylesheet}\n${pageRulesCss(report)}`),
    minify: true,
  });
  return new Response(code.toString(), { headers: { "Content-Type": "text/css; charset=utf-8" } });
};
