import type { APIRoute } from "astro";
import { siteUrl } from "../data/report.ts";

/** Lets every crawler in and points it at the sitemap, which needs the site's absolute URL. */
export const GET: APIRoute = ({ site }) => {
  const sitemap = site ? new URL(siteUrl("sitemap-index.xml"), site).href : siteUrl("sitemap-index.xml");
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};
