import { describe, expect, test } from "vitest";
import { parseCitations, parseLocator } from "../../src/lib/citations/parse-citations.ts";

describe("parseCitations", () => {
  test("a bracketed citation with one key", () => {
    const text = "shared needs [@christiansen2021].";
    const [citation] = parseCitations(text);
    expect(citation).toMatchObject({ kind: "parenthetical", items: [{ key: "christiansen2021" }] });
    expect(text.slice(citation?.start, citation?.end)).toBe("[@christiansen2021]");
  });

  test("several works, a prefix, a locator with its label, and a suffix", () => {
    const [citation] = parseCitations("[see @a2020, pp. 33-35; also @b2019, chap. 1, emphasis added]");
    expect(citation?.items).toEqual([
      { key: "a2020", prefix: "see", label: "page", locator: "33-35" },
      { key: "b2019", prefix: "also", label: "chapter", locator: "1", suffix: ", emphasis added" },
    ]);
  });

  test("a bare number after the key is a page", () => {
    expect(parseCitations("[@a2020, 12]")[0]?.items[0]).toEqual({ key: "a2020", label: "page", locator: "12" });
  });

  test("suppressed author", () => {
    expect(parseCitations("Borkman [-@borkman2020]")[0]?.items[0]).toEqual({
      key: "borkman2020",
      suppressAuthor: true,
    });
  });

  test("narrative citations, with and without a locator", () => {
    const citations = parseCitations("@li2020 describe it, as @smith2019 [p. 4] says.");
    expect(citations.map((citation) => citation.kind)).toEqual(["narrative", "narrative"]);
    expect(citations[1]?.items[0]).toEqual({ key: "smith2019", label: "page", locator: "4" });
  });

  test("keys may hold internal punctuation but not end with it", () => {
    const [citation] = parseCitations("as @doe:2020. Next");
    expect(citation?.items[0]?.key).toBe("doe:2020");
  });

  test("email addresses and plain brackets are not citations", () => {
    expect(parseCitations("write to someone@example.org [or not] and [1]")).toEqual([]);
  });

  test("citations come back in the order they appear", () => {
    const keys = parseCitations("@b first, then [@a], then @c").map((citation) => citation.items[0]?.key);
    expect(keys).toEqual(["b", "a", "c"]);
  });
});

describe("parseLocator", () => {
  test.each([
    [", p. 12", { label: "page", locator: "12" }],
    [", pp. 3–4", { label: "page", locator: "3–4" }],
    [", sec. 2", { label: "section", locator: "2" }],
    [", para. 5", { label: "paragraph", locator: "5" }],
    [", and elsewhere", { suffix: "and elsewhere" }],
    ["", {}],
  ])("%j", (input, expected) => {
    expect(parseLocator(input)).toEqual(expected);
  });
});
