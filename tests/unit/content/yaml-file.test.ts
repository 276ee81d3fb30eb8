import { z } from "astro/zod";
import { describe, expect, test } from "vitest";
import {
  parseYamlWithSchema,
  readFrontmatter,
  readYaml,
  schemaProblem,
  throwProblems,
} from "../../../src/lib/content/yaml-file.ts";

const schema = z
  .object({
    title: z.string({ error: "every page needs a title. Fix: add `title: The title`" }),
    order: z.number().int().positive(),
    authors: z.array(z.object({ given: z.string().optional(), family: z.string() }).strict()).default([]),
    size: z.enum(["A4", "Letter"]).optional(),
  })
  .strict();
const wording = { knownKeys: Object.keys(schema.shape), fieldFixes: { authors: "write authors as - family: Name." } };

function problemsOf(text: string, firstLine = 1) {
  return parseYamlWithSchema(readYaml("report.yaml", text, { firstLine }), schema, wording).problems;
}

describe("readYaml", () => {
  const yaml = readYaml("t.yaml", "\uFEFFtitle: A\nauthors:\n  - given: Ada\n    family: Lovelace\n  - family: Li\n");

  test("a field is on its key's line, a list item on its dash's, a missing one on its parent's", () => {
    expect(yaml.lineOf(["title"])).toBe(1);
    expect(yaml.lineOf(["authors"])).toBe(2);
    expect(yaml.lineOf(["authors", 1])).toBe(5);
    expect(yaml.lineOf(["authors", 0, "family"])).toBe(4);
    expect(yaml.lineOf(["authors", 1, "given"])).toBe(5);
    expect(yaml.lineOf(["summary"])).toBe(1);
  });

  test("keys are found by name in any mapping", () => {
    expect(yaml.keyLine([], "authors")).toBe(2);
    expect(yaml.keyLine(["authors", 0], "family")).toBe(4);
    expect(yaml.keyLine([], "summary")).toBeUndefined();
  });

  test("lines count from where the text starts in its file", () => {
    const frontmatter = readFrontmatter("a.mdx", "---\r\ntitle: A\r\norder: 2\r\n---\r\norder: 9\r\n");
    expect(frontmatter?.keyLine([], "order")).toBe(3);
    expect(frontmatter?.data).toEqual({ title: "A", order: 2 });
    expect(readFrontmatter("a.mdx", "no frontmatter")).toBeUndefined();
  });

  test("a duplicate key and a tab are problems with their file line and fix", () => {
    expect(readYaml("a.mdx", "title: A\ntitle: B\n", { firstLine: 2 }).problems).toEqual([
      {
        file: "a.mdx",
        line: 3,
        problem: 'the YAML cannot be read at "title": the key appears twice.',
        fix: 'write "title:" only once (delete one of the two lines).',
      },
    ]);
    const [tab] = readYaml("r.yaml", "title: A\nauthors:\n\t- family: Li\n").problems;
    expect(tab).toMatchObject({ line: 3, fix: "indent with spaces, not tabs." });
    expect(tab?.problem).toMatch(/a tab character/);
  });

  test("throwProblems throws one problem as a ContentError naming file and line, several together", () => {
    expect(() => throwProblems([])).not.toThrow();
    expect(() => throwProblems(readYaml("r.yaml", "a: 1\na: 2\n").problems)).toThrow(/^r\.yaml:2: the YAML/);
    expect(() => throwProblems(readYaml("r.yaml", "a: 1\na: 2\nb: 1\nb: 2\n").problems)).toThrow(/^2 problems/);
  });
});

