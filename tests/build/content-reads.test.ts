import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readMdxSource } from "../../src/lib/content/section-sources.ts";
import { splitFrontmatter } from "../../src/lib/content/yaml-file.ts";
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

/** One parse of a text with unified during the build: the SHA-256 of the text. */
interface Parse {
  parse: string;
  ours: boolean;
}
let parses: Parse[] = [];

beforeAll(async () => {
  content = contentWithOverlay(undefined);
  log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "content-reads-")), "reads.jsonl");
  const counter = pathToFileURL(path.join(projectRoot, "tests/build/count-content-reads.mjs"));
  counter.search = new URLSearchParams({ dir: content, log }).toString();
  build = await buildSite(content, { NODE_OPTIONS: `--import ${counter.href}` });
  const logged = fs.existsSync(log)
    ? fs
        .readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Read | Parse)
    : [];
  reads = logged.filter((entry): entry is Read => "file" in entry);
  parses = logged.filter((entry): entry is Parse => "parse" in entry);
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

test("a real build parses each section's and page's MDX once in the project's code (Astro's own compile aside)", () => {
  expect(build.exitCode, build.output).toBe(0);
  const mdxFiles = fs
    .readdirSync(content, { recursive: true, encoding: "utf8" })
    .filter((name) => /^(sections|pages)\/[^/]+\.mdx$/.test(name))
    .sort();
  expect(mdxFiles.length).toBeGreaterThanOrEqual(5);
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  // A file's body is its text below the frontmatter, the frontmatter blanked (as Astro does, or as
  // the content check's own frontmatter reader does): a parse of either is a parse of the file.
  const bodies = new Map(
    mdxFiles.map((name) => {
      const source = fs.readFileSync(path.join(content, name), "utf8");
      const forms = [readMdxSource(source)?.body ?? source, splitFrontmatter(source).body];
      return [name, new Set(forms.map(sha256))] as const;
    }),
  );
  const ours = parses.filter((parse) => parse.ours).map((parse) => parse.parse);
  const times = Object.fromEntries(
    [...bodies].map(([name, hashes]) => [name, ours.filter((parsed) => hashes.has(parsed)).length]),
  );
  expect(times).toEqual(Object.fromEntries(mdxFiles.map((name) => [name, 1])));
  // The counter sees parses: Astro's MDX compile parses the sections too (not counted as ours).
  expect(parses.filter((parse) => !parse.ours).length).toBeGreaterThan(0);
});
