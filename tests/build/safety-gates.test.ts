import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildEnvironment, buildSite, contentWithOverlay, folderDigest, projectRoot } from "./build-helpers.ts";

// Each finding of issue 21, as a real build: the build stops with file, problem and fix, and
// touches nothing it must keep; or it builds and its output passes the output gate.

const TIMEOUT = 300_000;

function withContent(files: Record<string, string>): string {
  const content = contentWithOverlay(undefined);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(content, name)), { recursive: true });
    fs.writeFileSync(path.join(content, name), text);
  }
  return content;
}

describe("the write gate", () => {
  test("an output folder naming the content folder stops the build and deletes nothing", {
    timeout: TIMEOUT,
  }, async () => {
    const content = withContent({});
    const before = folderDigest(content);
    const result = await buildSite(content, { REPORT_OUT_DIR: content });
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toMatch(/the output folder .* is or contains the content folder/);
      expect(result.output).toMatch(/Fix: set REPORT_OUT_DIR to a folder of its own/);
      expect(folderDigest(content)).toBe(before);
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });

  test("an output folder holding other files stops the build and keeps them", { timeout: TIMEOUT }, async () => {
    const content = withContent({});
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "someone-"));
    fs.writeFileSync(path.join(outDir, "thesis.docx"), "years of work");
    const result = await buildSite(content, { REPORT_OUT_DIR: outDir });
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toMatch(/holds files no build of this project wrote \(thesis\.docx\)/);
      expect(fs.readFileSync(path.join(outDir, "thesis.docx"), "utf8")).toBe("years of work");
    } finally {
      for (const folder of [content, outDir, result.outDir]) fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test("pdfName: index cannot replace the home page", { timeout: TIMEOUT }, async () => {
    const content = contentWithOverlay(undefined);
    const yaml = path.join(content, "report.yaml");
    fs.writeFileSync(yaml, fs.readFileSync(yaml, "utf8").replace(/^pdfName: .*$/m, "pdfName: index"));
    const result = await buildSite(content);
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toMatch(/report\.yaml:\d+: .*pdfName.*index and 404 are the names of the site's own pages/);
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });
});

/** The real content with its conclusion replaced by these lines (line 6 is the first of them). */
function conclusion(lines: string): string {
  return withContent({ "sections/conclusion.mdx": `---\ntitle: Conclusion\norder: 5\n---\n\n${lines}\n` });
}

describe("the read gate", () => {
  test.each([
    ["percent-encoded dots", '<img src="/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/proc/self/environ" alt="x" />'],
    ["an encoded separator", '<img src="/..%2f..%2f..%2f..%2f..%2fproc%2fself%2fenviron" alt="x" />'],
    ["backslashes", '<img src="..\\..\\..\\..\\..\\..\\proc\\self\\environ" alt="x" />'],
  ])(
    "an image path climbing out of the content folder by %s stops the build",
    { timeout: TIMEOUT },
    async (_name, line) => {
      const content = conclusion(`Text.\n\n${line}`);
      const result = await buildSite(content);
      try {
        expect(result.exitCode, result.output).not.toBe(0);
        expect(result.output).toMatch(/sections\/conclusion\.mdx:8: /);
        expect(result.output).toMatch(/leads out of the content folder|hides a path separator/);
        expect(result.output).not.toMatch(/PATH=|HOME=/);
      } finally {
        fs.rmSync(content, { recursive: true, force: true });
        fs.rmSync(result.outDir, { recursive: true, force: true });
      }
    },
  );
});

describe("the URL gate and citeproc's safe HTML", () => {
  test("a bibliography URL with a quote and a title with small capitals publish no handler and no style", {
    timeout: TIMEOUT,
  }, async () => {
    const content = contentWithOverlay(undefined);
    const bib = path.join(content, "references.bib");
    fs.writeFileSync(
      bib,
      fs
        .readFileSync(bib, "utf8")
        .replace("title   = {Self-help/mutual aid groups", "title   = {{\\textsc{Self-help}}/mutual aid groups")
        .replace(
          "  pages   = {1--219}\n",
          '  pages   = {1--219},\n  url     = {https://example.org/a"onmouseover="alert(1)}\n',
        ),
    );
    const result = await buildSite(content);
    try {
      expect(result.exitCode, result.output).toBe(0);
      const references = fs.readFileSync(path.join(result.outDir, "references", "index.html"), "utf8");
      expect(references).toContain('href="https://example.org/a%22onmouseover=%22alert(1)"');
      expect(references).toContain('class="csl-small-caps"');
      for (const page of ["references/index.html", "report/index.html"]) {
        const html = fs.readFileSync(path.join(result.outDir, page), "utf8");
        expect(html, page).not.toMatch(/\sonmouseover=/i);
        expect(html, page).not.toMatch(/\sstyle="/);
      }
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });

  test("licenseUrl: javascript: stops the build at its line", { timeout: TIMEOUT }, async () => {
    const content = contentWithOverlay(undefined);
    const yaml = path.join(content, "report.yaml");
    fs.appendFileSync(yaml, "licenseUrl: javascript:alert(document.cookie)\n");
    const result = await buildSite(content);
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toMatch(/report\.yaml:\d+: .*licenseUrl.*javascript: scheme/);
      expect(result.output).toMatch(/Fix: link to the license's web page/);
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });
});

describe("author images", () => {
  test.each([
    [
      "an SVG with a script",
      "d.svg",
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      /holds what the site does not publish in an SVG: a <script> element/,
    ],
    [
      "an SVG that uses another file's drawing and declares an entity",
      "d.svg",
      '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#a"/></svg>',
      /a DOCTYPE with its own declarations or entities.*<use href="other\.svg#a">: refers outside the drawing/,
    ],
    ["a text file named .png", "d.png", "TOKEN=secret\n", /is not a PNG file: its bytes are not PNG/],
  ])("%s stops the build at the figure's line", { timeout: TIMEOUT }, async (_name, image, bytes, problem) => {
    const content = conclusion(`Text.\n\n<Figure src="./images/${image}" alt="A drawing">A caption.</Figure>`);
    fs.mkdirSync(path.join(content, "sections", "images"), { recursive: true });
    fs.writeFileSync(path.join(content, "sections", "images", image), bytes);
    const result = await buildSite(content);
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toMatch(/sections\/conclusion\.mdx:8: /);
      expect(result.output).toMatch(problem);
      expect(result.output).toMatch(/Fix: /);
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });
});

describe("the output gate", () => {
  test("a real build reports that every page, SVG and EPUB document passed", { timeout: TIMEOUT }, async () => {
    const content = contentWithOverlay(undefined);
    const result = await buildSite(content);
    try {
      expect(result.exitCode, result.output).toBe(0);
      expect(result.output).toMatch(
        /\[report-output-gate\] every page, SVG and EPUB document passes the output policy/,
      );
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });
});

describe("caches", () => {
  /** Every file a build wrote, by path, but the EPUB and course package (zips that hold the build's time). */
  const filesOf = (outDir: string): Map<string, string> =>
    new Map(
      fs
        .readdirSync(outDir, { recursive: true, encoding: "utf8" })
        .filter((file) => fs.statSync(path.join(outDir, file)).isFile() && !/\.(?:epub|imscc)$/.test(file))
        .sort()
        .map((file) => [
          file,
          createHash("sha256")
            .update(fs.readFileSync(path.join(outDir, file)))
            .digest("hex"),
        ]),
    );

  test("one cache shared by two content folders and a moved copy changes no byte of either output", {
    timeout: TIMEOUT * 2,
  }, async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "shared-cache-"));
    const first = fs.mkdtempSync(path.join(os.tmpdir(), "rich-"));
    const second = fs.mkdtempSync(path.join(os.tmpdir(), "bib-data-"));
    fs.cpSync(path.resolve(import.meta.dirname, "../fixtures/rich-report"), first, { recursive: true });
    fs.cpSync(path.resolve(import.meta.dirname, "../fixtures/bibliography-as-data"), second, { recursive: true });
    const moved = `${first}-moved`;
    const builds = [];
    try {
      // The first build finds the shared cache empty: a clean build.
      const a = await buildSite(first, { REPORT_CACHE_DIR: cacheDir });
      const b = await buildSite(second, { REPORT_CACHE_DIR: cacheDir });
      fs.renameSync(first, moved);
      const movedA = await buildSite(moved, { REPORT_CACHE_DIR: cacheDir });
      // A clean build of the second folder, with a cache of its own.
      const cleanB = await buildSite(second);
      builds.push(a, b, movedA, cleanB);
      for (const build of builds) expect(build.exitCode, build.output).toBe(0);
      // The citations are kept in the shared cache by content, beside Astro's folder per content folder.
      expect(fs.readdirSync(path.join(cacheDir, "by-content", "citations")).length).toBeGreaterThan(0);
      // So are the "Cite this" boxes' formats, which the moved copy's build read back.
      expect(fs.readdirSync(path.join(cacheDir, "by-content", "cite-this")).length).toBeGreaterThan(0);
      expect(filesOf(movedA.outDir)).toEqual(filesOf(a.outDir));
      expect(filesOf(b.outDir)).toEqual(filesOf(cleanB.outDir));
      const numbers = (outDir: string) =>
        [
          ...fs.readFileSync(path.join(outDir, "report", "index.html"), "utf8").matchAll(/caption-number">([^<]+)</g),
        ].map((m) => m[1]);
      expect(numbers(movedA.outDir).length).toBeGreaterThan(0);
      expect(numbers(movedA.outDir)).not.toContain("Figure\u00a00.");
    } finally {
      for (const folder of [moved, first, second, cacheDir, ...builds.map((build) => build.outDir)]) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }
  });
});

describe("the log gate", () => {
  /** A stack frame as Node and Astro print them. */
  const FRAME_LINE = /^\s+at .*(:\d+:\d+\)?|\(<anonymous>\)|\(native\))\s*$/m;

  test("an error nothing formatted (the cache folder is a file) prints its problem and a fix, no stack", {
    timeout: TIMEOUT,
  }, async () => {
    const content = withContent({});
    const cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cache-")), "cache");
    fs.writeFileSync(cacheFile, "");
    const result = await buildSite(content, { REPORT_CACHE_DIR: cacheFile });
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toContain("ENOTDIR");
      expect(result.output).not.toMatch(FRAME_LINE);
      expect(result.output).toMatch(/Fix: a path the build uses as a folder is a file/);
    } finally {
      for (const folder of [content, path.dirname(cacheFile), result.outDir]) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }
  });

  test("no secret of the environment reaches the log, in whatever message it stands", {
    timeout: TIMEOUT,
  }, async () => {
    const token = `ghp_${randomBytes(12).toString("hex")}`;
    const password = `pw${randomBytes(6).toString("hex")}`;
    const content = withContent({});
    // Both secrets stand in a setting the build reports as wrong, so the message would quote them.
    const result = await buildSite(content, {
      GITHUB_TOKEN: token,
      DEPLOY_URL: `https://deploy:${password}@example.edu/`,
      SITE_URL: `https://example.edu/${token}/${password}/?preview`,
    });
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toMatch(/SITE_URL=.*carries a query/);
      expect(result.output).toContain("https://example.edu/***/***/?preview");
      expect(result.output).not.toContain(token);
      expect(result.output).not.toContain(password);
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });

  test("the finish step's uncaught error names where and a fix, never a stack", () => {
    const missing = path.join(os.tmpdir(), `no-site-${randomBytes(4).toString("hex")}`);
    const result = spawnSync(process.execPath, [path.join(projectRoot, "scripts/finish-build.ts"), missing], {
      cwd: projectRoot,
      env: { ...buildEnvironment(), REPORT_PDF: "off", FORCE_COLOR: "0" },
      encoding: "utf8",
      timeout: 120_000,
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(1);
    expect(output).toContain(missing);
    expect(output).not.toMatch(FRAME_LINE);
    expect(output).toMatch(/\n {2}Where: src\/lib\/[\w/-]+\.ts:\d+\n {2}Fix: /);
  });
});

describe("an error a content file causes names that file", () => {
  /** A stack frame as Node and Astro print them. */
  const FRAME_LINE = /^\s+at .*(:\d+:\d+\)?|\(<anonymous>\)|\(native\))\s*$/m;

  test.each([
    [
      "an event handler in a Pandoc attribute block on an image",
      "sections/conclusion.md",
      'Text.\n\n![A chart](./images/chart.png){onclick="alert(document.cookie)"}\n',
      /sections\/conclusion\.md:8: the attribute onclick="alert\(document\.cookie\)" in a \{\.\.\.\} block is an event handler/,
    ],
    [
      "a link whose % starts no escape (a URIError in a step)",
      "sections/conclusion.mdx",
      "Text with [a link](./notes%E0%A4%A.md).\n",
      /sections\/conclusion\.mdx(:\d+)?: .*(URIError|percent|%)[\s\S]*Fix: /,
    ],
  ])("%s", { timeout: TIMEOUT }, async (_name, name, body, expected) => {
    const content = withContent({ [name]: `---\ntitle: Conclusion\norder: 5\n---\n\n${body}` });
    if (name.endsWith(".md")) fs.rmSync(path.join(content, "sections/conclusion.mdx"));
    const result = await buildSite(content);
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toMatch(expected);
      expect(result.output).not.toMatch(FRAME_LINE);
      expect(result.output).not.toMatch(/this error comes from the build itself/);
      // The formatted message is the first thing said about it: no error object printed before it.
      expect(result.output).not.toMatch(/\{\s*\n?\s*(problem|loc|file):/);
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });
});
