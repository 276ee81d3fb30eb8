import { expect, test } from "vitest";
import { findUncitedEntries } from "../../../src/lib/citations/uncited-entries.ts";

test("entries neither cited nor listed as further reading are reported", () => {
  const result = findUncitedEntries(["a2020", "b2021", "c2022"], new Set(["a2020"]), ["c2022"], "report.yaml");
  expect(result.unused).toEqual(["b2021"]);
});

test("a further-reading key missing from the bibliography stops the build with a suggestion", () => {
  expect(() => findUncitedEntries(["smith2020"], new Set(), ["smith2002"], "report.yaml")).toThrow(
    /did you mean "smith2020"/,
  );
});
