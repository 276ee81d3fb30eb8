import path from "node:path";
import { describe, expect, test } from "vitest";
import { createCitationEngine } from "../../../src/lib/citations/citation-engine.ts";
import { nodesHtml, nodesText } from "../../../src/lib/citations/citeproc-tree.ts";
import { loadBibliography } from "../../../src/lib/citations/load-bibliography.ts";
import { parseCitations } from "../../../src/lib/citations/parse-citations.ts";

const bibliography = loadBibliography(path.resolve(import.meta.dirname, "../../fixtures/citations"));
const engine = createCitationEngine(bibliography.items);
const format = (source: string) => {
  const [citation] = parseCitations(source);
  if (!citation) throw new Error(`no citation in ${source}`);
  return engine.formatCitation(citation);
};

describe("in-text citations in APA 7", () => {
  test.each([
    ["[@borkman2020]", "(Borkman et al., 2020)"],
    ["[@christiansen2021]", "(Christiansen et al., 2021)"],
    ["[@li2020]", "(Li et al., 2020)"],
    ["[@smith2019]", "(Smith & Jones, 2019)"],
    ["[@li2020; @borkman2020]", "(Borkman et al., 2020; Li et al., 2020)"],
    ["[see @christiansen2021, p. 135]", "(see Christiansen et al., 2021, p. 135)"],
    ["[@borkman2020, pp. 3-4]", "(Borkman et al., 2020, pp. 3–4)"],
    ["@li2020", "Li et al. (2020)"],
    ["@smith2019 [p. 7]", "Smith and Jones (2019, p. 7)"],
    ["[-@borkman2020]", "(2020)"],
  ])("%s -> %s", (source, expected) => {
    expect(format(source).text).toBe(expected);
  });

  test("each work of a multiple citation is its own part, in APA order", () => {
    const formatted = format("[@li2020; @borkman2020]");
    expect(formatted.parts.map((part) => part.key)).toEqual(["borkman2020", "li2020"]);
    expect(formatted.gaps.map(nodesText)).toEqual(["(", ";", ")"]);
    expect(formatted.gaps.map(nodesHtml)).toEqual(["(", "; ", ")"]);
  });
});

describe("reference list entries in APA 7", () => {
  const entries = new Map(
    engine
      .formatBibliography(["li2020", "christiansen2021", "borkman2020", "smith2019"])
      .map((entry) => [entry.key, entry]),
  );

  test("sorted alphabetically by first author", () => {
    expect([...entries.keys()]).toEqual(["borkman2020", "christiansen2021", "li2020", "smith2019"]);
  });

  test("Borkman et al. (2020), as the manuscript gives it", () => {
    expect(entries.get("borkman2020")?.text).toBe(
      "Borkman, T., Munn-Giddings, C., & Boyce, M. (2020). Self-help/mutual aid groups and peer support: A literature review. Voluntaristics Review, 5(2–3), 1–219.",
    );
    expect(nodesHtml(entries.get("borkman2020")?.nodes ?? [])).toContain("<i>Voluntaristics Review</i>, <i>5</i>(2–3)");
  });

  test("Christiansen et al. (2021): volume spaced from the journal, no period after the question mark", () => {
    expect(entries.get("christiansen2021")?.text).toBe(
      "Christiansen, N., Walter, S., Zomorodbakhsch, B., Sartakhti, E. A., & Hübner, J. (2021). Assessment of self-efficacy as a way to help identify cancer patients who might benefit from self-help group attendance? Cancer Investigation, 39(2), 133–143.",
    );
  });

  test("Li et al. (2020): no volume, pages or DOI invented", () => {
    expect(entries.get("li2020")?.text).toBe(
      "Li, X., Kivlighan, D. M., Paquin, J. D., & Gold, P. B. (2020). What was that session like? An empirically-derived typology of group therapy sessions. Group Dynamics: Theory, Research, and Practice.",
    );
  });

  test("DOIs become https links", () => {
    expect(nodesHtml(entries.get("smith2019")?.nodes ?? [])).toMatch(
      /<a href="https:\/\/doi\.org\/10\.1234\/test\.5678">/,
    );
  });
});

