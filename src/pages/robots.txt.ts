import type { APIRoute } from "astro";
import { siteUrl } from "../lib/build/site-url.ts";

/** Lets every crawler in and points it at the sitemap, which needs the site's absolute URL. */
export const GET: APIRoute = ({ site }) => {
  // Without SITE_URL there is no sitemap (its URLs must be absolute).
  const sitemap = site ? `\nSitemap: ${new URL(siteUrl("sitemap-index.xml"), site).href}\n` : "";
  return new Response(`User-agent: *\nAllow: /\n${sitemap}`, {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};
