import { describe, expect, test } from "vitest";
import {
  EMPHASIS_CLOSE,
  EMPHASIS_OPEN,
  isCrossReferenceKey,
  markersToCiteproc,
  parseCitations,
  parseLocator,
  STRONG_CLOSE,
  STRONG_OPEN,
} from "../../../src/lib/citations/parse-citations.ts";

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
    [", and elsewhere", { suffix: ", and elsewhere" }],
    [" and elsewhere", { suffix: " and elsewhere" }],
    ["and elsewhere", { suffix: ", and elsewhere" }],
    ["", {}],
    [", sec. 14.2", { label: "section", locator: "14.2" }],
    [", pp. 33, 35-37", { label: "page", locator: "33, 35-37" }],
    [", pp. 33–35", { label: "page", locator: "33–35" }],
    [", 33-35", { label: "page", locator: "33-35" }],
    [" p. 33 emphasis mine", { label: "page", locator: "33", suffix: " emphasis mine" }],
    [", p. 33, emphasis added", { label: "page", locator: "33", suffix: ", emphasis added" }],
    [" p.3", { label: "page", locator: "3" }],
    [", p. iv", { label: "page", locator: "iv" }],
    [", {pp. iv, vi-xi} and more", { label: "page", locator: "iv, vi-xi", suffix: " and more" }],
    [", {a few}", { label: "page", locator: "a few" }],
    [", chap. 2", { label: "chapter", locator: "2" }],
    [", chaps. 2-3", { label: "chapter", locator: "2-3" }],
    [", chapter 3", { label: "chapter", locator: "3" }],
    [", Chapter 3", { label: "chapter", locator: "3" }],
    [", vol. 2", { label: "volume", locator: "2" }],
    [", vols. 1-2", { label: "volume", locator: "1-2" }],
    [", fig. 3", { label: "figure", locator: "3" }],
    [", figs. 3-4", { label: "figure", locator: "3-4" }],
    [", n. 4", { label: "note", locator: "4" }],
    [", para. 5", { label: "paragraph", locator: "5" }],
    [", paras. 5-6", { label: "paragraph", locator: "5-6" }],
    [", ¶ 5", { label: "paragraph", locator: "5" }],
    [", l. 4", { label: "line", locator: "4" }],
    [", ll. 4-5", { label: "line", locator: "4-5" }],
    [", col. 2", { label: "column", locator: "2" }],
    [", bk. 2", { label: "book", locator: "2" }],
    [", op. 2", { label: "opus", locator: "2" }],
    [", no. 5", { label: "issue", locator: "5" }],
    [", pt. 2", { label: "part", locator: "2" }],
    [", v. 3", { label: "verse", locator: "3" }],
    [", fol. 3", { label: "folio", locator: "3" }],
    [", § 3", { label: "section", locator: "3" }],
    [", s.v. 3", { label: "sub verbo", locator: "3" }],
    [", page 3", { label: "page", locator: "3" }],
    [", pages 3-4", { label: "page", locator: "3-4" }],
    // A label needs a number after it; otherwise it is a suffix (Pandoc: "p. a" is not a locator).
    [", p. about", { suffix: ", p. about" }],
    [`, p. ${STRONG_OPEN}32${STRONG_CLOSE}`, { label: "page", locator: "32" }],
  ])("%j", (input, expected) => {
    expect(parseLocator(input)).toEqual(expected);
  });
});

