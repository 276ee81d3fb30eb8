import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readContentMemo } from "../../../src/lib/build/content-memo.ts";
import { citationCodeHash } from "../../../src/lib/citations/citation-code-hash.ts";
import {
  type CitationFormats,
  citationFormats,
  reportCslItem,
  sectionCslItem,
} from "../../../src/lib/citations/cite-this.ts";
import { EXPORT_FORMATS } from "../../../src/lib/citations/export-formats.ts";
import { keptCitationFormats, keptExportFile } from "../../../src/lib/citations/kept-citation-formats.ts";

const words = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' -]{0,20}$/);
const reportInput = fc.record({
  title: words,
  authors: fc.array(fc.record({ family: words, given: fc.option(words, { nil: undefined }) }), { maxLength: 3 }),
  published: fc.date({ min: new Date("1990-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }),
  language: fc.constantFrom("en", "de"),
  keywords: fc.array(words, { maxLength: 2 }),
  url: fc.option(fc.constantFrom("https://example.edu/r/", "https://example.org/report/"), { nil: undefined }),
});
const sectionInput = fc.record({
  title: words,
  slug: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
  url: fc.option(fc.constant("https://example.edu/r/sections/x/"), { nil: undefined }),
});

describe("the kept formats of a 'Cite this' box", () => {
  const code = citationCodeHash();

  test("the code hash covers the citation sources and the lockfile", () => {
    expect(code).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a cold and a warm build give exactly what citation-js gives, and a changed work changes the box", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cite-this-kept-"));
    fc.assert(
      fc.property(reportInput, sectionInput, sectionInput, (report, section, edited) => {
        const item = sectionCslItem(reportCslItem(report), section);
        const expected = citationFormats(item);
        const cold = readContentMemo<CitationFormats>(folder, code);
        expect(keptCitationFormats(item, cold)).toEqual(expected);
        cold.save();
        const warm = readContentMemo<CitationFormats>(folder, code);
        expect(keptCitationFormats(item, warm)).toEqual(expected);
        expect(warm.stats.hits).toBe(1);
        // An author's edit of the section's title (or its URL or slug) is formatted anew.
        const changed = sectionCslItem(reportCslItem(report), edited);
        const changedFormats = keptCitationFormats(changed, warm);
        expect(changedFormats).toEqual(citationFormats(changed));
        if (JSON.stringify(changed) !== JSON.stringify(item)) {
          expect(changedFormats.files["csl-json"]).not.toBe(expected.files["csl-json"]);
        }
      }),
      { numRuns: 25 },
    );
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test("a bibliography's export files, cold and warm, are citation-js's, and an edited entry changes them", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "exports-kept-"));
    fc.assert(
      fc.property(fc.array(reportInput, { minLength: 1, maxLength: 4 }), fc.nat(), words, (reports, at, title) => {
        const items = reports.map((report, index) => ({ ...reportCslItem(report), id: `w${index}` }));
        const edited = items.map((item, index) => (index === at % items.length ? { ...item, title } : item));
        for (const format of EXPORT_FORMATS) {
          const cold = readContentMemo<string>(folder, code);
          expect(keptExportFile(format, items, cold)).toBe(format.render(items));
          cold.save();
          const warm = readContentMemo<string>(folder, code);
          expect(keptExportFile(format, items, warm)).toBe(format.render(items));
          expect(warm.stats.hits).toBe(1);
          expect(keptExportFile(format, edited, warm)).toBe(format.render(edited));
        }
      }),
      { numRuns: 15 },
    );
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
