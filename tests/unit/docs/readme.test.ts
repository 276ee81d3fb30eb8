import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const sectionsDir = path.join(root, "guide/sections");

/** The guide's sections in reading order (their frontmatter's `order`), as paths from the root. */
function guideSections(): string[] {
  return fs
    .readdirSync(sectionsDir)
    .filter((name) => /\.mdx?$/.test(name))
    .map((name) => {
      const text = fs.readFileSync(path.join(sectionsDir, name), "utf8");
      const frontmatter = parse(text.split(/^---$/m)[1] ?? "") as { order: number };
      return { file: `guide/sections/${name}`, order: frontmatter.order };
    })
    .sort((a, b) => a.order - b.order)
    .map((section) => section.file);
}

describe("the README", () => {
  test("is at most 150 lines: what the project is, the two commands, a section, the guide", () => {
    expect(readme.trimEnd().split("\n").length).toBeLessThanOrEqual(150);
  });

  test("links to every section of the author's guide, in the guide's order, and to nothing else there", () => {
    const list = readme.split("\n## The author's guide\n")[1]?.split("\n## ")[0] ?? "";
    const linked = [...list.matchAll(/\]\((guide\/sections\/[^)#]+\.mdx?)\)/g)].map((match) => match[1]);
    expect(linked).toEqual(guideSections());
  });
});
