import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseBiblatexDate } from "../../../src/lib/citations/biblatex-to-csl.ts";
import { createCitationEngine } from "../../../src/lib/citations/citation-engine.ts";
import { readBibtex } from "../../../src/lib/citations/read-bibtex.ts";

function itemsOf(source: string) {
  const reading = readBibtex("refs.bib", source);
  expect(reading.problems).toEqual([]);
  return new Map(reading.items.map((item) => [item.id, item]));
}

function reference(source: string, key: string): string {
  const reading = readBibtex("refs.bib", source);
  const [entry] = createCitationEngine(reading.items).formatBibliography([key]);
  return entry?.text ?? "";
}

describe("reading BibLaTeX as tools export it", () => {
  test("LaTeX accents and commands become Unicode; formatting-only commands go", () => {
    const items = itemsOf(
      String.raw`@article{a, author = {H{\"u}bner, J. and Aks{\i}n, {\"O}zge}, title = {On \enquote*{Quoted} {NASA} Words and \TeX\ in methodology\hyphen independent \emph{Work}}, journaltitle = {J}, date = {2020}}`,
    );
    const item = items.get("a");
    expect(item?.author).toEqual([
      { family: "Hübner", given: "J." },
      { family: "Aksın", given: "Özge" },
    ]);
    expect(item?.title).toContain("NASA");
    expect(item?.title).toContain("TeX");
    expect(item?.title).toContain("methodology-independent");
    expect(item?.title).not.toMatch(/\\|\*/);
  });

  test("sentence case keeps a word written with capitals inside it (FPGAs, MHz, BPEL4Chor), as Pandoc does", () => {
    // Titles from JabRef's authors file (JabRef/jabref, src/test/resources), as exported.
    const items = itemsOf(
      `@inproceedings{a, author = {Alam, S. A.}, title = {Implementation of Time-Multiplexed Sparse Periodic FIR Filters for FRM on FPGAs}, booktitle = {ISCAS 2011}, year = {2011}}
@article{b, author = {Gustafsson, O.}, title = {A 70 MHz Multiplierless FIR Hilbert Transformer}, journal = {IEICE Transactions}, year = {2008}}
@inproceedings{c, author = {Lohmann, N.}, title = {FFTs and BPEL4Chor: Analyzing Choreographies}, booktitle = {WS-FM}, year = {2007}}`,
    );
    expect(items.get("a")?.title).toBe(
      "Implementation of time-multiplexed sparse periodic FIR filters for FRM on FPGAs",
    );
    expect(items.get("b")?.title).toBe("A 70 MHz multiplierless FIR hilbert transformer");
    expect(items.get("c")?.title).toBe("FFTs and BPEL4Chor: Analyzing choreographies");
  });

  test("sentence case keeps an acronym joined by / - or . as written (GB/T, ISO/IEC, COVID-19), wherever it stands", () => {
    // Titles from the SJTU and THU thesis templates (sjtuthesis, thuthesis), as written.
    const items = itemsOf(
      `@standard{a, title = {GB/T 2659-1986 世界各国和地区名称代码}, year = {1988}}
@book{b, author = {Doe, J.}, title = {DEEP LEARNING FOR X-RAY IMAGES}, publisher = {P}, year = {2020}}`,
    );
    expect(items.get("a")?.title).toBe("GB/T 2659-1986 世界各国和地区名称代码");
    // A title all in capitals tells no acronym from a word: it is lowered whole.
    expect(items.get("b")?.title).toBe("Deep learning for x-ray images");
    const capitals = fc.stringMatching(/^[A-Z][A-Z0-9]{0,3}$/);
    const acronym = fc
      .tuple(capitals, fc.array(fc.tuple(fc.constantFrom("/", "-", "."), capitals), { minLength: 1, maxLength: 3 }))
      .map(([first, rest]) => first + rest.map(([joiner, part]) => joiner + part).join(""))
      .filter((word) => (word.match(/[A-Z]/g)?.length ?? 0) >= 2);
    fc.assert(
      fc.property(acronym, fc.constantFrom("start", "middle", "after a colon"), (word, place) => {
        const [written, printed] = {
          start: [`${word} Standard Terms`, `${word} standard terms`],
          middle: [`The Standard ${word} Terms`, `The standard ${word} terms`],
          "after a colon": [`Standard Terms: ${word} Explained`, `Standard terms: ${word} explained`],
        }[place];
        const source = `@book{a, author = {Doe, J.}, title = {${written}}, publisher = {P}, year = {2020}}`;
        expect(itemsOf(source).get("a")?.title).toBe(printed);
      }),
      { numRuns: 60 },
    );
  });

  test("the TeX logos are their words, with the space after them kept", () => {
    // Titles from the USTC and KKS32 thesis templates, as written.
    const items = itemsOf(
      String.raw`@book{a, author = {Lamport, Leslie}, title = {{\LaTeX:} {A} Document Preparation System}, publisher = {Addison-Wesley}, year = {1994}}
@book{b, author = {Mittelbach, Frank}, title = {The \LaTeX\ Companion}, publisher = {Addison-Wesley}, year = {2004}}
@book{c, author = {Knuth, Donald E.}, title = {The \TeX book}, publisher = {Addison-Wesley}, year = {1986}}`,
    );
    expect(items.get("a")?.title).toBe("LaTeX: A document preparation system");
    expect(items.get("b")?.title).toBe("The LaTeX companion");
    expect(items.get("c")?.title).toBe("The TeXbook");
  });

  test("@string abbreviations, crossref and xdata fill in fields", () => {
    const items = itemsOf(`@string{jchph = {J. Chem. Phys.}}
@xdata{pub, publisher = {Greenwood}, location = {Westport}}
@collection{book, editor = {Westfahl, Gary}, title = {Space and Beyond}, date = {2000}, xdata = {pub}}
@incollection{part, author = {Westfahl, Gary}, title = {The True Frontier}, pages = {55--65}, crossref = {book}}
@article{art, author = {Doe, J.}, title = {T}, journaltitle = jchph, date = {2006}, number = {3}}
`);
    expect(items.get("art")?.["container-title"]).toBe("J. Chem. Phys.");
    expect(items.get("art")?.["issue"]).toBe("3");
    expect(items.get("book")?.["publisher"]).toBe("Greenwood");
    const part = items.get("part");
    expect(part?.type).toBe("chapter");
    expect(part?.["container-title"]).toBe("Space and beyond");
    expect(part?.["issued"]).toEqual({ "date-parts": [[2000]] });
    expect(part?.["page"]).toBe("55-65");
    expect(items.has("pub")).toBe(false);
  });

  test("biblatex types and the fields APA uses", () => {
    const items =
      itemsOf(`@thesis{th, author = {Geer, Ingrid}, title = {Earl}, type = {phdthesis}, institution = {Uppsala Universitet}, date = {1985}}
@report{rep, author = {Chiu, W.}, title = {Model}, type = {resreport}, institution = {IBM}, number = {RC-6947}, date = {1978}}
@online{web, author = {Baez, J.}, title = {Algebra}, eprinttype = {arxiv}, eprint = {math/0307200v3}, urldate = {2024-05-01}, date = {2004-10-27}}
@book{re, author = {Kullback, S.}, title = {Information Theory}, year = 1997, origyear = 1959, edition = {2}, translator = {Doe, Jane}, langid = {english}}
@article{press, author = {Pachur, T.}, title = {T}, journaltitle = {J}, pubstate = {inpress}, doi = {https://doi.org/10.1/abc}}
`);
    expect(items.get("th")).toMatchObject({
      type: "thesis",
      genre: "Doctoral dissertation",
      publisher: "Uppsala Universitet",
    });
    expect(items.get("rep")).toMatchObject({
      type: "report",
      genre: "Research report",
      number: "RC-6947",
      publisher: "IBM",
    });
    expect(items.get("web")).toMatchObject({
      type: "webpage",
      URL: "https://arxiv.org/abs/math/0307200v3",
      accessed: { "date-parts": [[2024, 5, 1]] },
      issued: { "date-parts": [[2004, 10, 27]] },
    });
    expect(items.get("re")).toMatchObject({
      "original-date": { "date-parts": [[1959]] },
      edition: "2",
      translator: [{ family: "Doe", given: "Jane" }],
      language: "en-US",
    });
    expect(items.get("press")).toMatchObject({ status: "in press", DOI: "10.1/abc" });
  });

  test("name prefixes follow useprefix (true, as biblatex-apa sets it, unless an entry says otherwise)", () => {
    const items =
      itemsOf(`@book{off, author = {von Brandt, Ahasver}, title = {A}, date = {1958}, options = {useprefix=false}}
@book{on, author = {von Brandt, Ahasver}, title = {B}, date = {1958}}
`);
    expect(items.get("off")?.author).toEqual([{ family: "Brandt", given: "Ahasver", "dropping-particle": "von" }]);
    expect(items.get("on")?.author).toEqual([{ family: "Brandt", given: "Ahasver", "non-dropping-particle": "von" }]);
  });

  test("EDTF dates: ranges, seasons, circa and years before the common era", () => {
    expect(parseBiblatexDate("1885/1888")).toEqual({ "date-parts": [[1885], [1888]] });
    expect(parseBiblatexDate("2012-22")).toEqual({ "date-parts": [[2012]], season: 2 });
    expect(parseBiblatexDate("1950~")).toEqual({ "date-parts": [[1950]], circa: true });
    // Read through the parser, "~" arrives as LaTeX's tie (a no-break space).
    expect(
      itemsOf("@book{a, author = {Aristotle}, title = {Poetics}, origdate = {-0349~}, date = {1994}}").get("a"),
    ).toMatchObject({ "original-date": { "date-parts": [[-350]], circa: true } });
    expect(parseBiblatexDate("-0349")).toEqual({ "date-parts": [[-350]] });
    expect(parseBiblatexDate("spring 2000")).toEqual({ literal: "spring 2000" });
  });
});

