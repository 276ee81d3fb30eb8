/** Normalises a base path to the "/sub/path/" form (or "/"), whatever slashes it was given with. */
export function normalizeBase(base: string | undefined): string {
  const trimmed = (base ?? "").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

/** Joins the site's base path and a path inside the site. */
export function withBase(base: string, target: string): string {
  return `${normalizeBase(base)}${target.replace(/^\/+/, "")}`;
}

/** Makes a site-internal URL that respects the configured base path (in pages, where Vite sets BASE_URL). */
export function siteUrl(target: string): string {
  return withBase(import.meta.env.BASE_URL, target);
}

/** True when SITE_URL says where the site lives; without it no page names an absolute URL of the site. */
export function siteIsKnown(): boolean {
  return Boolean(import.meta.env.SITE);
}

/**
 * Absolute URL of a path inside the site (from SITE_URL), for citations and metadata; a path from
 * the site's root when SITE_URL is unset (never a localhost address).
 */
export function absoluteUrl(target: string): string {
  return siteIsKnown() ? new URL(siteUrl(target), import.meta.env.SITE).href : siteUrl(target);
}