describe("schema failures: file:line, problem, fix", () => {
  test("the schema's own fix is kept, and a missing field has its parent's line", () => {
    expect(problemsOf("order: 1\n", 2)).toEqual([
      { file: "report.yaml", line: 2, problem: "title: every page needs a title.", fix: "add `title: The title`." },
    ]);
  });

  test("a number in quotes: the value found, and the fix without quotes", () => {
    const [problem] = problemsOf('title: A\norder: "3"\n');
    expect(problem?.line).toBe(2);
    expect(problem?.problem).toMatch(/^order: .*\(it is the text "3"\)\.$/);
    expect(problem?.fix).toBe("write order: 3 without quotes (quotes make it text, not a number).");
  });

  test("an unknown top-level key: its line, the nearest known field and all of them", () => {
    expect(problemsOf("title: A\norder: 1\nauthor: Ada\n")).toEqual([
      {
        file: "report.yaml",
        line: 3,
        problem: 'unknown field "author".',
        fix: 'remove "author" or correct its spelling to "authors" (known fields: title, order, authors, size).',
      },
    ]);
    expect(problemsOf("title: A\norder: 1\npublisher: B\n")[0]?.fix).toBe(
      'remove "publisher" or correct its spelling (known fields: title, order, authors, size).',
    );
  });

  test("a nested problem names its path and line, with the field's fix", () => {
    const problems = problemsOf("title: A\norder: 1\nauthors:\n  - given: Ada\n  - family: Li\n    name: Li\n");
    expect(problems).toContainEqual({
      file: "report.yaml",
      line: 4,
      problem: "authors[0].family is missing.",
      fix: "write authors as - family: Name.",
    });
    expect(problems).toContainEqual({
      file: "report.yaml",
      line: 6,
      problem: 'authors[1]: unknown field "name".',
      fix: "write authors as - family: Name.",
    });
  });

  test("a wrong value without a fix of its own says to correct the field", () => {
    const yaml = readYaml("report.yaml", "title: A\norder: 1\nsize: A5\n");
    const result = schema.safeParse(yaml.data);
    const [issue] = result.success ? [] : result.error.issues;
    if (!issue) throw new Error("expected an issue");
    expect(schemaProblem(yaml, issue, wording)).toMatchObject({
      line: 3,
      problem: expect.stringMatching(/^size: .*"A4"/),
      fix: 'correct "size" as the message says.',
    });
  });

  describe("in a file that is a list of mappings, problems name the item, not its 0-based index", () => {
    const event = z.strictObject({ date: z.union([z.number(), z.string()]), title: z.string() });
    const listWording = {
      knownKeys: ["date", "title"],
      fieldFixes: { date: "write a year such as 1935." },
      items: {
        name: (position: number, item: unknown) =>
          `event ${position}${typeof (item as { title?: unknown })?.title === "string" ? ` ("${(item as { title: string }).title}")` : ""}`,
        shape: 'write each event as "- date: ...".',
      },
    };
    const listProblems = (text: string) =>
      parseYamlWithSchema(readYaml("timeline.yaml", text), z.array(event), listWording).problems;

    test("a missing field (a union's too) on its item's line, with the field's fix", () => {
      expect(listProblems("- date: 1935\n  title: A\n- title: B\n")).toEqual([
        {
          file: "timeline.yaml",
          line: 3,
          problem: 'event 2 ("B"): date is missing.',
          fix: "write a year such as 1935.",
        },
      ]);
    });

    test("an unknown key of an item: its line, the nearest and the known fields", () => {
      expect(listProblems("- date: 1935\n  titel: A\n")).toContainEqual({
        file: "timeline.yaml",
        line: 2,
        problem: 'event 1: unknown field "titel".',
        fix: 'remove "titel" or correct its spelling to "title" (known fields: date, title).',
      });
    });

    test("a wrong value names the item and field and shows the value found", () => {
      const [problem] = listProblems("- date: 1935\n  title: [A]\n");
      expect(problem).toMatchObject({
        line: 2,
        problem: expect.stringMatching(/^event 1: title: .*\(it is a list\)\.$/),
      });
    });

    test("an item that is not a mapping gets the item's shape as its fix", () => {
      expect(listProblems("- date: 1935\n  title: A\n- 1960\n")).toEqual([
        {
          file: "timeline.yaml",
          line: 3,
          problem: "event 2 is not a group of fields (it is number 1960).",
          fix: 'write each event as "- date: ...".',
        },
      ]);
    });
  });

  test("valid data comes back parsed, with no problems", () => {
    const result = parseYamlWithSchema(readYaml("r.yaml", "title: A\norder: 1\n"), schema, wording);
    expect(result).toEqual({ data: { title: "A", order: 1, authors: [] }, problems: [] });
  });
});

describe("YAML the report does not read is refused at its line", () => {
  const problemsOf = (text: string) => readYaml("report.yaml", text).problems;
  test("flow collections nested thousands deep stop at their line before the parser (it overflowed)", () => {
    for (const [open, close] of [
      ["[", "]"],
      ["{a: ", "}"],
    ] as const) {
      const text = `title: T\nkeywords:\n  - ${open.repeat(5000)}x${close.repeat(5000)}\n`;
      expect(problemsOf(text)).toEqual([
        expect.objectContaining({ line: 3, problem: expect.stringMatching(/nest more than 64 levels deep/) }),
      ]);
    }
    expect(problemsOf(`a: ${"[".repeat(64)}x${"]".repeat(64)}\nb: "[[["\n`)).toEqual([]);
  });

  test("an alias bomb stops at its first anchor and alias, before anything expands", () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(",")}]`,
      ),
    ].join("\n");
    const started = performance.now();
    const problems = problemsOf(bomb);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(problems[0]).toMatchObject({
      line: 1,
      problem: expect.stringMatching(/anchor &a: the report's YAML reads no anchors or aliases/),
    });
    expect(
      problems.some((problem) => /the alias \*a repeats a value/.test(problem.problem) && problem.line === 2),
    ).toBe(true);
  });

  test.each([
    ["title: !!js/function 'function () { return 1 }'", /the tag !!js\/function asks for a type/],
    ["title: !foo bar", /the tag !foo asks for a type/],
    ["title: !!binary aGVsbG8=", /the tag !!binary/],
  ])("%s", (text, problem) => {
    expect(problemsOf(text)[0]).toMatchObject({
      line: 1,
      problem: expect.stringMatching(problem),
      fix: expect.stringMatching(/remove the tag/),
    });
  });

  test("a zero-width character in a key is named, not hidden in an 'unknown key' error", () => {
    expect(problemsOf("summary: s\nti\u200btle: T\n")[0]).toMatchObject({
      line: 2,
      problem: expect.stringMatching(/the key "title" holds an invisible character \(U\+200B\)/),
      fix: "delete the key and type it again.",
    });
  });
});
