import type { APIRoute } from "astro";
import { report } from "../data/report.ts";
import { pageRulesCss } from "../lib/pdf/page-css.ts";

/** The `@page` rules made from report.yaml (paper size, running head), linked with media="print". */
export const GET: APIRoute = () =>
  new Response(pageRulesCss(report), { headers: { "Content-Type": "text/css; charset=utf-8" } });
