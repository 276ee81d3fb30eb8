import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readContentMemo } from "../../../src/lib/build/content-memo.ts";
import { loadBibliography, readEntriesKept } from "../../../src/lib/citations/load-bibliography.ts";
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

describe("bibliographies kept between builds", () => {
  const bibliographies = fs
    .readdirSync(fixtures, { recursive: true, encoding: "utf8" })
    .filter((name) => /(^|\/)references\.(bib|json)$/.test(name) && !name.startsWith("bad-content/"))
    .map((name) => path.join(fixtures, name));
  /** A reading as plain data, to compare byte for byte. */
  const asData = (reading: ReturnType<typeof readEntriesKept>) => JSON.stringify([reading.items, [...reading.lines]]);
  const uncached = () => readContentMemo<never>(undefined, null);

  test("a cold, a warm and a moved copy's reading are the uncached reading, byte for byte", () => {
    expect(bibliographies.length).toBeGreaterThan(8);
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "kept-bibliographies-"));
    for (const file of bibliographies) {
      let source: string;
      try {
        source = fs.readFileSync(file, "utf8");
        readEntriesKept(file, source, uncached());
      } catch {
        continue; // A fixture whose bibliography is meant to fail (its own tests say how).
      }
      const expected = asData(readEntriesKept(file, source, uncached()));
      const cold = readContentMemo<never>(cache, "code");
      expect(asData(readEntriesKept(file, source, cold))).toBe(expected);
      cold.save();
      const copy = path.join(contentFolder({ [path.basename(file)]: source }), path.basename(file));
      const warm = readContentMemo<never>(cache, "code");
      expect(asData(readEntriesKept(copy, source, warm))).toBe(expected);
      expect(warm.stats).toEqual({ hits: 1, misses: 0 });
    }
  });

  test("an edited entry is read anew, and a file with a problem is never kept", () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "kept-bibliographies-"));
    const file = path.join(contentFolder({ "references.bib": validBib }), "references.bib");
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,30}$/), (title) => {
        const edited = validBib.replace(/title\s*=\s*\{[^}]*\}/, `title = {${title}}`);
        const memo = readContentMemo<never>(cache, "code");
        expect(asData(readEntriesKept(file, edited, memo))).toBe(asData(readEntriesKept(file, edited, uncached())));
        memo.save();
      }),
      { numRuns: 30 },
    );
    const broken = "@article{a,\n  title = {Open\n";
    const memo = readContentMemo<never>(cache, "code");
    expect(() => readEntriesKept(file, broken, memo)).toThrow(ContentError);
    expect(() => readEntriesKept(file, broken, memo)).toThrow(ContentError);
    expect(memo.stats.hits).toBe(0);
  });
});