describe("APA 7 rules the style file leaves to the reader", () => {
  test("a season in the issue field dates the issue, (2019, Spring), and is no issue number (APA 7, 9.14)", () => {
    const season = fc.constantFrom(
      ["Spring", "Spring"],
      ["summer", "Summer"],
      ["WINTER", "Winter"],
      ["Autumn", "Autumn"],
      ["fall", "Autumn"],
    );
    const entry = fc.tuple(
      season,
      fc.integer({ min: 1900, max: 2099 }),
      fc.constantFrom("number", "issue"),
      fc.boolean(),
    );
    // One engine per run, many entries in it: an engine costs a second on a loaded machine.
    fc.assert(
      fc.property(fc.array(entry, { minLength: 4, maxLength: 10 }), (entries) => {
        const source = entries
          .map(([[written], year, name, withNumber], index) => {
            const other = withNumber ? `, ${name === "issue" ? "number" : "issue"} = {3}` : "";
            return `@article{a${index}, author = {Doe${String.fromCharCode(97 + index)}, Jane}, title = {Seasons}, journal = {Quarterly Review}, year = {${year}}, volume = {12}, ${name} = {${written}}${other}, pages = {1--9}}`;
          })
          .join("\n");
        const engine = createCitationEngine(readBibtex("refs.bib", source).items);
        const texts = new Map(
          engine.formatBibliography(entries.map((_e, index) => `a${index}`)).map((e) => [e.key, e.text]),
        );
        entries.forEach(([[, printed], year, , withNumber], index) => {
          expect(texts.get(`a${index}`)).toBe(
            `Doe${String.fromCharCode(97 + index)}, J. (${year}, ${printed}). Seasons. Quarterly Review, 12${withNumber ? "(3)" : ""}, 1–9.`,
          );
        });
      }),
      { numRuns: 3 },
    );
    // Cited by the year alone (APA 7, 8.10), and a word that is no season stays the issue.
    const source =
      "@article{a, author = {Doe, Jane}, title = {Seasons}, journal = {Quarterly Review}, year = {2019}, volume = {12}, number = {Spring}}";
    const engine = createCitationEngine(readBibtex("refs.bib", source).items);
    expect(engine.formatCitation({ kind: "parenthetical", items: [{ key: "a" }] }).text).toBe("(Doe, 2019)");
    expect(reference(source.replace("Spring", "Special"), "a")).toBe(
      "Doe, J. (2019). Seasons. Quarterly Review, 12(Special).",
    );
  }, 90_000);

  test('a data set is labelled "[Data set]" (APA 7, 10.9), by its type or a type field written "Dataset"', () => {
    expect(
      reference(
        "@dataset{d, author = {Doe, Jane}, title = {Survey results}, year = {2021}, publisher = {Zenodo}}",
        "d",
      ),
    ).toBe("Doe, J. (2021). Survey results [Data set]. Zenodo.");
    expect(
      reference("@misc{d, author = {Doe, Jane}, title = {Survey results}, year = {2021}, type = {dataset}}", "d"),
    ).toBe("Doe, J. (2021). Survey results [Data set].");
  });

  test("titles of works in sentence case; {Protected} words, acronyms and journal names keep their capitals", () => {
    const text = reference(
      "@article{a, author = {Doe, J.}, title = {Structured Interviewing For {OCB}: Construct Validity in the {United States}}, journaltitle = {Journal of Applied Psychology}, date = {2020}}",
      "a",
    );
    expect(text).toBe(
      "Doe, J. (2020). Structured interviewing for OCB: Construct validity in the United States. Journal of Applied Psychology.",
    );
  });

  test("a title in another language keeps its capitals", () => {
    expect(
      reference(
        "@book{g, author = {Seibt, F.}, title = {Europa im Hoch- und Spätmittelalter}, date = {1987}, publisher = {Klett-Cotta}, langid = {german}}",
        "g",
      ),
    ).toBe("Seibt, F. (1987). Europa im Hoch- und Spätmittelalter. Klett-Cotta.");
  });

  test("an undated web page: n.d. and 'Retrieved <date>, from <URL>'", () => {
    expect(
      reference(
        "@online{w, author = {{World Health Organization}}, title = {Mental Health Atlas}, url = {https://www.who.int/atlas}, urldate = {2024-05-01}}",
        "w",
      ),
    ).toBe(
      "World Health Organization. (n.d.). Mental health atlas. Retrieved May 1, 2024, from https://www.who.int/atlas",
    );
  });

  test("a report number with a hyphen is one number, not a range", () => {
    expect(
      reference(
        "@report{r, author = {Smith, J.}, title = {Annual Report}, type = {techreport}, institution = {Institute}, number = {99-02}, date = {1999}}",
        "r",
      ),
    ).toBe("Smith, J. (1999). Annual report (Technical Report No. 99-02). Institute.");
  });

  test("a hyphen joining a volume's number to letters is the journal's; a page range citeproc cannot read gets its en dash", () => {
    // Entries from JabRef's authors file (JabRef/jabref, src/test/resources), as exported.
    const source = `@article{g, author = {Garrido, M.}, title = {CORDIC II: A New Improved CORDIC Algorithm}, journal = {IEEE Trans. on Circuits and Systems}, year = {2016}, volume = {63-II}, number = {2}, pages = {186--190}}
@article{a, author = {Alam, S. A.}, title = {Design}, journal = {VLSI Design}, year = {2014}, volume = {2014}, pages = {217495:1--217495:14}}
@article{r, author = {Roe, J.}, title = {Both}, journal = {J}, year = {2001}, volume = {1-2}, pages = {123--45}}`;
    expect(reference(source, "g")).toBe(
      "Garrido, M. (2016). CORDIC II: A new improved CORDIC algorithm. IEEE Trans. on Circuits and Systems, 63-II(2), 186–190.",
    );
    expect(reference(source, "a")).toBe("Alam, S. A. (2014). Design. VLSI Design, 2014, 217495:1–217495:14.");
    // Two volumes and a page range citeproc reads stay its ranges (APA 7, 9.28).
    expect(reference(source, "r")).toBe("Roe, J. (2001). Both. J, 1–2, 123–145.");
    const identifier = fc.tuple(
      fc.integer({ min: 1, max: 999 }),
      fc.constantFrom("II", "IV", "A", "B", "Suppl", "xi"),
      fc.integer({ min: 1, max: 99999 }),
      fc.constantFrom(":", "."),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 40 }),
    );
    // One engine per run, many entries in it: an engine costs a second on a loaded machine.
    fc.assert(
      fc.property(fc.array(identifier, { minLength: 3, maxLength: 8 }), (entries) => {
        const bib = entries
          .map(
            ([volume, part, article, joiner, first, extra], index) =>
              `@article{a${index}, author = {Doe${String.fromCharCode(97 + index)}, Jane}, title = {T}, journal = {J}, year = {2000}, volume = {${volume}-${part}}, pages = {${article}${joiner}${first}--${article}${joiner}${first + extra}}}`,
          )
          .join("\n");
        const engine = createCitationEngine(readBibtex("refs.bib", bib).items);
        const texts = engine.formatBibliography(entries.map((_entry, index) => `a${index}`)).map((entry) => entry.text);
        entries.forEach(([volume, part, article, joiner, first, extra], index) => {
          expect(texts[index]).toBe(
            `Doe${String.fromCharCode(97 + index)}, J. (2000). T. J, ${volume}-${part}, ${article}${joiner}${first}–${article}${joiner}${first + extra}.`,
          );
        });
      }),
      { numRuns: 3 },
    );
  });

  test("an original publication date, not the original publisher", () => {
    expect(
      reference(
        "@book{k, author = {Kullback, S.}, title = {Information Theory and Statistics}, year = 1997, origyear = 1959, origpublisher = {John Wiley \\& Sons}, publisher = {Dover}}",
        "k",
      ),
    ).toBe("Kullback, S. (1997). Information theory and statistics. Dover. (Original work published 1959)");
  });

  test("an editor-led collection is listed and cited by its editors", () => {
    const source =
      "@collection{c, editor = {Hinton, Perry and Jones, Ann}, title = {Studies of {APA} Style}, date = {2019}, publisher = {Routledge}}";
    expect(reference(source, "c")).toBe("Hinton, P., & Jones, A. (Eds.). (2019). Studies of APA style. Routledge.");
    const engine = createCitationEngine(readBibtex("refs.bib", source).items);
    expect(engine.formatCitation({ kind: "parenthetical", items: [{ key: "c" }] }).text).toBe("(Hinton & Jones, 2019)");
    expect(engine.formatCitation({ kind: "narrative", items: [{ key: "c" }] }).text).toBe("Hinton and Jones (2019)");
  });

  test("a group author that is also the publisher is not repeated as publisher", () => {
    expect(
      reference(
        "@book{d, author = {{American Psychiatric Association}}, title = {Diagnostic Manual}, date = {2013}, publisher = {American Psychiatric Association}}",
        "d",
      ),
    ).toBe("American Psychiatric Association. (2013). Diagnostic manual.");
  });

  test("a work cited by its title keeps the title's quotes in running text", () => {
    const engine = createCitationEngine(
      readBibtex("refs.bib", "@article{e, title = {Editorial}, journaltitle = {Nature}, date = {2002}}").items,
    );
    expect(engine.formatCitation({ kind: "narrative", items: [{ key: "e" }] }).text).toBe("“Editorial” (2002)");
  });
});