test("a citation's text is its tree's text: data's &, < and quotes stay characters, never markup", () => {
  const odd = createCitationEngine([
    {
      id: "odd",
      type: "book",
      title: 'A & B <b>C</b> "D" &lt;e&gt;',
      author: [{ family: "<i>Smith</i> & Co" }],
      issued: { "date-parts": [[2020]] },
    },
  ]);
  const [entry] = odd.formatBibliography(["odd"]);
  expect(nodesText(entry?.nodes ?? [])).toBe(entry?.text);
  expect(entry?.text).toContain("&lt;e&gt;");
  const cited = odd.formatCitation({ kind: "narrative", items: [{ key: "odd" }] });
  expect(nodesText(cited.nodes)).toBe(cited.text);
});

describe("disambiguation across the listed works (APA 7 §8.19-8.20)", () => {
  const work = (id: string, given: string, year: number, title: string) => ({
    id,
    type: "article-journal",
    title,
    author: [{ family: "Smith", given }],
    issued: { "date-parts": [[year]] },
    "container-title": "Journal",
  });
  const smiths = createCitationEngine([
    work("a", "J.", 2020, "First"),
    work("b", "J.", 2020, "Second"),
    work("c", "A.", 2019, "Third"),
  ]);
  const listed = smiths.formatBibliography(["a", "b", "c"]);
  const cite = (key: string, kind: "parenthetical" | "narrative" = "parenthetical") =>
    smiths.formatCitation({ kind, items: [{ key }] }).text;

  test("same author and year get year suffixes in the list", () => {
    expect(listed.map((entry) => entry.text)).toEqual([
      "Smith, A. (2019). Third. Journal.",
      "Smith, J. (2020a). First. Journal.",
      "Smith, J. (2020b). Second. Journal.",
    ]);
  });

  test("and in the text, with initials where first authors share a surname", () => {
    expect([cite("a"), cite("b"), cite("c"), cite("a", "narrative")]).toEqual([
      "(J. Smith, 2020a)",
      "(J. Smith, 2020b)",
      "(A. Smith, 2019)",
      "J. Smith (2020a)",
    ]);
  });

  test("but not for a first editor or translator of the same surname: only first authors count", () => {
    // Oskuii et al. in proceedings edited by Hai Zhou (JabRef's authors file), beside T. Zhou's article.
    const works = [
      { ...work("article", "Tian", 2018, "Hydropower"), author: [{ family: "Zhou", given: "Tian" }] },
      {
        ...work("paper", "Saeeid", 2007, "Filters"),
        type: "paper-conference",
        author: [{ family: "Oskuii", given: "Saeeid" }],
        editor: [{ family: "Zhou", given: "Hai" }],
      },
      {
        ...work("novel", "Monika", 2000, "Animal triste"),
        type: "book",
        author: [{ family: "Maron", given: "Monika" }],
        translator: [{ family: "Zhou", given: "Brigitte" }],
      },
    ];
    const citeArticle = (engine: ReturnType<typeof createCitationEngine>) =>
      engine.formatCitation({ kind: "parenthetical", items: [{ key: "article" }] }).text;
    const alone = createCitationEngine(works);
    alone.formatBibliography(["article", "paper", "novel"]);
    expect(citeArticle(alone)).toBe("(Zhou, 2018)");
    // Without authors a work is cited by its editors: Zhou, P. (Ed.) is a first author of the list.
    const { author: _none, ...edited } = { ...work("edited", "Pei", 2010, "Collected"), type: "book" };
    const withEdited = createCitationEngine([...works, { ...edited, editor: [{ family: "Zhou", given: "Pei" }] }]);
    withEdited.formatBibliography(["article", "paper", "novel", "edited"]);
    expect(citeArticle(withEdited)).toBe("(T. Zhou, 2018)");
  });
});

