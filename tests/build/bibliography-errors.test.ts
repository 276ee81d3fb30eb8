import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { buildSite, contentWithOverlay, projectRoot } from "./build-helpers.ts";

test("every problem of the bibliography in one build, each at its real line, and no other file blamed", async () => {
  const content = contentWithOverlay(path.join(projectRoot, "tests/fixtures/bibliography-errors"));
  const result = await buildSite(content);
  fs.rmSync(content, { recursive: true, force: true });
  fs.rmSync(result.outDir, { recursive: true, force: true });
  expect(result.exitCode, result.output).not.toBe(0);
  expect(result.output).toMatch(/3 problems in the bibliography/);
  expect(result.output).toMatch(/references\.bib:15: the BibTeX cannot be read in the entry "christiansen2021"/);
  expect(result.output).toMatch(/references\.bib:22: the value GDTRP in the entry "li2020"/);
  expect(result.output).toMatch(/Fix: put the value in braces \(\{GDTRP\}\)/);
  expect(result.output).toMatch(/references\.bib:26: the entry "chapter2020" takes fields from "book2020"/);
  // Found before any page is compiled: no section is named as the "Location", and no stack trace.
  expect(result.output).not.toMatch(/Location:|Stack trace|sections\/\w+\.mdx/);
}, 180_000);
