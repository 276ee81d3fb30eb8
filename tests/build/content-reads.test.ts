import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type BuildResult, buildSite, contentWithOverlay, projectRoot } from "./build-helpers.ts";

/** One read of a content file during the build, as tests/build/count-content-reads.mjs logs it. */
interface Read {
  file: string;
  how: string;
  /** True when the project's own code (not Astro or another package alone) made the read. */
  ours: boolean;
}

let content = "";
let log = "";
let build: BuildResult;
let reads: Read[] = [];

beforeAll(async () => {
  content = contentWithOverlay(undefined);
  log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "content-reads-")), "reads.jsonl");
  const counter = pathToFileURL(path.join(projectRoot, "tests/build/count-content-reads.mjs"));
  counter.search = new URLSearchParams({ dir: content, log }).toString();
  build = await buildSite(content, { NODE_OPTIONS: `--import ${counter.href}` });
  reads = fs.existsSync(log)
    ? fs
        .readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Read)
    : [];
}, 180_000);

afterAll(() => {
  fs.rmSync(content, { recursive: true, force: true });
  fs.rmSync(build.outDir, { recursive: true, force: true });
  fs.rmSync(path.dirname(log), { recursive: true, force: true });
});

test("a real build reads each content file once in the project's code (Astro's own compile read aside)", () => {
  expect(build.exitCode, build.output).toBe(0);
  const textFiles = fs
    .readdirSync(content, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(mdx|yaml|bib|json|txt)$/.test(name))
    .sort();
  // The real report has sections, pages, metadata, a bibliography, a timeline and the manuscript.
  expect(textFiles.length).toBeGreaterThanOrEqual(9);
  const ours = new Map<string, number>();
  for (const read of reads.filter((candidate) => candidate.ours)) ours.set(read.file, (ours.get(read.file) ?? 0) + 1);
  expect(Object.fromEntries([...ours].sort())).toEqual(Object.fromEntries(textFiles.map((file) => [file, 1])));
  // Astro's collection loader reads each section and page for its own compile: the counter sees it.
  const astro = reads.filter((read) => !read.ours && read.file.startsWith("sections/"));
  expect(astro.length).toBeGreaterThan(0);
});
