import { ALLOWED_LINK_SCHEMES, classifyUrl } from "../../build/url-gate.ts";

// One URL gate for the whole build: content links and images are read by it, as every other URL is.
export { classifyUrl, type UrlKind } from "../../build/url-gate.ts";

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
