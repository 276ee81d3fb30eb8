import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadBibliography } from "../../../src/lib/citations/load-bibliography.ts";
import { ContentError } from "../../../src/lib/content/content-error.ts";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures");

/** A content folder holding the given files. */
function contentFolder(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "bibliography-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
  return folder;
}

function problemOf(run: () => unknown): ContentError["problem"] {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error.problem;
    throw error;
  }
  throw new Error("expected a ContentError");
}

const validBib = fs.readFileSync(path.join(fixtures, "bibliography/valid.bib"), "utf8");

describe("loadBibliography", () => {
  test("reads BibTeX into CSL-JSON with the line of every key", () => {
    const bibliography = loadBibliography(contentFolder({ "references.bib": validBib }));
    expect(bibliography.items.map((item) => item.id)).toEqual([
      "borkman2020",
      "christiansen2021",
      "li2020",
      "smith2019",
    ]);
    expect(bibliography.lines.get("christiansen2021")).toBe(11);
    expect(bibliography.items[1]?.author?.at(-1)).toEqual({ family: "Hübner", given: "J." });
    expect(bibliography.items[0]).not.toHaveProperty("_graph");
  });

  test("reads CSL-JSON as well", () => {
    const json = JSON.stringify([{ id: "a2020", type: "book", title: "A book", issued: { "date-parts": [[2020]] } }]);
    expect(loadBibliography(contentFolder({ "references.json": json })).items[0]?.title).toBe("A book");
  });

  test("a report without a bibliography has none", () => {
    expect(loadBibliography(contentFolder({})).items).toEqual([]);
  });

  test("malformed BibTeX names the line", () => {
    const problem = problemOf(() =>
      loadBibliography(contentFolder({ "references.bib": "@article{a,\n  title = {Open\n" })),
    );
    expect(problem.line).toBe(3);
    expect(problem.problem).toMatch(/BibTeX cannot be read/);
  });

  test("a duplicate key names both lines", () => {
    const problem = problemOf(() =>
      loadBibliography(
        contentFolder({ "references.bib": `${validBib}\n@book{li2020,\n  title = {Again},\n  year = {2020}\n}\n` }),
      ),
    );
    expect(problem.line).toBe(36);
    expect(problem.problem).toBe('the citation key "li2020" is used twice (first on line 21).');
  });

  test("a duplicate id in CSL-JSON", () => {
    const json = fs.readFileSync(path.join(fixtures, "bibliography/references.json"), "utf8");
    expect(problemOf(() => loadBibliography(contentFolder({ "references.json": json }))).problem).toMatch(
      /"borkman2020" is used twice/,
    );
  });

  test("an entry with neither author nor title", () => {
    const problem = problemOf(() =>
      loadBibliography(contentFolder({ "references.bib": "@misc{x2020,\n  year = {2020}\n}\n" })),
    );
    expect(problem).toMatchObject({
      line: 1,
      problem: expect.stringMatching(/"x2020" has neither an author nor a title/),
    });
  });

  test("a url without a scheme is refused with the entry's line, never linked", () => {
    const bib = `@online{site,\n  author = {Doe, Jane},\n  title = {A page},\n  url = {www.example.org/page},\n  year = {2020}\n}\n`;
    const problem = problemOf(() => loadBibliography(contentFolder({ "references.bib": bib })));
    expect(problem.line).toBe(1);
    expect(problem.problem).toContain('"www.example.org/page"');
    expect(problem.fix).toContain("https://www.example.org/page");
    const json = JSON.stringify([{ id: "page", type: "webpage", title: "A page", URL: "javascript:alert(1)" }]);
    expect(problemOf(() => loadBibliography(contentFolder({ "references.json": json }))).problem).toContain(
      "javascript:alert(1)",
    );
  });

  test("two bibliographies at once", () => {
    const problem = problemOf(() =>
      loadBibliography(contentFolder({ "references.bib": validBib, "references.json": "[]" })),
    );
    expect(problem.problem).toMatch(/two bibliographies/);
  });

  test("markup in the data stays text", () => {
    const script = fs.readFileSync(path.join(fixtures, "bibliography/script.bib"), "utf8");
    const [item] = loadBibliography(contentFolder({ "references.bib": script })).items;
    expect(item?.title).toBe('<script>alert("title")</script> and <img src=x onerror=alert(1)>');
  });
});
