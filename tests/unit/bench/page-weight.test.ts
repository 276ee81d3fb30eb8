import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { gzipSize, htmlPages, largestPage, resourceKind, summarizePage } from "../../../scripts/bench/page-weight.ts";

test("resourceKind trusts the browser's resource type, then the file extension", () => {
  expect(resourceKind({ url: "http://h/x/", resourceType: "document" })).toBe("html");
  expect(resourceKind({ url: "http://h/a.css", resourceType: "stylesheet" })).toBe("css");
  expect(resourceKind({ url: "http://h/f.woff2", resourceType: "other" })).toBe("fonts");
  expect(resourceKind({ url: "http://h/favicon.ico?v=1", resourceType: "other" })).toBe("images");
  expect(resourceKind({ url: "http://h/data.bin", resourceType: "fetch" })).toBe("other");
});

test("summarizePage adds bytes up by kind and counts requests", () => {
  const weight = summarizePage("/x/", [
    { url: "http://h/x/", resourceType: "document", rawBytes: 9000, gzipBytes: 3000 },
    { url: "http://h/a.css", resourceType: "stylesheet", rawBytes: 6000, gzipBytes: 2000 },
    { url: "http://h/p.css", resourceType: "stylesheet", rawBytes: 600, gzipBytes: 300 },
  ]);
  expect(weight).toMatchObject({ requests: 3, totalRaw: 15600, totalGzip: 5300 });
  expect(weight.gzip).toEqual({ html: 3000, css: 2300, js: 0, fonts: 0, images: 0, other: 0 });
});

test("largestPage picks the heaviest gzip total", () => {
  const page = (name: string, gzipBytes: number) =>
    summarizePage(name, [{ url: `http://h${name}`, resourceType: "document", rawBytes: 1, gzipBytes }]);
  expect(largestPage([page("/a/", 10), page("/b/", 30), page("/c/", 20)])?.page).toBe("/b/");
  expect(largestPage([])).toBeUndefined();
});

test("gzipSize is the length of a real gzip stream of the body", () => {
  const body = Buffer.from("<p>self-help</p>".repeat(200));
  const size = gzipSize(body);
  expect(size).toBeLessThan(body.length / 10);
  expect(size).toBeGreaterThan(20);
  expect(gzipSize(Buffer.alloc(0))).toBe(0);
});

test("htmlPages lists a built site's pages as URLs, skipping hidden build folders and the single-file edition", () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pages-"));
  for (const file of [
    "index.html",
    "404.html",
    "sections/intro/index.html",
    ".prerender/x.html",
    "a.css",
    "report.html",
  ]) {
    fs.mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    fs.writeFileSync(path.join(dist, file), "x");
  }
  expect(htmlPages(dist)).toEqual(["/", "/404.html", "/sections/intro/"]);
  fs.rmSync(dist, { recursive: true });
});
