import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BuiltFiles, resolveInside } from "../../../src/lib/build/read-gate.ts";
import { buildSingleFileHtml } from "../../../src/lib/editions/single-file-html.ts";

function tree() {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "read-gate-")));
  const content = path.join(top, "content");
  fs.mkdirSync(path.join(content, "sections", "images"), { recursive: true });
  fs.writeFileSync(path.join(content, "sections", "images", "chart.png"), "png");
  fs.writeFileSync(path.join(top, "secret.env"), "TOKEN=hunter2");
  return { top, content, sections: path.join(content, "sections") };
}

describe("content paths resolve as browser and file system do, inside the content folder", () => {
  const t = tree();
  test.each([
    "./images/chart.png",
    "images/chart.png",
    "images\\chart.png",
    "./images/%63hart.png",
    "../sections/images/chart.png?v=1#x",
  ])("%s is inside", (reference) => {
    expect(resolveInside(t.content, t.sections, reference)).toEqual({
      file: path.join(t.sections, "images", "chart.png"),
    });
  });

  test.each([
    ["../../secret.env", /leads out of the content folder/],
    ["%2e%2e/%2e%2e/secret.env", /leads out of the content folder/],
    ["..%2f..%2fsecret.env", /hides a path separator/],
    ["..\\..\\secret.env", /leads out of the content folder/],
    ["/../secret.env", /leads out of the content folder/],
    ["/%2E%2E/secret.env", /leads out of the content folder/],
    ["images/%zz.png", /not a percent-escape/],
    ["images/a%00.png", /hides a path separator/],
  ])("%s is refused", (reference, problem) => {
    const resolved = resolveInside(t.content, t.sections, reference);
    expect("problem" in resolved && resolved.problem).toMatch(problem);
  });

  test("a symlink inside the folder to a file outside is refused", () => {
    fs.symlinkSync(path.join(t.top, "secret.env"), path.join(t.sections, "images", "innocent.png"));
    const resolved = resolveInside(t.content, t.sections, "./images/innocent.png");
    expect("problem" in resolved && resolved.problem).toMatch(/symlink.*outside the content folder/);
  });

  test("property: whatever the encoding, a path either resolves inside or is refused", () => {
    const piece = fc.constantFrom(
      "..",
      ".",
      "%2e%2e",
      "%2E.",
      ".%2e",
      "images",
      "chart.png",
      "secret.env",
      "",
      "%5c",
      "%2f",
      "\\",
      "%00",
      "sections",
      "content",
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(piece, { maxLength: 8 }), fc.constantFrom("/", "\\"), (rooted, parts, sep) => {
        const reference = `${rooted ? sep : ""}${parts.join(sep)}`;
        const resolved = resolveInside(t.content, t.sections, reference);
        if ("file" in resolved) {
          const real = fs.existsSync(resolved.file) ? fs.realpathSync(resolved.file) : resolved.file;
          expect(real === t.content || real.startsWith(`${t.content}${path.sep}`), reference).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the editions embed only files the build wrote", () => {
  test("an image path in the page that climbs out of the output folder is not embedded", () => {
    const t = tree();
    const dist = path.join(t.top, "dist");
    fs.mkdirSync(path.join(dist, "report"), { recursive: true });
    for (const src of ["/..%2f..%2fsecret.env", "/%2e%2e/secret.env", "..\\..\\secret.env", "/report/link.png"]) {
      fs.rmSync(path.join(dist, "report", "link.png"), { force: true });
      fs.symlinkSync(path.join(t.top, "secret.env"), path.join(dist, "report", "link.png"));
      fs.writeFileSync(
        path.join(dist, "report", "index.html"),
        `<!doctype html><html><head><title>r</title></head><body><img src="${src}" alt=""></body></html>`,
      );
      expect(() => buildSingleFileHtml({ distDir: dist, base: "/", site: undefined }), src).toThrow(
        /is not a file the build wrote/,
      );
    }
  });

  test("the manifest holds the build's regular files by site path, base included", () => {
    const t = tree();
    const dist = path.join(t.top, "dist");
    fs.mkdirSync(path.join(dist, "_astro"), { recursive: true });
    fs.writeFileSync(path.join(dist, "_astro", "a b.png"), "x");
    const built = new BuiltFiles(dist, "/course/");
    expect(built.fileOf("../_astro/a%20b.png", "/course/report/")).toBe(path.join(dist, "_astro", "a b.png"));
    expect(built.fileOf("/_astro/a%20b.png", "/course/report/")).toBeUndefined();
    expect(built.fileOf("https://example.org/course/_astro/a%20b.png", "/course/report/")).toBeUndefined();
  });
});
