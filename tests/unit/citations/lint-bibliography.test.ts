import { describe, expect, test } from "vitest";
import { lintBibliography, misspeltField, rawEntries } from "../../../src/lib/citations/lint-bibliography.ts";

const lint = (source: string) =>
  lintBibliography("references.bib", source).map(({ line, problem }) => `${line}: ${problem}`);

describe("the bibliography lint names data APA will print oddly, with its line and fix", () => {
  test("a title braced whole cannot be sentence-cased", () => {
    const warnings = lintBibliography(
      "references.bib",
      "@article{a,\n  title = {{Deep Learning for Everyone}},\n  year = 2020\n}\n",
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        line: 2,
        problem: expect.stringContaining("braced whole"),
        fix: expect.stringContaining("{NASA}"),
      }),
    ]);
  });

  test("a title braced word by word, or an acronym braced whole, is fine", () => {
    expect(
      lint("@article{a,\n  title = {{NASA}},\n}\n@article{b,\n  title = {Using {Python} at {NASA}},\n}\n"),
    ).toEqual([]);
  });

  test("a doi: prefix or a DOI URL in the doi field", () => {
    expect(lint("@article{a,\n  doi = {doi:10.1/x},\n}\n@article{b,\n  doi = {https://doi.org/10.1/y}\n}\n")).toEqual([
      '2: the doi of "a" starts with "doi:"; the field holds the DOI alone.',
      '5: the doi of "b" starts with "https://doi.org/"; the field holds the DOI alone.',
    ]);
  });

  test("a backslash in a url", () => {
    expect(lint("@misc{a,\n  url = {https://x.org/a\\_b}\n}\n")).toEqual([
      '2: the url of "a" holds a backslash (\\_), a TeX escape that does not belong in an address.',
    ]);
  });

  test("an unknown entry type and a misspelt field", () => {
    expect(lint("@artcle{a,\n  title = {T},\n  jounal = {J},\n  adsurl = {https://ads}\n}\n")).toEqual([
      '1: the entry "a" has the type @artcle, which neither BibTeX nor biblatex knows; it is printed as @misc.',
      '3: the field "jounal" of "a" is not a BibTeX or biblatex field, so it is ignored.',
    ]);
    expect(misspeltField("adsurl")).toBeUndefined();
    expect(misspeltField("adress")).toBe("address");
  });

  test("a name with too many comma parts (a list joined by commas)", () => {
    expect(lint("@article{a,\n  author = {Liu, Zhenfeng, Hu, Sarah K, Caron, David}\n}\n")).toEqual([
      '2: the name "Liu, Zhenfeng, Hu, Sarah K, Caron, David" in the author of "a" has 5 commas; BibTeX reads at most two ("Family, Jr., Given"), so the reference list would print this name wrongly.',
    ]);
    // Four comma parts on the third line of a long author field: that line is named.
    expect(
      lint("@article{a,\n  author = {Roe, Richard and\n    Poe, Edgar and\n    Doe, Jr., Jane, Extra}\n}\n"),
    ).toEqual([
      '4: the name "Doe, Jr., Jane, Extra" in the author of "a" has 3 commas; BibTeX reads at most two ("Family, Jr., Given"), so the reference list would print this name wrongly.',
    ]);
  });

  test("BibLaTeX's extended name format is a name, not a list", () => {
    expect(
      lint(
        "@article{a,\n  author = {given=Jane, family=Doe, prefix=van der, useprefix=true and family=Roe, given=R.}\n}\n",
      ),
    ).toEqual([]);
  });

  test("fields are read with their lines, whatever the quoting", () => {
    const [entry] = rawEntries('@book{k,\n  title = "A {B} c",\n  year = 1999,\n  note = {x} # " y"\n}\n');
    expect(entry?.fields).toEqual([
      { name: "title", value: '"A {B} c"', line: 2 },
      { name: "year", value: "1999", line: 3 },
      { name: "note", value: '{x} # " y"', line: 4 },
    ]);
  });
});
