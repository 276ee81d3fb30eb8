// The guide's examples are built: every code block of the guide (and the README) fenced as `mdx` or
// `md` becomes a section of one content folder, which a real `astro build` must build without error,
// each example into its own page. An example the engine no longer accepts fails here, naming the
// guide's file and line, so the guide cannot drift from what the engine accepts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildSite, projectRoot } from "./build-helpers.ts";

/** One fenced example: where it stands, its format and its text. */
interface Example {
  file: string;
  line: number;
  format: "mdx" | "md";
  text: string;
}

/**
 * Every fenced code block in `text` whose info string is `mdx`, `md` or `markdown`, as CommonMark
 * fences them: a fence of three or more backticks or tildes closes only at a fence of the same
 * character at least as long, so an example may hold fences of its own (````mdx around ```python).
 */
function fencedExamples(file: string, text: string): Example[] {
  const examples: Example[] = [];
  const lines = text.split("\n");
  let open: { fence: string; line: number; format: Example["format"] | undefined; body: string[] } | undefined;
  lines.forEach((line, index) => {
    if (open) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1] && close[1][0] === open.fence[0] && close[1].length >= open.fence.length) {
        if (open.format) examples.push({ file, line: open.line, format: open.format, text: open.body.join("\n") });
        open = undefined;
      } else open.body.push(line);
      return;
    }
    const start = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
    if (!start?.[1]) return;
    const info = (start[2] ?? "").toLowerCase();
    const format = info === "mdx" ? "mdx" : info === "md" || info === "markdown" ? "md" : undefined;
    open = { fence: start[1], line: index + 1, format, body: [] };
  });
  return examples;
}

/** The guide's sections and the README: where the examples are. */
function documentationFiles(): string[] {
  const sections = path.join(projectRoot, "guide/sections");
  return [
    "README.md",
    ...fs
      .readdirSync(sections)
      .filter((name) => /\.mdx?$/.test(name))
      .sort()
      .map((name) => `guide/sections/${name}`),
  ];
}

/** The example as a section file: its own frontmatter kept (with an order of its own), or one added. */
function asSection(example: Example, order: number): string {
  const title = `Example from ${example.file}, line ${example.line}`;
  const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(example.text);
  if (!frontmatter) return `---\ntitle: "${title}"\norder: ${order}\n---\n\n${example.text}\n`;
  // Two examples may both say `order: 4`; the order is the one thing that depends on the other sections.
  const fields = (frontmatter[1] ?? "").replace(/^order:.*$/m, "").trim();
  return `---\n${fields}\norder: ${order}\n---\n${example.text.slice(frontmatter[0].length)}\n`;
}

describe("fencedExamples", () => {
  test("finds mdx and md fences, and a fence inside a longer one belongs to the example", () => {
    const text = [
      "Text",
      "````mdx",
      "```python",
      "x = 1",
      "```",
      "````",
      "```sh",
      "npm ci",
      "```",
      "~~~ md",
      "A *Markdown* example.",
      "~~~",
    ].join("\n");
    expect(fencedExamples("a.mdx", text)).toEqual([
      { file: "a.mdx", line: 2, format: "mdx", text: "```python\nx = 1\n```" },
      { file: "a.mdx", line: 10, format: "md", text: "A *Markdown* example." },
    ]);
  });
});

describe("the guide's examples", () => {
  const examples = documentationFiles().flatMap((file) =>
    fencedExamples(file, fs.readFileSync(path.join(projectRoot, file), "utf8")),
  );

  test("there are examples in the guide and in the README", () => {
    expect(examples.filter((example) => example.file === "README.md").length).toBeGreaterThan(0);
    expect(new Set(examples.map((example) => example.file)).size).toBeGreaterThan(3);
  });

  test("every one builds, each into a page of its own", async () => {
    const content = fs.mkdtempSync(path.join(os.tmpdir(), "guide-examples-"));
    try {
      fs.mkdirSync(path.join(content, "sections"));
      // The guide's images and both bibliographies: the README's example cites the report's works.
      fs.cpSync(path.join(projectRoot, "guide/sections/images"), path.join(content, "sections/images"), {
        recursive: true,
      });
      const bibliographies = ["guide/references.bib", "content/references.bib"];
      fs.writeFileSync(
        path.join(content, "references.bib"),
        bibliographies.map((file) => fs.readFileSync(path.join(projectRoot, file), "utf8")).join("\n"),
      );
      fs.writeFileSync(
        path.join(content, "report.yaml"),
        "title: \"The Guide's Examples\"\npublished: 2026-12-07\nlanguage: en\nsummary: Every example of the author's guide, built.\n",
      );
      const slugs = examples.map((example, index) => {
        const slug = `${example.file.replace(/^guide\/sections\//, "").replace(/\W+/g, "-")}-line-${example.line}`;
        fs.writeFileSync(path.join(content, "sections", `${slug}.${example.format}`), asSection(example, index + 1));
        return slug.toLowerCase();
      });
      const result = await buildSite(content, { REPORT_EPUB: "off" });
      expect(result.exitCode, result.output).toBe(0);
      for (const slug of slugs) {
        expect(fs.existsSync(path.join(result.outDir, "sections", slug, "index.html")), slug).toBe(true);
      }
      fs.rmSync(result.outDir, { recursive: true, force: true });
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
    }
  }, 600_000);
});
