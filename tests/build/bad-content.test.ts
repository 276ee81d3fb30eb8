import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildSite, contentWithOverlay, folderDigest, projectRoot } from "./build-helpers.ts";

const fixtures = path.join(projectRoot, "tests/fixtures/bad-content");

/**
 * Each fixture folder is laid over a copy of the real content; the build must fail, and its output
 * must name the file (with the line where one is known), the problem, and the fix.
 */
const cases: Record<string, RegExp[]> = {
  "missing-section-title": [/sections\/conclusion\.mdx/, /every section needs a title/, /Fix: add `title:/],
  "duplicate-order": [
    /sections\/introduction\.mdx:3/,
    /order 1 is also the order of .*conclusion\.mdx/,
    /Fix: give every section its own order/,
  ],
  "unknown-frontmatter-key": [
    /sections\/conclusion\.mdx/,
    /unknown frontmatter key\(s\): subtitle/,
    /Fix: remove or correct it/,
  ],
  "wrong-type": [/sections\/conclusion\.mdx/, /order must be a whole number/, /Fix: write `order: 3`/],
  "empty-section": [/sections\/conclusion\.mdx/, /the section has no text/, /Fix: write the section's paragraphs/],
  "unknown-citation-key": [
    /sections\/conclusion\.mdx:8/,
    /"@borkman2021" is not in the bibliography/,
    /did you mean "@borkman2020"/,
  ],
  "mdx-syntax-error": [/sections\/conclusion\.mdx:9: the MDX cannot be read/, /end of file/, /Fix: close every tag/],
  "heading-skip": [/sections\/conclusion\.mdx:10/, /skip from h2 to h4/, /Fix: use ### for this heading/],
  "image-without-alt": [/sections\/conclusion\.mdx:8/, /has no alternative text/, /Fix: describe the image/],
  "link-to-missing-section": [
    /sections\/conclusion\.mdx:6/,
    /\/sections\/histroy\/ points to a section that does not exist/,
    /Fix: link to one of: .*\/sections\/theories-and-history\//,
  ],
  "non-utf8": [/sections\/conclusion\.mdx:8/, /not UTF-8/, /Fix: save the file as UTF-8/],
  "malformed-bibtex": [/references\.bib:\d+/, /BibTeX cannot be read/, /Fix: check the braces/],
  "duplicate-bibtex-key": [
    /references\.bib:22/,
    /"borkman2020" is used twice \(first on line 1\)/,
    /Fix: give one of the two entries another key/,
  ],
  "entry-without-author-or-title": [
    /references\.bib:8/,
    /"christiansen2021" has neither an author nor a title/,
    /Fix: add the author and title/,
  ],
  "timeline-unparseable-date": [
    /timeline\.yaml:7/,
    /the date "1960's" is neither a year nor a decade/,
    /Fix: write 1960s, without the apostrophe/,
  ],
  "timeline-unknown-section": [
    /timeline\.yaml:10/,
    /the section "theories-and-histroy" does not exist/,
    /did you mean "theories-and-history"/,
  ],
  "timeline-unknown-citation-key": [
    /timeline\.yaml:6/,
    /"borkman2021" is not in the bibliography/,
    /did you mean "borkman2020"/,
  ],
  "timeline-duplicate-event": [
    /timeline\.yaml:11/,
    /events 1 and 3 have the same date \(1935\) and title/,
    /the first is on line 2/,
  ],
  "timeline-unknown-paragraph": [
    /timeline\.yaml:6/,
    /the paragraph "p-alcoholics-were-the-first-people-in" is not in the section/,
    /did you mean "p-alcoholics-were-the-first-persons-in"/,
  ],
  "timeline-unknown-field": [/timeline\.yaml:3/, /unknown field "titel"/, /correct its spelling to "title"/],
  "timeline-invalid-yaml": [/timeline\.yaml:7/, /the YAML cannot be read/, /Fix: check the indentation and quoting/],
  "report-unknown-key": [/report\.yaml:6/, /pagesize/, /Fix: remove "pagesize" or correct its spelling/],
  "figure-missing-image": [
    /sections\/conclusion\.mdx:8/,
    /the image \.\/images\/groups\.png does not exist/,
    /Fix: put the image beside the section/,
  ],
  "unknown-cross-reference": [
    /sections\/conclusion\.mdx:8/,
    /the cross-reference "@tbl:groups" points to no table of the report/,
    /Fix: give the table the id "tbl:groups"/,
  ],
};

describe("bad content stops the build with a clear message", () => {
  test("every fixture folder has a case and every case a fixture folder", () => {
    expect(fs.readdirSync(fixtures).sort()).toEqual(Object.keys(cases).sort());
  });

  test.for(Object.entries(cases))("%s", { timeout: 120_000 }, async ([name, patterns]) => {
    const content = contentWithOverlay(path.join(fixtures, name));
    const before = folderDigest(content);
    const result = await buildSite(content);
    expect(result.exitCode, result.output).not.toBe(0);
    for (const pattern of patterns) expect(result.output).toMatch(pattern);
    // The build reads content; it never rewrites it.
    expect(folderDigest(content)).toBe(before);
    fs.rmSync(content, { recursive: true, force: true });
    fs.rmSync(result.outDir, { recursive: true, force: true });
  });
});
