import { expect, test } from "vitest";
import { displayName, formatByline } from "../../../src/lib/metadata/byline.ts";

test("a byline lists authors given-name first, joined as the language does", () => {
  const authors = [{ family: "Borkman", given: "T." }, { family: "Boyce", given: "M." }, { family: "Li" }];
  expect(formatByline(authors, "en")).toBe("T. Borkman, M. Boyce, and Li");
  expect(formatByline(authors.slice(0, 2), "en")).toBe("T. Borkman and M. Boyce");
  expect(displayName({ family: "Li" })).toBe("Li");
});

test("no authors, no byline", () => {
  expect(formatByline([], "en")).toBeUndefined();
});
