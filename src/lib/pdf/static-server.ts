import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".woff2": "font/woff2",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The file a request path maps to in a built site hosted under `base`, or undefined when it lies
 * outside the base or the folder. Folders map to their index.html, as static hosts do.
 */
export function resolveRequestPath(root: string, base: string, urlPath: string): string | undefined {
  const pathname = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? "");
  const baseDir = base.endsWith("/") ? base : `${base}/`;
  if (!`${pathname}/`.startsWith(baseDir)) return undefined;
  const inside = pathname.slice(baseDir.length - 1);
  const file = path.join(root, inside);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  return inside.endsWith("/") || inside === "" ? path.join(file, "index.html") : file;
}

/** A static server over the built site, on a free loopback port. */
export interface StaticServer {
  /** e.g. `http://127.0.0.1:41234` */
  origin: string;
  close(): Promise<void>;
}

/** Serves a built site on 127.0.0.1 so that Chromium loads it as a host would, base path included. */
export async function serveStatic(root: string, base: string): Promise<StaticServer> {
  const absoluteRoot = path.resolve(root);
  const server = http.createServer((request, response) => {
    let file: string | undefined;
    try {
      file = resolveRequestPath(absoluteRoot, base, request.url ?? "/");
    } catch {
      file = undefined;
    }
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!file || !fs.existsSync(file)) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    response.writeHead(200, { "Content-Type": type });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
