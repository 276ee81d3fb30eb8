import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { expect, test } from "vitest";
import { buildSite, buildSiteUnserialized, contentWithOverlay, withFixtureBuildLock } from "./build-helpers.ts";

test("SITE_URL that is not an absolute http(s) URL stops the build with the fix", async () => {
  const content = contentWithOverlay(undefined);
  for (const value of ["not-a-url", "ftp://example.edu/report/"]) {
    const result = await buildSite(content, { SITE_URL: value });
    fs.rmSync(result.outDir, { recursive: true, force: true });
    expect(result.exitCode, result.output).not.toBe(0);
    expect(result.output).toContain(`SITE_URL="${value}" is not`);
    expect(result.output).toMatch(/Fix: set SITE_URL to .*https:\/\//);
  }
  fs.rmSync(content, { recursive: true, force: true });
});

test("REPORT_CONTENT_DIR that is no folder says so", async () => {
  const missing = path.join(os.tmpdir(), "no-such-report-content");
  const result = await buildSite(missing);
  expect(result.exitCode).not.toBe(0);
  expect(result.output).toMatch(/no-such-report-content: the content folder \(REPORT_CONTENT_DIR\) does not exist/);
  expect(result.output).toMatch(/Fix: set REPORT_CONTENT_DIR to the folder holding report\.yaml/);
});

test("the path of SITE_URL is kept: canonical links and the base path include it", async () => {
  const content = contentWithOverlay(undefined);
  const result = await buildSite(content, { SITE_URL: "https://example.edu/course/" });
  try {
    expect(result.exitCode, result.output).toBe(0);
    const html = fs.readFileSync(path.join(result.outDir, "references/index.html"), "utf8");
    expect(html).toContain('<link rel="canonical" href="https://example.edu/course/references/"');
    expect(html).toMatch(/href="\/course\/sections\//);
  } finally {
    fs.rmSync(content, { recursive: true, force: true });
    fs.rmSync(result.outDir, { recursive: true, force: true });
  }
});

test("a second build into the same output folder stops and names the build holding it", async () => {
  // Both builds run at once on purpose; the fixture lock keeps other test files' builds out of .astro/ meanwhile.
  await withFixtureBuildLock(() => secondBuildIntoSameFolder());
});

test("two builds of two content folders at once each publish their own content", async () => {
  await withFixtureBuildLock(() => twoContentFoldersAtOnce());
}, 600_000);

async function twoContentFoldersAtOnce(): Promise<void> {
  const folders = ["Alpha", "Bravo"].map((name) => {
    const content = contentWithOverlay(undefined);
    const yaml = path.join(content, "report.yaml");
    fs.writeFileSync(yaml, fs.readFileSync(yaml, "utf8").replace(/^title: .*$/m, `title: Report ${name}`));
    fs.writeFileSync(
      path.join(content, "sections", "zz-own.md"),
      `---\ntitle: Own part\norder: 9\n---\n\nOnly report ${name} says ${name.toUpperCase()}-SENTINEL.\n`,
    );
    return { name, content };
  });
  // Started together: Astro keeps content modules in the project's .astro/ folder, shared by both.
  const results = await Promise.all(folders.map(({ content }) => buildSiteUnserialized(content)));
  try {
    results.forEach((result, index) => {
      const own = folders[index]?.name ?? "";
      const other = folders[1 - index]?.name ?? "";
      expect(result.exitCode, result.output).toBe(0);
      expect(result.output).not.toContain(folders[1 - index]?.content ?? "-");
      const report = fs.readFileSync(path.join(result.outDir, "report/index.html"), "utf8");
      expect(report).toContain(`Report ${own}`);
      expect(report).toContain(`${own.toUpperCase()}-SENTINEL`);
      expect(report).not.toContain(`${other.toUpperCase()}-SENTINEL`);
    });
    // One of them waited for the other and said so.
    expect(results.map((result) => result.output).join("\n")).toMatch(/another build of this project .* waiting/);
  } finally {
    for (const { content } of folders) fs.rmSync(content, { recursive: true, force: true });
    for (const result of results) fs.rmSync(result.outDir, { recursive: true, force: true });
  }
}

async function secondBuildIntoSameFolder(): Promise<void> {
  const content = contentWithOverlay(undefined);
  const outDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "report-locked-")), "dist");
  const lockFile = path.join(outDir, ".build-lock");
  const first = buildSiteUnserialized(content, { REPORT_OUT_DIR: outDir });
  // Start the second once the first holds the lock.
  const deadline = Date.now() + 120_000;
  while (!fs.existsSync(lockFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  // The lock lies inside the output folder: beside it, the build writes nothing.
  const besideWhileBuilding = fs.readdirSync(path.dirname(outDir));
  const second = await buildSiteUnserialized(content, { REPORT_OUT_DIR: outDir });
  const firstResult = await first;
  try {
    expect(second.exitCode, second.output).not.toBe(0);
    expect(second.output).toMatch(/another build \(process \d+\) is writing .*dist right now/);
    expect(second.output).toMatch(/Fix: wait for it to finish, or build into another folder/);
    expect(firstResult.exitCode, firstResult.output).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(besideWhileBuilding).toEqual(["dist"]);
    expect(fs.readdirSync(path.dirname(outDir))).toEqual(["dist"]);
  } finally {
    fs.rmSync(content, { recursive: true, force: true });
    fs.rmSync(path.dirname(outDir), { recursive: true, force: true });
  }
}

/** A file's text as a reader would get it: an EPUB's documents unzipped, any other file as bytes. */
function readableText(file: string): string {
  if (!file.endsWith(".epub")) return fs.readFileSync(file, "latin1");
  return Object.values(unzipSync(fs.readFileSync(file)))
    .map((bytes) => Buffer.from(bytes).toString("latin1"))
    .join("\n");
}

function allFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .flatMap((entry) => (entry.isFile() ? [path.join(entry.parentPath, entry.name)] : []));
}

test("a first build with SITE_URL unset names no localhost anywhere, and cite-this says to set SITE_URL", async () => {
  const content = contentWithOverlay(undefined);
  // The PDF too, when this machine has Chromium (REPORT_PDF unset).
  const result = await buildSite(content, { SITE_URL: "", BASE_PATH: "", REPORT_PDF: "" });
  try {
    expect(result.exitCode, result.output).toBe(0);
    const files = allFiles(result.outDir);
    expect(files.length).toBeGreaterThan(10);
    // The EPUB is a zip: its documents are read through unzip, not as compressed bytes.
    const naming = files.filter((file) => /localhost|127\.0\.0\.1/.test(readableText(file)));
    expect(naming).toEqual([]);
    const home = fs.readFileSync(path.join(result.outDir, "index.html"), "utf8");
    expect(home).not.toMatch(/rel="canonical"|property="og:url"/);
    expect(home).toMatch(/No URL: the site was built without its address\. Whoever publishes it sets SITE_URL/);
    expect(fs.readFileSync(path.join(result.outDir, "robots.txt"), "utf8")).not.toMatch(/Sitemap:/);
    // The build log stays clean: no warning from Astro's MDX directive or a missing site.
    expect(result.output).not.toMatch(/MODULE_LEVEL_DIRECTIVE|requires the `site`/);
  } finally {
    fs.rmSync(content, { recursive: true, force: true });
    fs.rmSync(result.outDir, { recursive: true, force: true });
  }
});
