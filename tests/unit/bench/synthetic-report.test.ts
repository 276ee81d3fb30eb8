import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseFrontmatter } from "@astrojs/markdown-remark";
import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import {
  generateSyntheticReport,
  SCALE_SIZES,
  spread,
  writeSyntheticReport,
} from "../../../scripts/bench/synthetic-report.ts";
import { createCitationEngine } from "../../../src/lib/citations/citation-engine.ts";
import { loadBibliography } from "../../../src/lib/citations/load-bibliography.ts";
import { parseCitations } from "../../../src/lib/citations/parse-citations.ts";
import { loadReportMetadata } from "../../../src/lib/content/report-file.ts";
import { sectionSchema } from "../../../src/lib/content/schemas/section.ts";
import { readSectionFiles } from "../../../src/lib/content/section-sources.ts";
import { timelineSchema } from "../../../src/lib/timeline/schema.ts";

const size = { sections: 20, references: 100, citations: 200 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-synthetic-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function written(withCitations: boolean): string {
  const dir = path.join(tmp, withCitations ? "with" : "without");
  writeSyntheticReport(dir, { ...size, withCitations });
  return dir;
}

describe("synthetic report with citations", () => {
  const dir = written(true);
  const sections = readSectionFiles(dir);
  const citations = sections.flatMap((section) => parseCitations(section.body));
  const citedKeys = citations.flatMap((citation) => citation.items.map((item) => item.key));

  test("has the requested sections, in order, each accepted by the section schema", () => {
    expect(sections).toHaveLength(20);
    expect(sections.map((section) => section.order)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const section of sections) {
      const { frontmatter } = parseFrontmatter(fs.readFileSync(section.file, "utf8"));
      expect(sectionSchema.safeParse(frontmatter).success).toBe(true);
    }
  });

  test("has report.yaml the report schema accepts", () => {
    expect(loadReportMetadata(dir).title).toContain("20 sections");
  });

  test("has exactly the requested references and cited works, every key in the bibliography", () => {
    const bibliography = loadBibliography(dir);
    expect(bibliography.items).toHaveLength(100);
    expect(citedKeys).toHaveLength(200);
    const known = new Set(bibliography.items.map((item) => item.id));
    expect(citedKeys.filter((key) => !known.has(key))).toEqual([]);
    // Every work is cited, so the references page lists the whole bibliography.
    expect(new Set(citedKeys).size).toBe(100);
  });

  test("uses every Pandoc form the report uses, and the citation engine formats them all", () => {
    expect(citations.some((citation) => citation.kind === "narrative")).toBe(true);
    expect(citations.some((citation) => citation.items.length === 2)).toBe(true);
    expect(citations.some((citation) => citation.items[0]?.locator !== undefined)).toBe(true);
    expect(citations.some((citation) => citation.items[0]?.suppressAuthor)).toBe(true);
    const engine = createCitationEngine(loadBibliography(dir).items);
    for (const citation of citations) expect(engine.formatCitation(citation).text).toMatch(/\d{4}/);
  });

  test("writes a timeline the timeline schema accepts, about a section that exists", () => {
    const parsed = timelineSchema.safeParse(parse(fs.readFileSync(path.join(dir, "timeline.yaml"), "utf8")));
    if (!parsed.success) throw parsed.error;
    const events = parsed.data;
    expect(events.length).toBeGreaterThan(0);
    const slugs = new Set(sections.map((section) => section.slug));
    for (const event of events) expect(slugs.has(event.section)).toBe(true);
  });
});

describe("synthetic report without citations", () => {
  const withDir = path.join(tmp, "with");
  const dir = written(false);

  test("has the same sections with no citation and no bibliography", () => {
    const sections = readSectionFiles(dir);
    expect(sections).toHaveLength(20);
    expect(sections.flatMap((section) => parseCitations(section.body))).toEqual([]);
    expect(fs.existsSync(path.join(dir, "references.bib"))).toBe(false);
  });

  test("keeps the text of the cited version once its markers are taken out", () => {
    const strip = (text: string) =>
      text
        .replace(/ \[[^\]]*@[^\]]*\]| as @\S+ notes/g, "")
        .replace(/\s+/g, " ")
        .trim();
    const withText = readSectionFiles(withDir).map((section) => strip(section.body));
    const withoutText = readSectionFiles(dir).map((section) => section.body.replace(/\s+/g, " ").trim());
    expect(withoutText).toEqual(withText);
  });
});

test("the scale sizes are the issue's, and the largest writes 400 sections and 4,000 entries", () => {
  expect(SCALE_SIZES).toEqual([
    { sections: 20, references: 100, citations: 200 },
    { sections: 100, references: 1000, citations: 2000 },
    { sections: 400, references: 4000, citations: 8000 },
  ]);
  const files = generateSyntheticReport({ ...(SCALE_SIZES[2] as (typeof SCALE_SIZES)[number]), withCitations: true });
  expect(files.filter((file) => file.path.startsWith("sections/"))).toHaveLength(400);
  const bib = files.find((file) => file.path === "references.bib")?.text ?? "";
  expect(bib.match(/^@article\{/gm)).toHaveLength(4000);
});

test("spread shares a total out evenly over slots", () => {
  expect(spread(10, 4)).toEqual([2, 3, 2, 3]);
  expect(spread(3, 5).reduce((a, b) => a + b, 0)).toBe(3);
  expect(Math.max(...spread(8000, 400)) - Math.min(...spread(8000, 400))).toBe(0);
});