test("a name that is also a property of every object (toString, constructor) is a name like any other", () => {
  // fast-check's counterexample from the citeproc-tree property (then citeproc-html): citeproc's name register threw.
  const engine = createCitationEngine([
    {
      id: "a",
      type: "book",
      title: "A",
      author: [{ family: "toString ", given: "A" }],
      issued: { "date-parts": [[2020]] },
    },
    {
      id: "b",
      type: "book",
      title: "B",
      author: [{ family: "toString", given: "constructor" }],
      issued: { "date-parts": [[2021]] },
    },
    {
      id: "c",
      type: "book",
      title: "C",
      author: [{ family: "__proto__", given: "hasOwnProperty" }],
      issued: { "date-parts": [[2021]] },
    },
  ]);
  expect(engine.formatBibliography(["a", "b", "c"]).map((entry) => entry.text)).toHaveLength(3);
  const cited = engine.formatCitation({ kind: "parenthetical", items: [{ key: "a" }, { key: "b" }, { key: "c" }] });
  expect(cited.parts.map((part) => part.key)).toEqual(["c", "a", "b"]);
});

describe('"et al." never stands for one name (APA 7 §8.18)', () => {
  // JabRef's authors file: two papers of 2016, by three authors and by the same three and a fourth.
  const people = (families: string[]) => families.map((family) => ({ family, given: "A." }));
  const paper = (id: string, families: string[]) => ({
    id,
    type: "paper-conference",
    title: `Paper ${id}`,
    author: people(families),
    issued: { "date-parts": [[2016]] },
  });
  const engine = createCitationEngine([
    paper("four", ["Geiger", "Harrer", "Lenhard", "Wirtz"]),
    paper("three", ["Geiger", "Harrer", "Lenhard"]),
    paper("six", ["Geiger", "Harrer", "Lenhard", "Casar", "Vorndran", "Wirtz"]),
  ]);
  engine.formatBibliography(["four", "three", "six"]);
  const cite = (keys: string[], kind: "parenthetical" | "narrative" = "parenthetical") =>
    engine.formatCitation({ kind, items: keys.map((key) => ({ key })) });

  test("the names that tell works apart stop one short of the last: the last is written out", () => {
    expect(cite(["four"]).text).toBe("(Geiger, Harrer, Lenhard, & Wirtz, 2016)");
    expect(cite(["four"], "narrative").text).toBe("Geiger, Harrer, Lenhard, and Wirtz (2016)");
    expect(cite(["three"]).text).toBe("(Geiger, Harrer, & Lenhard, 2016)");
    // Two names left: "et al." stands for them.
    expect(cite(["six"]).text).toBe("(Geiger, Harrer, Lenhard, Casar, et al., 2016)");
  });

  test("and in a grouped citation, in reference-list order, each work still links to its own text", () => {
    const grouped = cite(["six", "four", "three"]);
    expect(grouped.parts.map((part) => [part.key, nodesText(part.nodes)])).toEqual([
      ["three", "Geiger, Harrer, & Lenhard, 2016"],
      ["six", "Geiger, Harrer, Lenhard, Casar, et al., 2016"],
      ["four", "Geiger, Harrer, Lenhard, & Wirtz, 2016"],
    ]);
  });
});

describe("a grouped citation links each work to its own entry (APA 7 §8.12)", () => {
  const knuth = (id: string, year: number, title: string) => ({
    id,
    type: "book",
    title,
    author: [{ family: "Knuth", given: "Donald E." }],
    issued: { "date-parts": [[year]] },
  });
  const engine = createCitationEngine([
    knuth("a", 1984, "Computers and typesetting"),
    knuth("b", 1986, "Alpha"),
    knuth("c", 1986, "Beta"),
    { ...knuth("d", 1990, "Other"), author: [{ family: "Lamport", given: "Leslie" }] },
  ]);
  engine.formatBibliography(["a", "b", "c", "d"]);

  test("one author's works are written once, and each year is its work's link text", () => {
    const formatted = engine.formatCitation({
      kind: "parenthetical",
      items: [{ key: "c" }, { key: "d" }, { key: "a" }, { key: "b" }],
    });
    expect(formatted.text).toBe("(Knuth, 1984, 1986a, 1986b; Lamport, 1990)");
    expect(formatted.parts.map((part) => [part.key, nodesText(part.nodes)])).toEqual([
      ["a", "Knuth, 1984"],
      ["b", "1986a"],
      ["c", "1986b"],
      ["d", "Lamport, 1990"],
    ]);
  });
});
