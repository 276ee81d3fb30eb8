import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { createCachedCitationEngine, flushCitationCaches } from "../../../src/lib/citations/cached-citation-engine.ts";
import { type CitationEngine, createCitationEngine } from "../../../src/lib/citations/citation-engine.ts";
import type { CslItem } from "../../../src/lib/citations/citation-js.ts";
import type { Citation } from "../../../src/lib/citations/parse-citations.ts";
import { readBibtex } from "../../../src/lib/citations/read-bibtex.ts";
import { BIBLATEX_EXAMPLES } from "./citation-forms-fixture.ts";

// Real entries: TeX Live's biblatex examples, with one author's several works of a year (Knuth).
const items = readBibtex("examples.bib", fs.readFileSync(BIBLATEX_EXAMPLES, "utf8")).items.filter(
  (item) => (item.author?.length ?? 0) > 0 && item.issued !== undefined,
);
const keys = items.map((item) => item.id);
const folders: string[] = [];
const freshFolder = () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "citation-cache-"));
  folders.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

type Cite = Pick<Citation, "kind" | "items">;

const citation: fc.Arbitrary<Cite> = fc.record({
  kind: fc.constantFrom("parenthetical" as const, "narrative" as const),
  items: fc.array(
    fc.record(
      {
        key: fc.constantFrom(...keys),
        locator: fc.constantFrom("12", "3-4", "iv"),
        prefix: fc.constantFrom("see", "e.g.,"),
        suppressAuthor: fc.constant(true),
      },
      { requiredKeys: ["key"] },
    ),
    { minLength: 1, maxLength: 4 },
  ),
});

/** What a build asks of the engine: citations, then the reference list, then citations again. */
interface Session {
  before: Cite[];
  listed: string[];
  after: Cite[];
}

const session: fc.Arbitrary<Session> = fc.record({
  before: fc.array(citation, { maxLength: 6 }),
  listed: fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: 25 }),
  after: fc.array(citation, { maxLength: 12 }),
});

/** Everything the engine printed in one session, in order. */
function run(engine: CitationEngine, { before, listed, after }: Session): unknown[] {
  // Every work cited after the list is made is listed, as a report lists every work it cites.
  const list = [...new Set([...listed, ...after.flatMap((cite) => cite.items.map((item) => item.key))])];
  return [
    ...before.map((cite) => engine.formatCitation(cite)),
    engine.formatBibliography(list),
    ...after.map((cite) => engine.formatCitation(cite)),
  ];
}

describe("a content-keyed citation cache", () => {
  test("prints what an engine without a cache prints, cold and warm, in a folder shared by every run", () => {
    const shared = freshFolder();
    fc.assert(
      fc.property(session, (asked) => {
        const expected = run(createCitationEngine(items), asked);
        const cold = createCachedCitationEngine(items, { cacheDir: shared });
        expect(run(cold, asked)).toEqual(expected);
        flushCitationCaches();
        const warm = createCachedCitationEngine(items, { cacheDir: shared });
        expect(run(warm, asked)).toEqual(expected);
        // The warm run formatted nothing: no citeproc engine was even made.
        expect(warm.stats).toEqual({
          hits: asked.before.length + 1 + asked.after.length,
          misses: 0,
          engineCreated: false,
        });
      }),
      { numRuns: 4 },
    );
  }, 120_000);

  test("two bibliographies with the same keys and other data never get each other's output", () => {
    const shared = freshFolder();
    const [first] = items;
    if (!first) throw new Error("no entries");
    // The same key and entry, another year and title: a copy of a report whose bibliography was edited.
    const edited: CslItem[] = items.map((item) =>
      item.id === first.id ? { ...item, title: "A title edited", issued: { "date-parts": [[1901]] } } : item,
    );
    const asked: Session = {
      before: [{ kind: "narrative", items: [{ key: first.id }] }],
      listed: keys.slice(0, 10),
      after: [{ kind: "parenthetical", items: [{ key: first.id, locator: "12" }] }],
    };
    const original = run(createCachedCitationEngine(items, { cacheDir: shared }), asked);
    flushCitationCaches();
    const other = run(createCachedCitationEngine(edited, { cacheDir: shared }), asked);
    expect(other).toEqual(run(createCitationEngine(edited), asked));
    expect(other).not.toEqual(original);
    expect(JSON.stringify(other)).toContain("1901");
  }, 60_000);

  test("another style or locale is another key; the cache holds no path", () => {
    const shared = freshFolder();
    const asked: Session = { before: [], listed: keys.slice(0, 5), after: [] };
    run(createCachedCitationEngine(items, { cacheDir: shared }), asked);
    flushCitationCaches();
    const files = fs.readdirSync(shared);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(fs.readFileSync(path.join(shared, file), "utf8")).not.toContain(os.tmpdir());
    const warm = createCachedCitationEngine(items, { cacheDir: shared, locale: "en-GB" });
    run(warm, asked);
    expect(warm.stats.misses).toBe(1);
  }, 60_000);

  test("a cache file cut short is read as empty", () => {
    const shared = freshFolder();
    const asked: Session = {
      before: [{ kind: "parenthetical", items: [{ key: keys[0] ?? "" }] }],
      listed: [],
      after: [],
    };
    run(createCachedCitationEngine(items, { cacheDir: shared }), { ...asked, listed: keys.slice(0, 2) });
    flushCitationCaches();
    for (const file of fs.readdirSync(shared)) fs.writeFileSync(path.join(shared, file), '{"citations": {"');
    const again = createCachedCitationEngine(items, { cacheDir: shared });
    expect(run(again, { ...asked, listed: keys.slice(0, 2) })).toEqual(
      run(createCitationEngine(items), { ...asked, listed: keys.slice(0, 2) }),
    );
  }, 60_000);
});
