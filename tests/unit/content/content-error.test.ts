import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, expect, test } from "vitest";
// The dev server's own error handling (not a public entry point): what `npm run dev` does with an error.
import { collectErrorMetadata } from "../../../node_modules/astro/dist/core/errors/dev/utils.js";
import { getViteErrorPayload } from "../../../node_modules/astro/dist/core/errors/dev/vite.js";
import { ContentError, formatContentProblem } from "../../../src/lib/content/content-error.ts";

test("content problems read as file:line, problem, fix", () => {
  const file = path.join(process.cwd(), "content/sections/a.mdx");
  expect(formatContentProblem({ file, line: 4, problem: "bad.", fix: "mend it." })).toBe(
    "content/sections/a.mdx:4: bad.\n  Fix: mend it.",
  );
  expect(formatContentProblem({ file: "/elsewhere/a.mdx", problem: "bad.", fix: "mend it." })).toMatch(
    /^\/elsewhere\/a\.mdx: bad\./,
  );
});

const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "content-elsewhere-"));
afterAll(() => fs.rmSync(elsewhere, { recursive: true, force: true }));

function bibliographyError(): ContentError {
  const file = path.join(elsewhere, "references.bib");
  fs.writeFileSync(file, "@article{a,\n  title = {T},\n  journal = UNDEFINED,\n}\n");
  return new ContentError({ file, line: 3, problem: "the value UNDEFINED is not defined.", fix: "brace it." });
}

test("the dev server names a bibliography outside the project by its own path and line", async () => {
  const error = bibliographyError();
  const collected = collectErrorMetadata(error, pathToFileURL(`${process.cwd()}/`));
  // Before: the project's root was joined in front of the path, naming a file that does not exist.
  expect(collected.loc).toEqual({ file: path.join(elsewhere, "references.bib"), line: 3, column: 1 });
  // Before: highlighting a ".bib" file failed (no such language), and the overlay lost the error.
  const payload = await getViteErrorPayload(collected);
  expect(payload.err.loc).toEqual({ file: path.join(elsewhere, "references.bib"), line: 3, column: 1 });
  expect(payload.err.message).toContain("references.bib:3");
});

test("a plugin compiling a section cannot move the error's location to that section", () => {
  const error = bibliographyError() as ContentError & { loc: unknown };
  error.loc = { file: "/project/content/sections/intro.mdx", line: 0, column: 0 };
  expect(error.loc).toEqual({ file: path.join(elsewhere, "references.bib"), line: 3, column: 1 });
});

test("a content error keeps its own file and line as Astro's error location", () => {
  const error = new ContentError({ file: "/r/sections/a.mdx", line: 9, problem: "p.", fix: "f." });
  // Astro's MDX plugin assigns the file it was compiling; the content's own place must stay.
  (error as unknown as { loc: unknown }).loc = { file: "/r/sections/other.mdx", line: 0, column: 0 };
  expect((error as unknown as { loc: unknown }).loc).toEqual({ file: "/r/sections/a.mdx", line: 9, column: 1 });
});
