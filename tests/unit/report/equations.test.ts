import { expect, test } from "vitest";
import { equationId, splitLabel } from "../../../src/lib/report/equations.ts";

test("labels: eq:name becomes the id eq-name; any other form is an error naming the line", () => {
  expect(equationId("eq:energy")).toBe("eq-energy");
  expect(splitLabel("E = mc^2 \\label{eq:energy}", { file: "a.mdx", line: 3 })).toEqual({
    tex: "E = mc^2",
    label: "eq:energy",
  });
  expect(() => splitLabel("x \\label{energy}", { file: "a.mdx", line: 3 })).toThrow(
    /a\.mdx:3: the equation label \\label\{energy\} is not of the form eq:name[\s\S]*Fix: write \\label\{eq:energy\}/,
  );
});
