import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { doiOf, urlOf, withoutTexEscapes, workAddress } from "../../../src/lib/citations/work-address.ts";

// A DOI as the DOI Handbook defines it: "10." a registrant code, "/", then any printable suffix.
const suffix = fc.stringMatching(/^[A-Za-z0-9._;()/:-]{1,30}$/).filter((text) => !/\s/.test(text));
const doi = fc.tuple(fc.integer({ min: 1000, max: 99999999 }), suffix).map(([code, rest]) => `10.${code}/${rest}`);
const prefix = fc.constantFrom(
  "",
  "doi:",
  "DOI: ",
  "https://doi.org/",
  "http://dx.doi.org/",
  "https://dx.doi.org/",
  "doi.org/",
);

describe("DOIs as exports write them", () => {
  test("every written form of a DOI gives the DOI alone", () => {
    fc.assert(
      fc.property(doi, prefix, (value, lead) => {
        expect(doiOf(`${lead}${value}`)).toBe(value);
      }),
    );
  });

  test("normalising is idempotent and the doi field wins over a DOI in the url field", () => {
    fc.assert(
      fc.property(doi, prefix, doi, (value, lead, other) => {
        const once = workAddress(`${lead}${value}`, `https://doi.org/${other}`);
        expect(once).toEqual({ DOI: value });
        expect(workAddress(once.DOI, undefined)).toEqual(once);
      }),
    );
  });

  test("a DOI written in the url field is the work's DOI, not its address", () => {
    expect(workAddress(undefined, "10.1038/s41467-017-02342-1")).toEqual({ DOI: "10.1038/s41467-017-02342-1" });
    expect(workAddress(undefined, "https://doi.org/10.1000/xyz")).toEqual({ DOI: "10.1000/xyz" });
  });

  test("a doi field that holds no DOI is kept as written", () => {
    expect(workAddress("hdl:1234/5678", undefined)).toEqual({ DOI: "hdl:1234/5678" });
  });
});

describe("web addresses as exports write them", () => {
  test("TeX escapes are undone: \\_ \\% \\# \\& \\-- \\~", () => {
    expect(withoutTexEscapes(String.raw`https://x.org/a\_b\%20c\#d\--e\~f`)).toBe("https://x.org/a_b%20c#d--e~f");
  });

  test("of several addresses separated by spaces (Mendeley), the first is the work's", () => {
    expect(urlOf("http://www.ncbi.nlm.nih.gov/pubmed/1 http://dx.doi.org/10.1/x")).toBe(
      "http://www.ncbi.nlm.nih.gov/pubmed/1",
    );
  });

  test("an address without escapes or spaces is kept exactly", () => {
    const url = fc.webUrl().filter((text) => !text.includes("\\"));
    fc.assert(
      fc.property(url, (value) => {
        expect(urlOf(value)).toBe(value);
      }),
    );
  });
});
