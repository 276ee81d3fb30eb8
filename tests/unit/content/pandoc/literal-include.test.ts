import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import type { Code, RootContent } from "mdast";
import { afterAll, describe, expect, test } from "vitest";
import { ContentError } from "../../../../src/lib/content/content-error.ts";
import { parseMarkdown } from "../../../../src/lib/content/markdown-tree.ts";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "literalinclude-"));
const sections = path.join(folder, "sections");
fs.mkdirSync(path.join(sections, "code"), { recursive: true });
const manifest = ["[workspace]", 'name = "ml-example"', "", "[tasks]", "", "[dependencies]", 'python = ">=3.13"'];
fs.writeFileSync(path.join(sections, "code", "pixi.toml"), `${manifest.join("\n")}\n`);
fs.writeFileSync(path.join(folder, "outside.txt"), "secret\n");
fs.symlinkSync(path.join(folder, "outside.txt"), path.join(sections, "code", "linked.txt"));
const section = path.join(sections, "pixi.md");
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const include = (options: string, target = "code/pixi.toml") =>
  parseMarkdown(`Text.\n\n\`\`\`{literalinclude} ${target}\n${options}\`\`\`\n`, section).children;

function codeOf(nodes: RootContent[]): Code {
  const found =
    nodes.find((node) => node.type === "code") ?? (nodes[1] as { children?: RootContent[] }).children?.at(-1);
  return found as Code;
}

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError)
      return `${error.problem.line}: ${error.problem.problem} Fix: ${error.problem.fix}`;
    throw error;
  }
  throw new Error("no error");
}

describe("MyST's {literalinclude}: a file beside the sections shown as code", () => {
  test("the whole file, in the language of its extension", () => {
    const code = codeOf(include(""));
    expect(code.value).toBe(manifest.join("\n"));
    expect(code.lang).toBe("toml");
  });

  test("written with a colon fence, it reads the same", () => {
    const nodes = parseMarkdown(":::{literalinclude} code/pixi.toml\n:lines: 1\n:::\n", section).children;
    expect(nodes).toHaveLength(1);
    expect(codeOf([{ type: "paragraph", children: [] }, ...nodes])).toMatchObject({
      value: manifest[0],
      lang: "toml",
    });
  });

  test("with :label: and :caption: it is a numbered listing, as a {code-block} with them is", () => {
    const [, listing] = include(":linenos:\n:label: workspace\n:caption: The manifest.\n") as Array<{
      type: string;
      name?: string;
      attributes?: Array<{ name: string; value: string }>;
    }>;
    expect(listing?.name).toBe("Listing");
    expect(listing?.attributes?.find((attribute) => attribute.name === "id")?.value).toBe("lst:workspace");
  });

  test("property: :start-line: and :end-line: count as Sphinx does (0-based, the end left out); :lines: from 1", () => {
    fc.assert(
      fc.property(fc.nat({ max: 8 }), fc.nat({ max: 8 }), (start, end) => {
        expect(codeOf(include(`:start-line: ${start}\n:end-line: ${end}\n`)).value).toBe(
          manifest.slice(start, end).join("\n"),
        );
      }),
      { numRuns: 30 },
    );
    expect(codeOf(include(":lines: 1-2, 7\n")).value).toBe([manifest[0], manifest[1], manifest[6]].join("\n"));
  });

  test("a path outside the sections, a missing file or an option not read stops the build at its line", () => {
    expect(problemOf(() => include("", "../outside.txt"))).toMatch(/^3: .*outside the folder of the section files/);
    expect(problemOf(() => include("", "code/pixi.tom"))).toMatch(/does not exist.*did you mean code\/pixi\.toml\?/);
    expect(problemOf(() => include(":dedent: 4\n"))).toMatch(/option :dedent: is not one the report reads/);
    expect(problemOf(() => include("", "/etc/passwd"))).toMatch(/no path relative to the section file/);
    // Through the read gate: escapes and symbolic links are read as the file system reads them.
    expect(problemOf(() => include("", "code/%2e%2e/%2e%2e/outside.txt"))).toMatch(/outside the folder/);
    expect(problemOf(() => include("", "code/linked.txt"))).toMatch(/symlink/);
  });
});
