import fs from "node:fs";
import path from "node:path";
import { fromHtml } from "hast-util-from-html";
import { transform } from "lightningcss";
import { describe, expect, test } from "vitest";
import { LOG_GATE_FIXES } from "../../src/lib/build/log-guard.ts";
import { buildSite, contentWithOverlay, folderDigest, projectRoot } from "./build-helpers.ts";

const fixtures = path.join(projectRoot, "tests/fixtures/hostile-content");

/** A hostile or malformed content folder: the build fails with these messages, or builds and passes the check. */
type Case = { fails: RegExp[] } | { builds: (outDir: string) => void };

const section = (line: number) => new RegExp(`sections/conclusion\\.mdx:${line}: `);
const noCode = /content may not run code/;

function read(outDir: string, page: string): string {
  return fs.readFileSync(path.join(outDir, page), "utf8");
}

function ids(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] ?? "");
}

function htmlFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .flatMap((entry) =>
      entry.isFile() && entry.name.endsWith(".html") ? [path.join(entry.parentPath, entry.name)] : [],
    );
}

/** Every id on every page is unique, and every in-page link and aria-labelledby finds its target. */
function expectSoundIds(outDir: string): void {
  for (const file of htmlFiles(outDir)) {
    const html = fs.readFileSync(file, "utf8");
    const all = ids(html);
    const repeated = all.filter((id, index) => all.indexOf(id) !== index);
    expect(repeated, `${file}: repeated ids`).toEqual([]);
    const known = new Set(all);
    for (const match of html.matchAll(/(?:href="#|aria-labelledby=")([^"]+)"/g)) {
      expect(known.has(decodeURIComponent(match[1] ?? "")), `${file}: #${match[1]}`).toBe(true);
    }
  }
}

const cases: Record<string, Case> = {
  // Code that would run at build time or read the build's environment.
  "env-expression": {
    fails: [section(8), /"\{process\.env\.HOME\}" is a JavaScript expression/, noCode, /Fix: .*\\\{/],
  },
  "import-local-js": { fails: [section(8), /import run from "\.\/run\.js"/, noCode, /Fix: remove the line/] },
  "export-statement": { fails: [section(8), /export const secret/, noCode, /Fix: remove the line/] },
  "attribute-expression": {
    fails: [section(8), /title=\{process\.env\.HOME\} on <abbr>/, /Fix: write the value as text/],
  },
  "spread-attribute": { fails: [section(8), /<abbr \{\.\.\.globalThis\}> spreads/, /Fix: write each attribute/] },
  "braces-in-prose": { fails: [section(8), /"\{a, b\}" is a JavaScript expression/, /Fix: .*\\\{ and \\\}/] },
  "unclosed-brace": { fails: [section(8), /the MDX cannot be read/, /Fix: a \{ starts code in MDX.*\\\{/] },
  "unknown-component": {
    fails: [section(8), /<Chart> is not one of the report's components/, /Fix: use one of <Timeline \/>/],
  },
  // Markup that would run in or redirect the reader's browser, or load from another host.
  "script-element": { fails: [section(8), /<script> is not allowed/, /Fix: remove the <script> element/] },
  "style-element": { fails: [section(8), /<style> is not allowed/, /Fix: remove the <style> element/] },
  "iframe-element": { fails: [section(8), /<iframe> is not allowed/, /Fix: remove the <iframe> element/] },
  "object-element": { fails: [section(8), /<object> is not allowed/, /Fix: remove the <object> element/] },
  "embed-element": { fails: [section(8), /<embed> is not allowed/, /Fix: remove the <embed> element/] },
  "meta-refresh": { fails: [section(8), /<meta> is not allowed.*redirect/, /Fix: remove the <meta> element/] },
  "base-element": { fails: [section(8), /<base> is not allowed/, /Fix: remove the <base> element/] },
  "link-element": { fails: [section(8), /<link> is not allowed/, /Fix: remove the <link> element/] },
  "form-element": { fails: [section(8), /<form> is not allowed/, /Fix: remove the <form> element/] },
  "inline-svg": { fails: [section(8), /<svg> is not allowed/, /Fix: remove the <svg> element/] },
  "unknown-element": { fails: [section(8), /<marquee> is not an HTML element the report allows/, /Fix: use Markdown/] },
  "event-handler": { fails: [section(8), /event-handler attribute onError on <img>/, /Fix: remove onError=/] },
  "inline-style": { fails: [section(8), /attribute style is not allowed on <span>/, /Fix: remove style=/] },
  "id-attribute": {
    fails: [section(8), /attribute id is not allowed on <span>.*ids are made by the build/, /Fix: remove id=/],
  },
  "javascript-link": { fails: [section(8), /uses the javascript: scheme/, /Fix: link to an http\(s\) address/] },
  "javascript-link-mixed-case": { fails: [section(8), /uses the javascript: scheme/, /Fix: link to an http\(s\)/] },
  "javascript-html-link": { fails: [section(8), /uses the javascript: scheme.*<a href>/, /Fix: link to an http\(s\)/] },
  "data-url-link": { fails: [section(8), /uses the data: scheme/, /Fix: link to an http\(s\)/] },
  "vbscript-definition": { fails: [section(10), /uses the vbscript: scheme/, /Fix: link to an http\(s\)/] },
  "remote-image": {
    fails: [section(8), /is on another host.*runs without network/, /Fix: save the image in the site/],
  },
  "remote-image-html": {
    fails: [section(8), /\/\/example\.org\/chart\.png" is on another host/, /Fix: save the file/],
  },
  "remote-image-reference": { fails: [section(8), /is on another host/, /Fix: save the image in the site/] },
  "page-iframe": {
    fails: [/pages\/about-this-edition\.mdx:7: /, /<iframe> is not allowed/, /Fix: remove the <iframe>/],
  },
  // Markdown (.md) files: raw HTML meets the same allowlist as MDX; braces and < are text.
  "md-section": { fails: [/sections\/notes\.md:6: /, /<script> is not allowed/, /Fix: remove the <script> element/] },
  "md-inline-style": {
    fails: [/sections\/notes\.md:7: /, /attribute style is not allowed on <span>/, /Fix: remove style=/],
  },
  "md-page": { builds: (outDir) => expect(read(outDir, "notes/index.html")).toContain("<p>Text.</p>") },
  // Text that is not UTF-8.
  "latin1-bib": {
    fails: [/references\.bib:28: /, /byte 0xE9 at byte offset 985 \(line 28\)/, /Fix: save the file as UTF-8/],
  },
  "latin1-report-yaml": { fails: [/report\.yaml:2: /, /byte 0xE9 at byte offset \d+/, /Fix: save the file as UTF-8/] },
  "latin1-timeline-yaml": { fails: [/timeline\.yaml:32: /, /not UTF-8/, /Fix: save the file as UTF-8/] },
  "latin1-page": { fails: [/pages\/about-this-edition\.mdx:5: /, /byte offset 38/, /Fix: save the file as UTF-8/] },
  "utf16-section": { fails: [section(1), /byte 0xFF at byte offset 0/, /Fix: save the file as UTF-8/] },
  "bom-and-crlf": {
    builds: (outDir) => {
      const html = read(outDir, "sections/conclusion/index.html");
      expect(html).toContain("with the internet bringing a significant revolution");
      expect(html).not.toContain("\uFEFF");
    },
  },
  // Frontmatter and YAML.
  "duplicate-frontmatter-key": {
    fails: [section(4), /at "title": the key appears twice/, /Fix: write "title:" only once/],
  },
  "tab-in-frontmatter": { fails: [section(5), /a tab character/, /Fix: indent with spaces, not tabs/] },
  "order-as-string": {
    fails: [section(3), /order: .*whole number \(it is the text "5"\)/, /Fix: write order: 5 without quotes/],
  },
  "empty-report-yaml": { fails: [/report\.yaml:1: the file is empty/, /Fix: write one field per line/] },
  "report-duplicate-key": {
    fails: [/report\.yaml:10: /, /"title": the key appears twice/, /Fix: write "title:" only once/],
  },
  "report-tab": { fails: [/report\.yaml:17: /, /a tab character/, /Fix: indent with spaces/] },
  "invalid-language": {
    fails: [/report\.yaml:9: /, /language: the language is not a BCP 47 language tag/, /Fix: use a tag such as en/],
  },
  "impossible-date": { fails: [/report\.yaml:8: /, /2026-02-30 is not a day of the calendar/, /Fix: check the month/] },
  "year-only-date": {
    fails: [/report\.yaml:8: /, /"2026" is not a full date in the form YYYY-MM-DD/, /Fix: write year, month and day/],
  },
  "further-reading-typo": {
    fails: [
      /report\.yaml:26: /,
      /furtherReading: the citation key "borkman2021" is not in the bibliography/,
      /did you mean "borkman2020"/,
    ],
  },
  "short-title-line-break": { fails: [/report\.yaml:4: /, /shortTitle: .*line break/, /Fix: write it on one line/] },
  "short-title-css": {
    builds: (outDir) => {
      // The site's one stylesheet carries the @page rules made from report.yaml.
      const [sheet] = fs.readdirSync(path.join(outDir, "_astro")).filter((file) => file.endsWith(".css"));
      const css = read(outDir, `_astro/${sheet}`);
      // Valid CSS (lightningcss throws on a syntax error) ...
      transform({ filename: "style.css", code: Buffer.from(css), errorRecovery: false });
      // ... in which the title stays one string: outside strings, no @import and no body rule got out.
      const outsideStrings = css.replace(/"(?:\\.|[^"\\])*"/g, '""');
      expect(outsideStrings).not.toMatch(/@import|body\s*\{\s*display:\s*none/);
      expect(css).toContain(String.raw`"Self-Help\"; } body { display: none }`);
    },
  },
  // Sections with nothing to read, routes and file names.
  "comment-only-section": {
    fails: [/sections\/conclusion\.mdx: the section has no text/, /Fix: write the section's paragraphs/],
  },
  "page-route-timeline": {
    fails: [
      /pages\/timeline\.mdx: the page's URL \/timeline\/ is taken by the site's own timeline page/,
      /Fix: rename the file/,
    ],
  },
  "two-files-one-url": {
    fails: [/about-us\.mdx and .*About us\.mdx both map to the URL \/about-us\//, /Fix: rename one/],
  },
  "page-name-without-latin-letters": {
    fails: [/pages\/关于\.mdx: /, /no Latin letter or digit/, /Fix: rename the file/],
  },
  "duplicate-ids": {
    builds: (outDir) => {
      expectSoundIds(outDir);
      const report = read(outDir, "report/index.html");
      // The section named "References" does not take the references list's id; each section's
      // headings carry the section's id on the full report.
      expect(report).toMatch(/<h2 id="section-references">References<\/h2>/);
      expect(report).toMatch(/<h2 id="references">References<\/h2>/);
      for (const id of [
        "section-references--background",
        "section-references--background-2",
        "conclusion--background",
      ]) {
        expect(ids(report)).toContain(id);
      }
      // Links to a heading lead to that section's heading on the full report.
      expect(report).toContain('href="#section-references--background"');
      expect(report).toContain('href="#conclusion--background"');
      // Cross-references to a repeated and to a reserved heading name the ids those headings got.
      expect(report).toContain('href="#section-references--background-2"');
      expect(report).toContain('href="#section-references--references-section"');
      const page = read(outDir, "sections/references/index.html");
      expect(ids(page)).toEqual(
        expect.arrayContaining(["background", "background-2", "references-section", "contents-section"]),
      );
    },
  },
  "non-ascii-page-name": {
    builds: (outDir) => {
      const html = read(outDir, "uber-uns/index.html");
      expect(html).toContain("Diese Seite.");
      for (const id of ids(html)) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      const tree = fromHtml(html);
      expect(tree.children.length).toBeGreaterThan(0);
      for (const match of html.matchAll(/aria-labelledby="([^"]+)"/g)) expect(ids(html)).toContain(match[1]);
    },
  },
};

describe("hostile or malformed content fails with file, line, problem and fix, or builds safely", () => {
  test("every fixture folder has a case and every case a fixture folder", () => {
    expect(fs.readdirSync(fixtures).sort()).toEqual(Object.keys(cases).sort());
  });

  test.for(Object.entries(cases))("%s", { timeout: 240_000 }, async ([name, expected]) => {
    const content = contentWithOverlay(path.join(fixtures, name));
    const before = folderDigest(content);
    const result = await buildSite(content);
    try {
      if ("fails" in expected) {
        expect(result.exitCode, result.output).not.toBe(0);
        for (const pattern of expected.fails) expect(result.output).toMatch(pattern);
        // The project's message, never a bundler's stack trace in its place.
        expect(result.output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
        // The log gate turns an error nobody formatted into "Where: file:line" and a fix of its own: none may appear.
        expect(result.output, result.output).not.toMatch(/^\s+Where: /m);
        for (const fix of LOG_GATE_FIXES) expect(result.output, result.output).not.toContain(fix);
      } else {
        expect(result.exitCode, result.output).toBe(0);
        expected.builds(result.outDir);
      }
      // Nothing ran: an imported script would have written beside the content, changing the digest.
      expect(folderDigest(content)).toBe(before);
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });
});