describe("Pandoc's forms beyond the basics", () => {
  test("a narrative citation followed by more works in brackets is one citation", () => {
    const text = "@kullback [-@sarfraz p. 30; see also @doody] says";
    const [citation] = parseCitations(text);
    expect(citation).toMatchObject({
      kind: "narrative",
      items: [
        { key: "kullback" },
        { key: "sarfraz", suppressAuthor: true, label: "page", locator: "30" },
        { key: "doody", prefix: "see also" },
      ],
    });
    expect(text.slice(citation?.start, citation?.end)).toBe("@kullback [-@sarfraz p. 30; see also @doody]");
  });

  test("a narrative citation followed by its locator and more works", () => {
    const [citation] = parseCitations("@doody [p. 33; @sarfraz]");
    expect(citation?.items).toEqual([{ key: "doody", label: "page", locator: "33" }, { key: "sarfraz" }]);
  });

  test("emphasis in the prefix and the suffix stays, as citeproc markup", () => {
    const text = `[${EMPHASIS_OPEN}see${EMPHASIS_CLOSE} @k, p. 32, ${STRONG_OPEN}my${STRONG_CLOSE} emphasis]`;
    const [item] = parseCitations(text)[0]?.items ?? [];
    expect(item).toMatchObject({ key: "k", label: "page", locator: "32" });
    expect(markersToCiteproc(item?.prefix ?? "")).toBe("<i>see</i>");
    expect(markersToCiteproc(item?.suffix ?? "")).toBe(", <b>my</b> emphasis");
  });

  test.each(["a:b", "a.b", "a#b", "a$b", "a%b", "a&b", "a-b", "a+b", "a?b", "a<b", "a>b", "a~b", "a/b"])(
    "a key with internal %s",
    (key) => {
      expect(parseCitations(`[@${key}] and @${key}.`).map((citation) => citation.items[0]?.key)).toEqual([key, key]);
    },
  );

  test("a doubled punctuation ends the key; braces hold any key", () => {
    expect(parseCitations("@Foo_bar--baz")[0]?.items[0]?.key).toBe("Foo_bar");
    expect(
      parseCitations("@{Foo_bar.baz.} and [@{https://example.com/bib?name=foobar&date=2000}, p. 33]").map(
        (c) => c.items[0],
      ),
    ).toEqual([
      { key: "Foo_bar.baz." },
      { key: "https://example.com/bib?name=foobar&date=2000", label: "page", locator: "33" },
    ]);
  });

  test("an @ the caller marks as escaped starts no citation", () => {
    const text = "write to @kullback and [@kullback]";
    const citations = parseCitations(text, { canStartKey: (offset) => offset !== text.indexOf("@") });
    expect(citations.map((citation) => text.slice(citation.start, citation.end))).toEqual(["[@kullback]"]);
  });

  test("cross-references belong to the cross-reference plugin, not to citations", () => {
    expect(parseCitations("see @fig:one, [@tbl:two], [@eq:three; @sec:four] and @sec:five.")).toEqual([]);
    expect(isCrossReferenceKey("fig:one")).toBe(true);
    expect(isCrossReferenceKey("aristotle:poetics")).toBe(false);
  });

  test("a cross-reference beside works stays, as written, in the text around them", () => {
    const items = (text: string) => parseCitations(text).map((citation) => [citation.kind, citation.items]);
    expect(items("[@a, see @fig:one]")).toEqual([["parenthetical", [{ key: "a", suffix: ", see @fig:one" }]]]);
    expect(items("[@a, p. 3; see @fig:one; @b]")).toEqual([
      ["parenthetical", [{ key: "a", label: "page", locator: "3", suffix: "; see @fig:one" }, { key: "b" }]],
    ]);
    expect(items("[see @tbl:two; also @b]")).toEqual([["parenthetical", [{ key: "b", prefix: "see @tbl:two; also" }]]]);
    expect(items("@a [p. 3; see @eq:three]")).toEqual([
      ["narrative", [{ key: "a", label: "page", locator: "3", suffix: "; see @eq:three" }]],
    ]);
    expect(items("@a [see @fig:one]")).toEqual([["narrative", [{ key: "a", suffix: ", see @fig:one" }]]]);
  });

  test("a bracket with a part that names no work is not a citation", () => {
    const citations = parseCitations("[see @a; and more]");
    expect(citations.map((citation) => citation.kind)).toEqual(["narrative"]);
  });
});
