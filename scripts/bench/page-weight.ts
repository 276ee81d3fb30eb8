import path from "node:path";
import { gzipSync } from "node:zlib";
import { builtPagePaths } from "../../src/lib/editions/built-files.ts";

/** What kind of file a request fetched, as the page-weight table groups them. */
export type ResourceKind = "html" | "css" | "js" | "fonts" | "images" | "other";

/** The kinds in table order. */
export const RESOURCE_KINDS: readonly ResourceKind[] = ["html", "css", "js", "fonts", "images", "other"];

/** One request a page made on a first visit, with the size of what it fetched. */
export interface RecordedRequest {
  url: string;
  /** Playwright's resource type: document, stylesheet, script, font, image, ... */
  resourceType: string;
  rawBytes: number;
  gzipBytes: number;
}

/** Bytes per kind of resource. */
export type BytesByKind = Record<ResourceKind, number>;

/** What a first visit of one page transfers. */
export interface PageWeight {
  /** Path of the page on the site, e.g. `/sections/introduction/`. */
  page: string;
  requests: number;
  raw: BytesByKind;
  gzip: BytesByKind;
  totalRaw: number;
  totalGzip: number;
  /** Every request, for the JSON results. */
  urls: string[];
}

const KIND_BY_TYPE: Record<string, ResourceKind> = {
  document: "html",
  stylesheet: "css",
  script: "js",
  font: "fonts",
  image: "images",
};

const KIND_BY_EXTENSION: Record<string, ResourceKind> = {
  ".html": "html",
  ".css": "css",
  ".js": "js",
  ".mjs": "js",
  ".woff2": "fonts",
  ".woff": "fonts",
  ".ttf": "fonts",
  ".otf": "fonts",
  ".png": "images",
  ".jpg": "images",
  ".jpeg": "images",
  ".webp": "images",
  ".avif": "images",
  ".gif": "images",
  ".svg": "images",
  ".ico": "images",
};

/** The kind of a request: by what the browser fetched it as, else by the file extension. */
export function resourceKind(request: Pick<RecordedRequest, "url" | "resourceType">): ResourceKind {
  const byType = KIND_BY_TYPE[request.resourceType];
  if (byType) return byType;
  return KIND_BY_EXTENSION[path.extname(new URL(request.url).pathname).toLowerCase()] ?? "other";
}

function zeroBytes(): BytesByKind {
  return { html: 0, css: 0, js: 0, fonts: 0, images: 0, other: 0 };
}

/** Adds up the requests of one page visit by kind of resource. */
export function summarizePage(page: string, requests: readonly RecordedRequest[]): PageWeight {
  const raw = zeroBytes();
  const gzip = zeroBytes();
  for (const request of requests) {
    const kind = resourceKind(request);
    raw[kind] += request.rawBytes;
    gzip[kind] += request.gzipBytes;
  }
  const sum = (bytes: BytesByKind) => RESOURCE_KINDS.reduce((total, kind) => total + bytes[kind], 0);
  return {
    page,
    requests: requests.length,
    raw,
    gzip,
    totalRaw: sum(raw),
    totalGzip: sum(gzip),
    urls: requests.map((request) => request.url),
  };
}

/** The page that transfers the most (gzip) on a first visit. */
export function largestPage(pages: readonly PageWeight[]): PageWeight | undefined {
  return pages.reduce<PageWeight | undefined>(
    (largest, page) => (largest === undefined || page.totalGzip > largest.totalGzip ? page : largest),
    undefined,
  );
}

/** The size of a body as sent gzipped (zlib's default level, as most servers use). */
export function gzipSize(body: Buffer): number {
  return body.length === 0 ? 0 : gzipSync(body).length;
}

/** The site paths of every HTML page in a built site (the same list the e2e tests visit). */
export const htmlPages = builtPagePaths;
