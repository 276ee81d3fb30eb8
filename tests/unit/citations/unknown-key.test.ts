import { expect, test } from "vitest";
import { unknownKeyError } from "../../../src/lib/citations/unknown-key.ts";

const knownKeys = ["borkman2020", "kurtz1997"];

test("a citation in Markdown: the key as written, the nearest key, and the literal @", () => {
  const error = unknownKeyError({
    key: "borkman2002",
    knownKeys,
    file: "content/sections/intro.mdx",
    line: 7,
    bibliography: "content/references.bib",
    markdown: true,
  });
  expect(error.problem).toEqual({
    file: "content/sections/intro.mdx",
    line: 7,
    problem: 'the citation key "@borkman2002" is not in the bibliography (content/references.bib).',
    fix: 'did you mean "@borkman2020"? Otherwise add an entry with the key "borkman2002" to the bibliography, or write \\@borkman2002 if the @ is meant literally.',
  });
});

test("a key in YAML: what names it comes first, and without a near key the fix lists every way out", () => {
  const error = unknownKeyError({
    key: "smith1999",
    knownKeys,
    file: "content/timeline.yaml",
    line: 4,
    bibliography: "references.bib",
    where: 'event 2 ("AA is founded")',
  });
  expect(error.message).toBe(
    'content/timeline.yaml:4: event 2 ("AA is founded"): the citation key "smith1999" is not in the bibliography (references.bib).\n  Fix: add an entry with the key "smith1999" to the bibliography, or correct the key.',
  );
});

test("one more way out goes last", () => {
  const error = unknownKeyError({
    key: "smith1999",
    knownKeys,
    file: "report.yaml",
    line: 3,
    where: "furtherReading",
    orElse: "remove it from furtherReading",
  });
  expect(error.problem.problem).toBe('furtherReading: the citation key "smith1999" is not in the bibliography.');
  expect(error.problem.fix).toBe(
    'add an entry with the key "smith1999" to the bibliography, correct the key, or remove it from furtherReading.',
  );
});