describe("APA 7 forms the Pandoc oracle showed the site getting wrong", () => {
  function cite(source: string, keys: readonly string[], key: string, kind: "parenthetical" | "narrative") {
    const engine = createCitationEngine(readBibtex("refs.bib", source).items);
    // The heading pass formats citations before the references page registers every listed work.
    engine.formatCitation({ kind, items: [{ key }] });
    engine.formatBibliography(keys);
    return engine.formatCitation({ kind, items: [{ key }] }).text;
  }

  test("sentence case lowercases every unprotected word, even in a subtitle written mostly in lowercase", () => {
    // As BibTeX, biblatex-apa and Pandoc do: only braces protect a capital.
    expect(
      reference(
        "@book{m, author = {Malinowski, Bronis{\\l}aw}, title = {Argonauts of the {Western Pacific}}, subtitle = {An account of native enterprise and adventure in the Archipelagoes of {Melanesian New Guinea}}, date = 1972, edition = 8, publisher = {Routledge}, langid = {english}}",
        "m",
      ),
    ).toBe(
      "Malinowski, B. (1972). Argonauts of the Western Pacific: An account of native enterprise and adventure in the archipelagoes of Melanesian New Guinea (8th ed.). Routledge.",
    );
  });

  test("works cited together follow the reference list; one author's works of a year are lettered by title", () => {
    const source = `@article{h1, author = {Harrer, S. and R\\"ock, C. and Wirtz, G.}, title = {Alpha}, journal = {J}, year = {2014}}
@article{h2, author = {Harrer, S. and Preissinger, J. and Wirtz, G.}, title = {Beta}, journal = {J}, year = {2014}}
@article{h3, author = {Harrer, S.}, title = {Gamma}, journal = {J}, year = {2014}}
@article{c1, author = {Carpenter, G. A. and Grossberg, S. and Rosen, D.}, title = {One}, journal = {J}, year = {1991}}
@article{c2, author = {Carpenter, G. A. and Grossberg, S. and Markuzon, N.}, title = {Two}, journal = {J}, year = {1992}}
@booklet{a1, author = {{ATLAS Collaboration}}, title = {Implementation of likelihoods}, year = {2021}, month = sep}
@article{a2, author = {{ATLAS Collaboration}}, title = {Search for new phenomena}, journal = {J}, year = {2021}}`;
    const keys = ["h1", "h2", "h3", "c1", "c2", "a1", "a2"];
    const engine = createCitationEngine(readBibtex("refs.bib", source).items);
    engine.formatBibliography(keys);
    // APA 7, 8.12: reference-list order (one author before several, then the co-authors' names); the
    // works named alike stand together with their years in order.
    expect(engine.formatCitation({ kind: "parenthetical", items: keys.map((key) => ({ key })) }).text).toBe(
      "(ATLAS Collaboration, 2021a, 2021b; Carpenter et al., 1991, 1992; Harrer, 2014; Harrer, Preissinger, & Wirtz, 2014; Harrer, Röck, & Wirtz, 2014)",
    );
    // APA 7, 9.47: the letters follow the titles, though the booklet is dated to the month.
    expect(engine.formatCitation({ kind: "parenthetical", items: [{ key: "a2" }] }).text).toBe(
      "(ATLAS Collaboration, 2021b)",
    );
  }, 60_000);

  test("works a second name tells apart keep it when others of their group need a year's letter (APA 7, 8.18, 8.19)", () => {
    // From nilearn's bibliography (nilearn/nilearn, doc/references.bib): five "Varoquaux et al., 2010",
    // two of them the same authors.
    const group = fc.uniqueArray(fc.constantFrom("Baronnet", "Sadaghiani", "Keller", "Pinel", "Fillard"), {
      minLength: 2,
      maxLength: 5,
    });
    fc.assert(
      fc.property(group, (seconds) => {
        // The two alike have fewer names, so citeproc takes them first, as in nilearn's file.
        const entries = [
          ...["Gramfort", "Gramfort"].map((second) => `${second}, A. and Thirion, B.`),
          ...seconds.map((second) => `${second}, A. and Poline, J. and Thirion, B.`),
        ].map(
          (others, index) =>
            `@article{w${index}, author = {Varoquaux, Gael and ${others}}, title = {Title ${String.fromCharCode(97 + index)}}, journal = {J}, year = {2010}}`,
        );
        const keys = entries.map((_entry, index) => `w${index}`);
        const engine = createCitationEngine(readBibtex("refs.bib", entries.join("\n")).items);
        engine.formatBibliography(keys);
        const cited = keys.map((key) => engine.formatCitation({ kind: "parenthetical", items: [{ key }] }).text);
        expect(cited).toEqual([
          "(Varoquaux, Gramfort, & Thirion, 2010a)",
          "(Varoquaux, Gramfort, & Thirion, 2010b)",
          ...seconds.map((second) => `(Varoquaux, ${second}, et al., 2010)`),
        ]);
      }),
      { numRuns: 4 },
    );
  }, 60_000);

  test("each work gets the names that tell it apart, not those a work settled before it needed (APA 7, 8.18)", () => {
    // From JabRef's authors file (JabRef/jabref, src/test/resources/testbib/jabref-authors.bib): Kopp's
    // works of 2010, two of which a third name tells apart ("Kopp, Leymann, & Wu", "Kopp, Leymann, &
    // Wutke"); the others need two, "(Kopp, Engler, et al., 2010)".
    const seconds = fc.uniqueArray(fc.constantFrom("Engler", "Eberle", "Görlach", "Martin", "Khalaf"), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(seconds, fc.boolean(), (names, thirdsFirst) => {
        const twoNames = names.map((second) => `${second}, A. and van Lessen, T. and Leymann, F. and Nitzsche, J.`);
        const threeNames = ["Wu", "Wutke"].map((third) => `Leymann, F. and ${third}, D.`);
        const others = thirdsFirst ? [...threeNames, ...twoNames] : [...twoNames, ...threeNames];
        const entries = others.map(
          (rest, index) =>
            `@article{w${index}, author = {Kopp, Oliver and ${rest}}, title = {Title ${String.fromCharCode(97 + index)}}, journal = {J}, year = {2010}}`,
        );
        const keys = entries.map((_entry, index) => `w${index}`);
        const engine = createCitationEngine(readBibtex("refs.bib", entries.join("\n")).items);
        engine.formatBibliography(keys);
        const cited = keys.map((key) => engine.formatCitation({ kind: "parenthetical", items: [{ key }] }).text);
        const expectedTwo = names.map((second) => `(Kopp, ${second}, et al., 2010)`);
        const expectedThree = ["(Kopp, Leymann, & Wu, 2010)", "(Kopp, Leymann, & Wutke, 2010)"];
        expect(cited).toEqual(thirdsFirst ? [...expectedThree, ...expectedTwo] : [...expectedTwo, ...expectedThree]);
      }),
      { numRuns: 6 },
    );
  }, 60_000);

  test('an elided particle joins its name however many particles come before it ("abbé d\'Aubignac", as Pandoc prints it)', () => {
    // From Better BibTeX's test fixture (retorquere/zotero-better-bibtex): "abbé d' Aubignac, François
    // Hédelin", the space after the apostrophe only BibTeX's word break.
    const particle = fc.constantFrom("d'", "l'", "dell'", "d’");
    const before = fc.constantFrom("", "abbé ", "de ");
    const surname = fc.constantFrom("Aubignac", "Alembert", "Orsay", "Ancona");
    fc.assert(
      fc.property(before, particle, surname, (lead, elided, family) => {
        const source = `@article{p, author = {${lead}${elided} ${family}, Jean}, title = {Title}, journal = {J}, year = {2001}, options = {useprefix=true}}`;
        expect(reference(source, "p").replace(/’/g, "'")).toBe(
          `${lead}${elided.replace(/’/g, "'")}${family}, J. (2001). Title. J.`,
        );
      }),
      { numRuns: 8 },
    );
  }, 120_000);

  test('BibTeX\'s "and others" is "et al." in the text and in the reference list (APA 7, 8.17)', () => {
    const source = `@article{a, author = {Albert, A. and others}, title = {Strange quarks}, journal = {J}, year = {2022}}
@article{b, author = {Caron, S. M. and Smith, J. and others}, title = {Protists}, journal = {J}, year = {2017}}`;
    const engine = createCitationEngine(readBibtex("refs.bib", source).items);
    expect(engine.formatBibliography(["a", "b"]).map((entry) => entry.text)).toEqual([
      "Albert, A., et al. (2022). Strange quarks. J.",
      "Caron, S. M., Smith, J., et al. (2017). Protists. J.",
    ]);
    expect(engine.formatCitation({ kind: "parenthetical", items: [{ key: "a" }] }).text).toBe("(Albert et al., 2022)");
    expect(engine.formatCitation({ kind: "narrative", items: [{ key: "a" }] }).text).toBe("Albert et al. (2022)");
  }, 60_000);

  test("a tie in initials (J.~B. Bell, as NASA ADS writes them) is a space: one author, letters by title", () => {
    const source = `@article{x, author = {{Bell}, J.~B. and {Day}, M.~S.}, title = {Adaptive simulations}, journal = {J}, year = {2004}}
@article{y, author = {J. B. Bell and M. S. Day}, title = {Direct simulations}, journal = {J}, year = {2004}}`;
    const engine = createCitationEngine(readBibtex("refs.bib", source).items);
    expect(engine.formatBibliography(["x", "y"]).map((entry) => entry.text.slice(0, 28))).toEqual([
      "Bell, J. B., & Day, M. S. (2",
      "Bell, J. B., & Day, M. S. (2",
    ]);
    expect(engine.formatCitation({ kind: "parenthetical", items: [{ key: "x" }, { key: "y" }] }).text).toBe(
      "(Bell & Day, 2004a, 2004b)",
    );
  }, 60_000);

  test("a title braced whole keeps its first word as written ({{starry: ...}}, APA's sentence case cannot lower or raise it)", () => {
    expect(
      reference(
        "@article{s, author = {Luger, R.}, title = {{starry: Analytic Occultation Light Curves}}, journal = {AJ}, year = {2019}}",
        "s",
      ),
    ).toBe("Luger, R. (2019). starry: Analytic Occultation Light Curves. AJ.");
  });

  test("first authors with one surname get initials, also beside a name that has none (APA 7, 8.20)", () => {
    const source = `@article{a, author = {A. Author}, title = {How Workout Buddies Help}, journaltitle = {The Washington Post}, date = {2019-01-15}}
@misc{b, author = {Author}, year = {2003}, title = {Other}}`;
    expect(cite(source, ["a", "b"], "a", "parenthetical")).toBe("(A. Author, 2019)");
    expect(cite(source, ["a", "b"], "a", "narrative")).toBe("A. Author (2019)");
    expect(cite(source, ["a", "b"], "b", "parenthetical")).toBe("(Author, 2003)");
    // Only works the references page lists count: alone, the name needs no initials.
    expect(cite(source, ["a"], "a", "parenthetical")).toBe("(Author, 2019)");
  });

  test("a chapter of a book by its own author names the book's editors after In", () => {
    expect(
      reference(
        '@inbook{n, author = {Nietzsche, Friedrich}, bookauthor = {Nietzsche, Friedrich}, editor = {Colli, Giorgio and Montinari, Mazzino}, title = {Zweites St{\\"u}ck}, maintitle = {S{\\"a}mtliche Werke}, volume = 1, pages = {243-334}, date = 1988, publisher = {de Gruyter}, langid = {german}}',
        "n",
      ),
    ).toBe(
      "Nietzsche, F. (1988). Zweites Stück. In G. Colli & M. Montinari (Eds.), Sämtliche Werke (Vol. 1, pp. 243–334). de Gruyter.",
    );
    // Another person's book keeps its author after In.
    expect(
      reference(
        "@inbook{f, author = {Doe, Jane}, bookauthor = {Roe, Richard}, editor = {Poe, Ed}, title = {Foreword}, booktitle = {The Book}, pages = {1-5}, date = 2000, publisher = {Press}}",
        "f",
      ),
    ).toMatch(/^Doe, J\. \(2000\)\. Foreword\. In R\. Roe, /);
  });

  test("a special issue without editors: title and label first, then the date (APA 7, 10.1 and 9.12)", () => {
    const source =
      "@periodical{j, title = {Computers and Graphics}, year = 2011, issuetitle = {Semantic {3D} Media and Content}, volume = 35, number = 4}";
    expect(reference(source, "j")).toBe(
      "Semantic 3D media and content [Special issue]. (2011). Computers and Graphics, 35(4).",
    );
    expect(cite(source, ["j"], "j", "parenthetical")).toBe("(“Semantic 3D Media and Content,” 2011)");
  });

  // The three forms of the APA Style page "Published Dissertation or Thesis References" and
  // "Unpublished Dissertation or Thesis References" (APA 7, 10.6).
  test("a thesis: [Doctoral dissertation, University], the database after; unpublished: [Unpublished ...]. University", () => {
    expect(
      reference(
        "@thesis{z, author = {Zambrano-Vazquez, L.}, title = {The interaction of state and trait worry on response monitoring in those with worry and obsessive-compulsive symptoms}, type = {phdthesis}, institution = {University of Arizona}, publisher = {UA Campus Repository}, url = {https://repository.arizona.edu/handle/10150/620615}, date = 2016}",
        "z",
      ),
    ).toBe(
      "Zambrano-Vazquez, L. (2016). The interaction of state and trait worry on response monitoring in those with worry and obsessive-compulsive symptoms [Doctoral dissertation, University of Arizona]. UA Campus Repository. https://repository.arizona.edu/handle/10150/620615",
    );
    expect(
      reference(
        "@phdthesis{h, author = {Harris, L.}, title = {Instructional leadership perceptions and practices of elementary school leaders}, type = {Unpublished doctoral dissertation}, school = {University of Virginia}, year = 2014}",
        "h",
      ),
    ).toBe(
      "Harris, L. (2014). Instructional leadership perceptions and practices of elementary school leaders [Unpublished doctoral dissertation]. University of Virginia.",
    );
    // No database and no word "unpublished": the university goes in the brackets, as biblatex-apa prints it.
    expect(
      reference(
        "@thesis{g, author = {de Geer, Ingrid}, title = {Earl, Saint, Bishop, Skald~-- and Music}, type = {phdthesis}, institution = {Uppsala Universitet}, date = 1985, langid = {english}, options = {useprefix=false}}",
        "g",
      ),
    ).toBe("Geer, I. de. (1985). Earl, saint, bishop, skald – and music [Doctoral dissertation, Uppsala Universitet].");
    expect(
      itemsOf("@thesis{t, title = {T}, type = {mathesis}, institution = {MIT}, publisher = {DSpace}, date = 1992}").get(
        "t",
      ),
    ).toMatchObject({
      genre: "Master's thesis",
      publisher: "MIT",
      archive: "DSpace",
    });
  });

  test("a reprint whose related entry (relatedtype origpubin) is the first edition gives its original date", () => {
    const source = `@book{first, author = {Kullback, Solomon}, title = {Information Theory and Statistics}, year = 1959, publisher = {Wiley}}
@book{reprint, author = {Kullback, Solomon}, title = {Information Theory and Statistics}, year = 1997, publisher = {Dover}, related = {first}, relatedtype = {origpubin}}
@book{other, author = {Doe, Jane}, title = {Other}, year = 1997, publisher = {Dover}, related = {first}, relatedtype = {reprintof}}`;
    expect(reference(source, "reprint")).toBe(
      "Kullback, S. (1997). Information theory and statistics. Dover. (Original work published 1959)",
    );
    expect(cite(source, ["reprint"], "reprint", "parenthetical")).toBe("(Kullback, 1959/1997)");
    // Other relation types print nothing APA asks for from the related entry's date.
    expect(itemsOf(source).get("other")?.["original-date"]).toBeUndefined();
  });

  test("\\enquote*{...} and \\enquote{...} are quotations: double in a title, single inside a quoted title", () => {
    // As Pandoc + apa.csl print the same entries.
    const source = String.raw`@article{s, author = {Smith, John}, title = {Why \enquote*{self-help} works}, journaltitle = {Journal of Tests}, volume = {1}, pages = {1--2}, date = {2020}}
@article{p, title = {Why \enquote*{peer} support works}, journaltitle = {Journal of Tests}, volume = {1}, pages = {1--2}, date = {2022}}
@article{q, title = {Why \mkbibquote{group \enquote{aid}} works}, journaltitle = {Journal of Tests}, date = {2023}}`;
    expect(reference(source, "s")).toBe("Smith, J. (2020). Why “self-help” works. Journal of Tests, 1, 1–2.");
    expect(reference(source, "p")).toBe("Why “peer” support works. (2022). Journal of Tests, 1, 1–2.");
    expect(cite(source, ["s", "p"], "p", "parenthetical")).toBe("(“Why ‘Peer’ Support Works,” 2022)");
    expect(itemsOf(source).get("q")?.title).toBe("Why “group “aid”” works");
  });
});

