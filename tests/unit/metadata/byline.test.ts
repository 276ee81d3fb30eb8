import { expect, test } from "vitest";
import { bylineAuthors, displayName, formatByline } from "../../../src/lib/metadata/byline.ts";

test("a byline lists authors given-name first, joined as the language does", () => {
  const authors = [{ family: "Borkman", given: "T." }, { family: "Boyce", given: "M." }, { family: "Li" }];
  expect(formatByline(authors, "en")).toBe("T. Borkman, M. Boyce, and Li");
  expect(formatByline(authors.slice(0, 2), "en")).toBe("T. Borkman and M. Boyce");
  expect(displayName({ family: "Li" })).toBe("Li");
});

test("no authors, no byline", () => {
  expect(formatByline([], "en")).toBeUndefined();
});

test("affiliation and ORCID reach the byline", () => {
  const authors = [
    { given: "Josiah", family: "Carberry", affiliation: "Brown University", orcid: "0000-0002-1825-0097" },
    { family: "Li" },
  ];
  expect(bylineAuthors(authors)).toEqual([
    { name: "Josiah Carberry", affiliation: "Brown University", orcid: "https://orcid.org/0000-0002-1825-0097" },
    { name: "Li", affiliation: undefined, orcid: undefined },
  ]);
});
