import path from "node:path";
import { expect, test } from "vitest";
import { normalizeBase, withBase } from "../../../src/lib/build/site-url.ts";
import { findFrontmatterLine, formatContentProblem } from "../../../src/lib/content/content-error.ts";
import { editDistance, nearestMatch } from "../../../src/lib/content/nearest-match.ts";

test("content problems read as file:line, problem, fix", () => {
  const file = path.join(process.cwd(), "content/sections/a.mdx");
  expect(formatContentProblem({ file, line: 4, problem: "bad.", fix: "mend it." })).toBe(
    "content/sections/a.mdx:4: bad.\n  Fix: mend it.",
  );
  expect(formatContentProblem({ file: "/elsewhere/a.mdx", problem: "bad.", fix: "mend it." })).toMatch(
    /^\/elsewhere\/a\.mdx: bad\./,
  );
});

test("frontmatter keys are found by line", () => {
  const source = "---\ntitle: A\norder: 2\n---\norder: 9\n";
  expect(findFrontmatterLine(source, "order")).toBe(3);
  expect(findFrontmatterLine(source, "missing")).toBeUndefined();
  expect(findFrontmatterLine("no frontmatter", "order")).toBeUndefined();
});

test("nearest match suggests likely typos only", () => {
  expect(editDistance("kitten", "sitting")).toBe(3);
  expect(nearestMatch("borkman2002", ["li2020", "borkman2020", "christiansen2021"])).toBe("borkman2020");
  expect(nearestMatch("zzzzzzzzzzzzzzzz", ["li2020"])).toBeUndefined();
});

test("base paths normalise to /sub/path/", () => {
  expect(normalizeBase(undefined)).toBe("/");
  expect(normalizeBase("reports/self-help")).toBe("/reports/self-help/");
  expect(normalizeBase("/x/")).toBe("/x/");
  expect(withBase("/x", "/references/")).toBe("/x/references/");
  expect(withBase("/", "")).toBe("/");
});
