import { ALLOWED_LINK_SCHEMES } from "./allowlist.ts";

/** What a URL in content points at, as a browser would read it. */
export type UrlKind =
  | { kind: "in-site" }
  | { kind: "remote"; scheme: string }
  | { kind: "scheme"; scheme: string }
  | { kind: "invalid"; reason: string };

// Browsers drop tabs and newlines anywhere in a URL and trim C0 controls and spaces at its ends,
// so "java\tscript:" is a javascript: URL. Read it the way they do before judging it.
function asBrowserReads(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls browsers strip
  return url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
}

/** Classifies a URL written in content: a path in the site, a remote http(s) address, or another scheme. */
export function classifyUrl(url: string): UrlKind {
  const value = asBrowserReads(url);
  if (value.startsWith("//") || value.startsWith("\\\\") || value.startsWith("/\\")) {
    return { kind: "remote", scheme: "https" };
  }
  const scheme = /^([^/?#]*?):/.exec(value)?.[1];
  if (scheme === undefined) return { kind: "in-site" };
  const lower = scheme.toLowerCase();
  if (!/^[a-z][a-z0-9+.-]*$/.test(lower)) {
    return { kind: "invalid", reason: `"${scheme}:" is not a valid URL scheme` };
  }
  if (lower === "http" || lower === "https") return { kind: "remote", scheme: lower };
  return { kind: "scheme", scheme: lower };
}

/** Why a link target is refused, or undefined when readers may follow it. */
export function linkProblem(url: string): string | undefined {
  const kind = classifyUrl(url);
  if (kind.kind === "invalid") return kind.reason;
  if (kind.kind === "scheme" && !ALLOWED_LINK_SCHEMES.includes(kind.scheme)) {
    return `the link target "${url}" uses the ${kind.scheme}: scheme; links may only be http(s), mailto or paths in this site`;
  }
  return undefined;
}

/** Why an image (or another resource the browser loads with the page) is refused, or undefined. */
export function loadedResourceProblem(url: string): string | undefined {
  const kind = classifyUrl(url);
  if (kind.kind === "invalid") return kind.reason;
  if (kind.kind === "remote") {
    return `the image "${url}" is on another host: the site loads nothing from other hosts, and the build does not download files (it runs without network)`;
  }
  if (kind.kind === "scheme") {
    return `the image "${url}" uses the ${kind.scheme}: scheme; images must be files of this site`;
  }
  return undefined;
}
