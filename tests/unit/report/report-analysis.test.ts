import { describe, expect, test } from "vitest";
import { analyzeSections } from "../../../src/lib/report/report-analysis.ts";

describe("equations", () => {
  test("a label used twice in the report is an error naming both places", () => {
    const body = "$$\nx \\label{eq:same}\n$$\n";
    expect(() =>
      analyzeSections([
        { slug: "a", body, file: "/r/sections/a.mdx" },
        { slug: "b", body: `Text.\n\n${body}`, file: "/r/sections/b.mdx" },
      ]),
    ).toThrow(/b\.mdx:3: the label \\label\{eq:same\} is also used by the equation at \/r\/sections\/a\.mdx:1/);
  });
});

describe("word counts", () => {
  test("text in HTML blocks counts; components such as <Timeline /> do not", () => {
    const words = (body: string) => analyzeSections([{ slug: "s", body }]).get("s")?.stats.words;
    expect(words("One two three.\n\n<div>\n  <p>Four five six seven.</p>\n</div>\n")).toBe(7);
    expect(words("One two three.\n\n<Timeline />\n")).toBe(3);
  });

  test("figure and table captions count, as a plain table's cells do", () => {
    const words = (body: string) => analyzeSections([{ slug: "s", body }]).get("s")?.stats.words;
    const figure = '<Figure id="fig:a" src="./a.png" alt="Two bars.">\n  Meetings per month.\n</Figure>\n';
    expect(words(`One two.\n\n${figure}`)).toBe(5);
    // The one-line form counts the same.
    expect(words('One two.\n\n<Figure id="fig:a" src="./a.png" alt="Two bars.">Meetings per month.</Figure>\n')).toBe(
      5,
    );
    const table = "| Group | Size |\n|---|---|\n| Open | 12 |\n";
    expect(words(`One two.\n\n<Table id="tbl:a">\nGroups visited.\n\n${table}</Table>\n`)).toBe(
      words(`One two.\n\nGroups visited.\n\n${table}`) ?? 0,
    );
    expect(words(`One two.\n\n<Table id="tbl:a">\nGroups visited.\n\n${table}</Table>\n`)).toBe(8);
    expect(words("- One\n- two\n\n> Three\n>\n> four.\n")).toBe(4);
  });
});

describe("MDX errors", () => {
  test("an MDX syntax error names the construct, the file and the line", () => {
    expect(() => analyzeSections([{ slug: "a", body: "Text.\n\n<Timeline\n", file: "/r/sections/a.mdx" }])).toThrow(
      /\/r\/sections\/a\.mdx:4: the MDX cannot be read in “<Timeline”/,
    );
  });
});
