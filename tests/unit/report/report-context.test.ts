import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { loadReportContext } from "../../../src/lib/report/report-context.ts";

const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "report-context-"));
fs.cpSync(path.resolve(import.meta.dirname, "../../../content"), contentDir, { recursive: true });
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));

test("a section saved a moment ago is analysed anew before it renders, not a second later", () => {
  const first = loadReportContext(contentDir);
  const [slug, analysis] = [...first.analyses][0] ?? [];
  const section = first.sections.find((candidate) => candidate.slug === slug);
  if (!slug || !analysis || !section?.file) throw new Error("the report has no section");
  const paragraphs = analysis.paragraphs.length;

  fs.appendFileSync(section.file, "\n\nA paragraph added while the dev server runs.\n");
  const later = new Date(Date.now() + 5_000);
  fs.utimesSync(section.file, later, later);

  // Within the second the context trusts its check of the folder, the file being rendered is seen.
  const rendering = loadReportContext(contentDir, section.file);
  expect(rendering.analyses.get(slug)?.paragraphs.length).toBe(paragraphs + 1);
  expect(loadReportContext(contentDir)).toBe(rendering);
});

test("an unchanged file reuses the context", () => {
  const context = loadReportContext(contentDir);
  const file = context.sections[0]?.file;
  expect(loadReportContext(contentDir, file)).toBe(context);
});