describe("bibliography problems", () => {
  test("braces nested thousands deep stop at their line before the parser (it overflowed with no line)", () => {
    for (const value of [
      `${"{a ".repeat(5000)}x${"}".repeat(5000)}`,
      `${"\\textit{".repeat(3000)}x${"}".repeat(3000)}`,
    ]) {
      const reading = readBibtex(
        "references.bib",
        `@article{ok, title = {Fine}, date = {2020}}\n\n@article{deep,\n  title = {${value}},\n}\n`,
      );
      expect(reading.problems).toEqual([
        expect.objectContaining({
          line: 4,
          problem: expect.stringMatching(/nest more than 64 levels deep/),
          fix: expect.any(String),
        }),
      ]);
    }
    expect(readBibtex("references.bib", "@misc{a, title = {\\{ \\{ \\{ {b}}, date = {2020}}").problems).toEqual([]);
  });

  test("each names the file's real line and the entry, and all come at once", () => {
    const source = [
      "@article{good, author = {Doe, J.}, title = {Fine}, date = {2020}}", // 1
      "", // 2
      "@book{broken,", // 3
      "  title = {Unbalanced} extra,", // 4
      "}", // 5
      "@book{abbrev, author = {Doe, J.}, title = {T}, publisher = unknownstring}", // 6
      "@incollection{orphan, author = {Doe, J.}, title = {T}, crossref = {missing}}", // 7
      "@book{good, title = {Again}}", // 8
    ].join("\n");
    const problems = readBibtex("refs.bib", source).problems;
    expect(problems.map((problem) => problem.line)).toEqual([8, 4, 6, 7]);
    expect(problems[0]?.problem).toBe('the citation key "good" is used twice (first on line 1).');
    expect(problems[1]?.problem).toMatch(/^the BibTeX cannot be read in the entry "broken": /);
    expect(problems[2]?.problem).toMatch(/^the value unknownstring in the entry "abbrev" is neither/);
    expect(problems[3]?.problem).toMatch(/^the entry "orphan" takes fields from "missing" \(crossref/);
    for (const problem of problems) expect(problem.fix.length).toBeGreaterThan(10);
  });

  test("an entry commented out with % is not a duplicate", () => {
    const reading = readBibtex(
      "refs.bib",
      "%@book{a, title = {Old}}\n@book{a, author = {Doe, J.}, title = {New}, date = {2000}}\n",
    );
    expect(reading.problems).toEqual([]);
    expect(reading.lines.get("a")).toBe(2);
  });
});

describe("a work in another language, as the Russian thesis template writes it", () => {
  test("its title keeps its case: no sentence case, no capital after a colon (language = {russian})", () => {
    const text = reference(
      String.raw`@book{l, author = {Лагкуева, И. В.}, title = {Особенности регулирования труда : дис. ... канд. юрид. наук : 12.00.05}, year = {2009}, language = {russian}}`,
      "l",
    );
    expect(text).toContain("Особенности регулирования труда : дис. ... канд. юрид. наук : 12.00.05");
    const proper = reference(
      String.raw`@book{f, title = {Семейный кодекс Российской Федерации : [федер. закон: принят Гос. Думой]}, publisher = {П}, year = {2001}, language = {russian}}`,
      "f",
    );
    expect(proper).toContain("Семейный кодекс Российской Федерации : [федер. закон: принят Гос. Думой]");
  });

  test("an edition written in words is printed as written; a number is an ordinal", () => {
    const words = reference(
      String.raw`@book{g, author = {Гайдаенко, Т. А.}, title = {Маркетинговое управление}, edition = {{}3-е изд, перераб. и доп.}, publisher = {Эксмо}, year = {2008}, language = {russian}}`,
      "g",
    );
    expect(words).toContain("(3-е изд, перераб. и доп.)");
    expect(
      reference(`@book{n, author = {A, B.}, title = {T}, edition = {3}, publisher = {P}, year = {2008}}`, "n"),
    ).toContain("(3rd ed.)");
  });

  test("a patent request is labelled so (biblatex's type patreq)", () => {
    const text = reference(
      String.raw`@patent{p, author = {Тернер, Э. В.}, title = {Одноразовая ракета-носитель}, type = {patreq}, number = 1095735, date = {2000-04-07}, language = {russian}}`,
      "p",
    );
    expect(text).toContain("(Patent request No. 1095735)");
  });

  test("a page range citeproc cannot read is labelled pp., as every range is", () => {
    const text = reference(
      String.raw`@inproceedings{r, author = {A, B.}, title = {T}, booktitle = {Proceedings}, editor = {C, D.}, pages = {64:1--64:7}, publisher = {ACM}, year = {2015}}`,
      "r",
    );
    expect(text).toContain("(pp. 64:1–64:7)");
  });
});
