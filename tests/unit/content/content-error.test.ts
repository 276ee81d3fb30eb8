import path from "node:path";
import { expect, test } from "vitest";
import { findFrontmatterLine, formatContentProblem } from "../../../src/lib/content/content-error.ts";

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
