import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkBuiltOutput } from "../../../src/lib/build/output-gate.ts";
import { gateCodeHash, openPassedDocuments } from "../../../src/lib/build/passed-documents.ts";

const CSP = "default-src 'none'; script-src 'none'; img-src 'self'";
const page = (body: string) =>
  `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>t</title></head><body>${body}</body></html>`;

// Bodies that pass and bodies that break the policy, in any mix.
const body = fc.constantFrom(
  "<p>ok</p>",
  '<p><a href="/a/">a</a></p>',
  '<a href="javascript:x()">x</a>',
  '<img src="https://evil.example/p.png" alt="x">',
  '<p onclick="x()">p</p>',
  "<p>other text</p>",
);

const sorted = (violations: ReturnType<typeof checkBuiltOutput>) =>
  violations.map((violation) => `${violation.file}: ${violation.problem}`).sort();

describe("the output gate's cache of passed documents", () => {
  test("a build checked with the cache finds exactly what a build without it finds, edit after edit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(body, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        (builds) => {
          const dist = fs.mkdtempSync(path.join(os.tmpdir(), "gate-dist-"));
          const cache = fs.mkdtempSync(path.join(os.tmpdir(), "gate-cache-"));
          for (const pages of builds) {
            fs.rmSync(dist, { recursive: true, force: true });
            fs.mkdirSync(dist);
            pages.forEach((text, index) => {
              fs.writeFileSync(path.join(dist, `p${index}.html`), page(text));
            });
            expect(sorted(checkBuiltOutput(dist, { cacheDir: cache }))).toEqual(sorted(checkBuiltOutput(dist)));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test("keeps only documents that passed, by their bytes and the gate's code, and reads them back", () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "gate-cache-"));
    const code = gateCodeHash();
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    const first = openPassedDocuments(cache, code);
    first.add("page", page("<p>ok</p>"));
    first.save();
    const second = openPassedDocuments(cache, code);
    expect(second.has("page", page("<p>ok</p>"))).toBe(true);
    // Another kind, other bytes or other code: checked again.
    expect(second.has("svg", page("<p>ok</p>"))).toBe(false);
    expect(second.has("page", page("<p>ok.</p>"))).toBe(false);
    expect(openPassedDocuments(cache, "0".repeat(64)).has("page", page("<p>ok</p>"))).toBe(false);
    // Without a cache folder, or with no code to key by, nothing is known.
    expect(openPassedDocuments(undefined, code).has("page", page("<p>ok</p>"))).toBe(false);
    expect(gateCodeHash(os.tmpdir())).toBeNull();
  });

  test("a document that broke the policy is found again on every build", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "gate-dist-"));
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "gate-cache-"));
    fs.writeFileSync(path.join(dist, "bad.html"), page('<a href="javascript:x()">x</a>'));
    fs.writeFileSync(path.join(dist, "good.html"), page("<p>ok</p>"));
    for (let build = 0; build < 3; build++) {
      expect(checkBuiltOutput(dist, { cacheDir: cache }).map((violation) => violation.file)).toEqual(["bad.html"]);
    }
  });
});
