import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveRequestPath, serveStatic } from "../../../src/lib/pdf/static-server.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-serve-"));
fs.mkdirSync(path.join(root, "report"));
fs.mkdirSync(path.join(root, "_astro"));
fs.writeFileSync(path.join(root, "report", "index.html"), "<h1>Full report</h1>");
fs.writeFileSync(path.join(root, "_astro", "print.css"), "body{}");
afterAll(() => fs.rmSync(root, { recursive: true }));

describe("resolveRequestPath", () => {
  it("maps folders to their index.html under the root base", () => {
    expect(resolveRequestPath(root, "/", "/report/")).toBe(path.join(root, "report", "index.html"));
    expect(resolveRequestPath(root, "/", "/")).toBe(path.join(root, "index.html"));
  });

  it("strips a sub-path base and refuses paths outside it", () => {
    expect(resolveRequestPath(root, "/reports/shg/", "/reports/shg/report/?x=1")).toBe(
      path.join(root, "report", "index.html"),
    );
    expect(resolveRequestPath(root, "/reports/shg/", "/reports/shg")).toBe(path.join(root, "index.html"));
    expect(resolveRequestPath(root, "/reports/shg/", "/report/")).toBeUndefined();
  });

  it("never leaves the site folder", () => {
    expect(resolveRequestPath(root, "/", "/../../etc/passwd")).toBeUndefined();
    expect(resolveRequestPath(root, "/", "/%2e%2e/%2e%2e/etc/passwd")).toBeUndefined();
  });
});

describe("serveStatic", () => {
  it("serves the built site on loopback with content types, 404 for the rest", async () => {
    const server = await serveStatic(root, "/base/");
    try {
      expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(`${server.origin}/base/report/`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(await page.text()).toBe("<h1>Full report</h1>");
      const css = await fetch(`${server.origin}/base/_astro/print.css`);
      expect(css.headers.get("content-type")).toContain("text/css");
      expect((await fetch(`${server.origin}/report/`)).status).toBe(404);
      expect((await fetch(`${server.origin}/base/missing/`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
