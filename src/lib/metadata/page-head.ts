/** Longest title search engines and tabs show whole. */
const MAX_TITLE_LENGTH = 70;

/** The browser-tab title: the page's own title, then the report's short title when both fit. */
export function pageTitle(title: string, reportTitle: string): string {
  const combined = `${title} · ${reportTitle}`;
  return title === reportTitle || combined.length > MAX_TITLE_LENGTH ? title : combined;
}

/**
 * The home page's title: the report's, or its short title when the report's is longer than a tab
 * and a search result show whole (a paper's full title often is).
 */
export function homePageTitle(report: { title: string; shortTitle?: string | undefined }): string {
  return report.title.length > MAX_TITLE_LENGTH && report.shortTitle ? report.shortTitle : report.title;
}

/**
 * Content Security Policy for every page (a meta tag, because the host is unknown): the site's own
 * styles and images only, no scripts at all, nothing sent anywhere. The build then writes each page's
 * stylesheets into it and replaces `style-src 'self'` with their hashes (src/lib/editions/inline-styles.ts).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "script-src 'none'",
  // 'self' only so that crawlers' in-page checks (Lighthouse fetches robots.txt) are not refused.
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join("; ");
