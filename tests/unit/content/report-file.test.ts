import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { loadReportMetadata } from "../../../src/lib/content/report-file.ts";

function folderWith(yaml: string | undefined): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "report-yaml-"));
  if (yaml !== undefined) fs.writeFileSync(path.join(folder, "report.yaml"), yaml);
  return folder;
}

function problemOf(folder: string) {
  try {
    loadReportMetadata(folder);
  } catch (error) {
    if (error instanceof ContentError) return error.problem;
    throw error;
  }
  throw new Error("expected a ContentError");
}

test("the real report's metadata is valid and names no invented author", () => {
  const report = loadReportMetadata(path.resolve(import.meta.dirname, "../../../content"));
  expect(report.title).toBe("Self-Help Group Report");
  expect(report.authors).toEqual([]);
});

test("a missing file says what to create", () => {
  expect(problemOf(folderWith(undefined)).fix).toMatch(/create report\.yaml/);
});

test("broken YAML names its line", () => {
  expect(problemOf(folderWith("title: A\nsummary: [unclosed\nlanguage: en\n")).line).toBeGreaterThanOrEqual(2);
});

test("an unknown key names its line and lists the known fields", () => {
  const problem = problemOf(folderWith("title: A\npublished: 2026-01-01\nlanguage: en\nsummary: S\nauthor: Someone\n"));
  expect(problem).toMatchObject({ line: 5, problem: expect.stringContaining("author") });
  expect(problem.fix).toMatch(/known fields: title, shortTitle, authors/);
});

test("a wrong value names its field and line", () => {
  const problem = problemOf(folderWith("title: A\npublished: 2026-01-01\nlanguage: en\nsummary: S\npageSize: A5\n"));
  expect(problem.line).toBe(5);
  expect(problem.problem).toMatch(/^pageSize: /);
});

function metadataError(authorsYaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "authors-"));
  fs.writeFileSync(
    path.join(dir, "report.yaml"),
    `title: T\npublished: 2026-01-01\nlanguage: en\nsummary: S\n${authorsYaml}`,
  );
  try {
    loadReportMetadata(dir);
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("authors in report.yaml", () => {
  test("a missing family name names the author and shows the expected shape with an example", () => {
    const message = metadataError("authors:\n  - given: Ada\n");
    expect(message).toMatch(/report\.yaml:6: authors\[0\]\.family is missing\./);
    expect(message).toContain("- given: Ada\n      family: Lovelace");
    expect(message).not.toMatch(/as the message says|received undefined/);
  });

  test("a single 'name' field is reported as the unknown field it is, with the shape", () => {
    const message = metadataError("authors:\n  - name: Ada Lovelace\n");
    expect(message).toMatch(/authors\[0\]: unknown field "name"/);
    expect(message).toContain("family: Lovelace");
  });

  test("a mistyped ORCID iD says so", () => {
    expect(metadataError("authors:\n  - family: Lovelace\n    orcid: 0000-0002-1825-0098\n")).toMatch(
      /authors\[0\]\.orcid: .*check digit/,
    );
  });
});
