import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BUILD_MARKER, checkOutputFolder, outputFile, prepareOutputFolder } from "../../../src/lib/build/write-gate.ts";

/** A project with a content folder and a home folder, all in a fresh temporary folder. */
function project() {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "write-gate-")));
  const projectRoot = path.join(top, "home", "me", "site");
  const contentDir = path.join(projectRoot, "content");
  fs.mkdirSync(path.join(contentDir, "sections"), { recursive: true });
  fs.writeFileSync(path.join(contentDir, "report.yaml"), "title: x\n");
  fs.mkdirSync(path.join(projectRoot, ".git"));
  return { top, projectRoot, contentDir, home: path.join(top, "home", "me") };
}

describe("the output folder may not hold or lie in what the build must keep", () => {
  const p = project();
  const folders = { contentDir: p.contentDir, projectRoot: p.projectRoot, home: p.home };
  test.each([
    ["the content folder", p.contentDir, /is or contains the content folder/],
    [
      "a folder inside the content folder",
      path.join(p.contentDir, "sections", "out"),
      /lies inside the content folder/,
    ],
    ["the project root", p.projectRoot, /is or contains the content folder|is or contains the project folder/],
    ["a folder containing the project", path.dirname(p.projectRoot), /home folder|contains the content folder/],
    ["the home folder", p.home, /is the home folder|contains the content folder/],
    ["the root of the file system", "/", /root of the file system/],
    ["a .git folder", path.join(p.projectRoot, ".git", "out"), /inside a \.git folder/],
    ["the content folder written with ..", path.join(p.contentDir, "sections", ".."), /content folder/],
  ])("%s is refused", (_name, outDir, message) => {
    expect(() => checkOutputFolder(outDir, folders)).toThrow(message);
    expect(() => checkOutputFolder(outDir, folders)).toThrow(/Fix: set REPORT_OUT_DIR/);
  });

  test("a symlink to the content folder is the content folder", () => {
    const link = path.join(p.top, "link-to-content");
    fs.symlinkSync(p.contentDir, link);
    expect(() => checkOutputFolder(link, folders)).toThrow(/content folder/);
  });

  test("dist in the project is accepted", () => {
    expect(() => checkOutputFolder(path.join(p.projectRoot, "dist"), folders)).not.toThrow();
  });
});

describe("a non-empty output folder is emptied only when an earlier build marked it", () => {
  test("a folder of someone's files stops the build and keeps every file", () => {
    const p = project();
    const outDir = path.join(p.top, "photos");
    fs.mkdirSync(outDir);
    fs.writeFileSync(path.join(outDir, "holiday.jpg"), "x");
    const folders = { contentDir: p.contentDir, projectRoot: p.projectRoot, home: p.home };
    expect(() => prepareOutputFolder(outDir, folders)).toThrow(
      /holds files no build of this project wrote \(holiday\.jpg\)/,
    );
    expect(fs.readdirSync(outDir)).toEqual(["holiday.jpg"]);
  });

  test("a marked folder is emptied and keeps its marker; a new one is created marked", () => {
    const p = project();
    const folders = { contentDir: p.contentDir, projectRoot: p.projectRoot, home: p.home };
    const outDir = path.join(p.top, "out", "site");
    prepareOutputFolder(outDir, folders);
    expect(fs.readdirSync(outDir)).toEqual([BUILD_MARKER]);
    fs.mkdirSync(path.join(outDir, "_astro"));
    fs.writeFileSync(path.join(outDir, "index.html"), "x");
    prepareOutputFolder(outDir, folders);
    expect(fs.readdirSync(outDir)).toEqual([BUILD_MARKER]);
  });

  test("a stray file named like the marker does not count", () => {
    const p = project();
    const folders = { contentDir: p.contentDir, projectRoot: p.projectRoot, home: p.home };
    const outDir = path.join(p.top, "other");
    fs.mkdirSync(outDir);
    fs.writeFileSync(path.join(outDir, BUILD_MARKER), "");
    fs.writeFileSync(path.join(outDir, "notes.txt"), "keep me");
    expect(() => prepareOutputFolder(outDir, folders)).toThrow(/holds files no build/);
    expect(fs.readFileSync(path.join(outDir, "notes.txt"), "utf8")).toBe("keep me");
  });
});

describe("names made from content take no file the site writes", () => {
  test("index.html, a hidden name and a path are refused", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "names-"));
    fs.writeFileSync(path.join(dir, "index.html"), "home");
    expect(() => outputFile(dir, "index.html", "report.yaml: pdfName")).toThrow(
      /taken by a file the site itself writes/,
    );
    expect(() => outputFile(dir, "../x.html", "o")).toThrow(/not a plain file name/);
    expect(() => outputFile(dir, ".x", "o")).toThrow(/not a plain file name/);
    expect(outputFile(dir, "report.html", "o")).toBe(path.join(dir, "report.html"));
  });
});

describe("property: no output folder setting lets the build delete the project or the content", () => {
  // Paths built from the project's own folders with tricks: .., ., doubled slashes, symlinks.
  test("every accepted folder lies outside the content folder and holds neither it nor the project", () => {
    const p = project();
    const folders = { contentDir: p.contentDir, projectRoot: p.projectRoot, home: p.home };
    fs.symlinkSync(p.projectRoot, path.join(p.top, "alias"));
    const segment = fc.constantFrom(
      "..",
      ".",
      "",
      "content",
      "site",
      "sections",
      "dist",
      "alias",
      "me",
      "home",
      ".git",
    );
    fc.assert(
      fc.property(
        fc.constantFrom(p.top, p.projectRoot, p.contentDir),
        fc.array(segment, { maxLength: 6 }),
        (start, parts) => {
          const outDir = [start, ...parts].join("/");
          let accepted = true;
          try {
            checkOutputFolder(outDir, folders);
          } catch {
            accepted = false;
          }
          if (!accepted) return;
          const real = (target: string) => {
            let existing = path.resolve(target);
            const rest: string[] = [];
            while (!fs.existsSync(existing)) {
              rest.unshift(path.basename(existing));
              existing = path.dirname(existing);
            }
            return path.join(fs.realpathSync(existing), ...rest);
          };
          const out = real(outDir);
          const inside = (a: string, b: string) => a === b || a.startsWith(`${b}/`);
          expect(inside(p.contentDir, out)).toBe(false);
          expect(inside(out, p.contentDir)).toBe(false);
          expect(inside(p.projectRoot, out)).toBe(false);
          expect(out.split("/")).not.toContain(".git");
        },
      ),
      { numRuns: 300 },
    );
  });
});
