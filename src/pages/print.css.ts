import type { APIRoute } from "astro";
import { report } from "../data/report.ts";
import { pageRulesCss } from "../lib/pdf/page-css.ts";
import printStylesheet from "../styles/print.css?raw";

/**
 * The print stylesheet plus the `@page` rules made from report.yaml (paper size, running head), as
 * one file: a first visit then costs one print request, not two (the CSP forbids inline styles).
 */
export const GET: APIRoute = () =>
  new Response(`${printStylesheet}\n${pageRulesCss(report)}`, {
    headers: { "Content-Type": "text/css; charset=utf-8" },
  });
