/**
 * THE gate for URLs: every URL from any source (Markdown links, images and definitions, HTML
 * attributes, the bibliography's url/doi/eprint, report.yaml, SITE_URL, BASE_PATH) is read here,
 * as the WHATWG URL standard reads it (the parser browsers use: `\` is `/` in http(s) URLs, tabs and
 * newlines vanish, `%2e%2e` is `..`), and judged against one scheme list.
 */

/** Schemes a link may use; anything else (javascript:, data:, vbscript:, file: ...) is refused. */
export const ALLOWED_LINK_SCHEMES: readonly string[] = ["http", "https", "mailto"];

/** What a URL points at, as a browser would read it. */
export type UrlKind =
  | { kind: "in-site" }
  | { kind: "remote"; scheme: string }
  | { kind: "scheme"; scheme: string }
  | { kind: "invalid"; reason: string };

// Two hosts no URL can name both of: a URL that stays on each base's host when resolved against
// it names no host of its own, so it is a path in the site.
const SITE_PAGES = ["http://one.report.invalid/sections/page/", "http://two.report.invalid/sections/page/"];

/**
 * Classifies a URL written anywhere the build reads: a path in the site, a remote http(s) address,
 * another scheme, or something no browser can read.
 */
export function classifyUrl(url: string): UrlKind {
  const invalid: UrlKind = { kind: "invalid", reason: `"${url}" is not a URL a browser can read` };
  let parsed: URL;
  let relative = false;
  try {
    // Absolute first: "http:evil.example" is relative only on a page of the same scheme, and the
    // site may be served over http or https.
    parsed = new URL(url);
  } catch {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls and spaces browsers strip
    const stripped = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
    if (/^[a-z][a-z0-9+.-]*:/i.test(stripped)) return invalid;
    try {
      const [first, second] = SITE_PAGES.map((page) => new URL(url, page));
      parsed = first as URL;
      relative = SITE_PAGES.every((page, index) => [first, second][index]?.origin === new URL(page).origin);
    } catch {
      return invalid;
    }
  }
  const scheme = parsed.protocol.replace(/:$/, "");
  if (relative) return { kind: "in-site" };
  if (scheme === "http" || scheme === "https") return { kind: "remote", scheme };
  return { kind: "scheme", scheme };
}

/** An absolute web address (http or https), as the browser will request it, or why it is not one. */
export type WebAddress = { href: string } | { problem: string };

/**
 * Reads a value that must be an absolute http(s) address (a bibliography url, report.yaml's
 * licenseUrl, SITE_URL) and returns it as the WHATWG serializer writes it: characters such as `"`,
 * `<`, `>` and spaces percent-encoded, so that the address is one attribute value wherever it goes.
 */
export function webAddress(value: string): WebAddress {
  const kind = classifyUrl(value);
  if (kind.kind === "invalid") return { problem: kind.reason };
  if (kind.kind !== "remote") {
    return {
      problem: `"${value}" is not an http(s) address${kind.kind === "scheme" ? ` (it uses the ${kind.scheme}: scheme)` : ""}`,
    };
  }
  try {
    const url = new URL(value);
    // WHATWG hosts may hold " and other marks; a real host name (after IDNA) is letters, digits,
    // dots and hyphens, or an IP address.
    if (!/^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname)) {
      return { problem: `"${value}" names the host "${url.hostname}", which is not a host name` };
    }
    return { href: url.href };
  } catch {
    return { problem: `"${value}" is not a full address (it names no scheme such as https:)` };
  }
}

/** A URL with any password (and user name) replaced, for messages: secrets never reach the log. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.username || url.password) {
      url.username = url.username ? "***" : "";
      url.password = url.password ? "***" : "";
      return url.href;
    }
    return value;
  } catch {
    // Unparsable: hide whatever stands between "//" and "@", where a password would be.
    return value.replace(/\/\/[^/@]*@/, "//***@");
  }
}
