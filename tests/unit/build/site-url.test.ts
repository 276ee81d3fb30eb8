import { expect, test } from "vitest";
import { normalizeBase, withBase } from "../../../src/lib/build/site-url.ts";

test("base paths normalise to /sub/path/", () => {
  expect(normalizeBase(undefined)).toBe("/");
  expect(normalizeBase("reports/self-help")).toBe("/reports/self-help/");
  expect(normalizeBase("/x/")).toBe("/x/");
  expect(withBase("/x", "/references/")).toBe("/x/references/");
  expect(withBase("/", "")).toBe("/");
});
