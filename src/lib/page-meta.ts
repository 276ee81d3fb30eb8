/** The browser-tab title: the page's own title, then the report's short title. */
export function pageTitle(title: string, reportTitle: string): string {
  return title === reportTitle ? title : `${title} · ${reportTitle}`;
}

/**
 * Content Security Policy for every page (a meta tag, because the host is unknown): the site's own
 * styles and images only, no scripts at all, nothing sent anywhere.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "script-src 'none'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join("; ");
