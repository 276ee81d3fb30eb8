import { expect, test } from "vitest";
import { editDistance, nearestMatch } from "../../../src/lib/content/nearest-match.ts";

test("nearest match suggests likely typos only", () => {
  expect(editDistance("kitten", "sitting")).toBe(3);
  expect(nearestMatch("borkman2002", ["li2020", "borkman2020", "christiansen2021"])).toBe("borkman2020");
  expect(nearestMatch("zzzzzzzzzzzzzzzz", ["li2020"])).toBeUndefined();
});
