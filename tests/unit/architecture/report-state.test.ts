import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const markdown = path.join(root, "src/lib/markdown");
const reportContext = path.join(root, "src/lib/report/report-context.ts");

test("remark and rehype plugins take the report through their options: only the pipeline loads it", () => {
  const modules = fs.readdirSync(markdown).filter((name) => name.endsWith(".ts"));
  const loading = modules.filter((name) => {
    const file = path.join(markdown, name);
    return ts
      .preProcessFile(fs.readFileSync(file, "utf8"), true, true)
      .importedFiles.some((imported) => path.resolve(markdown, imported.fileName) === reportContext);
  });
  expect(modules.length).toBeGreaterThan(5);
  expect(loading).toEqual(["pipeline.ts"]);
});
