import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const lib = path.join(root, "src/lib");

/**
 * The layers of src/lib, lowest first. A module may import modules of its own folder and of folders
 * with a lower rank, never a higher or equal one: the reading path from a section's file to its page
 * then only ever points down, and a folder can be understood without the ones above it.
 */
const LAYERS: Readonly<Record<string, number>> = {
  build: 0,
  content: 1,
  citations: 2,
  report: 3,
  markdown: 4,
  timeline: 5,
  metadata: 5,
  site: 6,
  pdf: 6,
  editions: 7,
};

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ts|mts)$/.test(name) && !name.endsWith(".d.ts"))
    .map((name) => path.join(folder, name));
}

/** Relative imports of a file (static, dynamic and type-only), resolved to absolute paths. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return info.importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => path.resolve(path.dirname(file), specifier));
}

const folderOf = (file: string): string => path.relative(lib, file).split(path.sep)[0] ?? "";
const graph = new Map(sourceFiles(lib).map((file) => [file, importsOf(file)]));
const relative = (file: string): string => path.relative(root, file);

describe("src/lib's import graph", () => {
  test("every module sits in a folder that has a layer", () => {
    const unplaced = [...graph.keys()].filter((file) => !(folderOf(file) in LAYERS)).map(relative);
    expect(unplaced).toEqual([]);
  });

  test("imports point only down the layers or inside their own folder", () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      const from = folderOf(file);
      for (const target of imports) {
        if (!target.startsWith(lib + path.sep)) {
          upward.push(`${relative(file)} imports ${relative(target)}, outside src/lib`);
          continue;
        }
        const to = folderOf(target);
        if (to === from) continue;
        if ((LAYERS[to] ?? Number.POSITIVE_INFINITY) >= (LAYERS[from] ?? 0)) {
          upward.push(`${relative(file)} (${from}) imports ${relative(target)} (${to})`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  test("no module imports itself through a cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, "open");
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === "open") {
          cycles.push([...stack.slice(stack.indexOf(target)), target].map(relative).join(" -> "));
        } else if (!state.has(target) && graph.has(target)) {
          visit(target);
        }
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  test("the check sees the imports it guards", () => {
    // Guards the guard: a graph read wrongly (no imports found) would pass every test above.
    const pipeline = graph.get(path.join(lib, "markdown/pipeline.ts")) ?? [];
    expect(pipeline.length).toBeGreaterThan(5);
    expect(pipeline.some((target) => folderOf(target) === "content")).toBe(true);
  });
});
