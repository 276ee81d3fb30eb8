import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { checkContentFolder } from "../../../../src/lib/content/policy/check-content-folder.ts";
import { splitFrontmatter } from "../../../../src/lib/content/yaml-file.ts";

describe("the content folder", () => {
  test("keeps body lines where the file has them", () => {
    const split = splitFrontmatter("\uFEFF---\r\ntitle: A\r\n---\r\n\r\nText\r\n");
    expect(split.yaml).toBe("title: A");
    expect(split.body.split("\n")[4]).toBe("Text");
  });

  test("a folder that is not there says so", () => {
    expect(() => checkContentFolder("/nonexistent/content")).toThrow(
      /does not exist[\s\S]*Fix: set REPORT_CONTENT_DIR/,
    );
  });
});

describe("what the content folder may not hold", () => {
  const copy = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
    fs.cpSync(path.resolve(import.meta.dirname, "../../../../content"), dir, { recursive: true });
    return dir;
  };
  const problemsOf = (dir: string): string => {
    try {
      checkContentFolder(dir);
      return "";
    } catch (error) {
      return String((error as Error).message);
    }
  };

  test("a symbolic link, to a file or a folder, is named with where it leads", () => {
    const dir = copy();
    fs.symlinkSync("/etc/hostname", path.join(dir, "sections", "notes.txt"));
    fs.symlinkSync("/etc", path.join(dir, "pages", "etc"));
    const message = problemsOf(dir);
    expect(message).toMatch(/sections\/notes\.txt: the file is a symbolic link \(to \/etc\/hostname\)/);
    expect(message).toMatch(/pages\/etc: the file is a symbolic link \(to \/etc\)/);
    expect(message).toMatch(/Fix: copy the file into the content folder/);
  });

  test("an empty sections folder stops the check before any page is built", () => {
    const dir = copy();
    for (const name of fs.readdirSync(path.join(dir, "sections")))
      fs.rmSync(path.join(dir, "sections", name), { recursive: true });
    expect(problemsOf(dir)).toMatch(/sections: the report has no section[\s\S]*Fix: write the first section/);
  });

  test("a text file over the size limit is named, unread", () => {
    const dir = copy();
    fs.writeFileSync(path.join(dir, "sections", "huge.mdx"), Buffer.alloc(3 * 1024 * 1024, "a"));
    expect(problemsOf(dir)).toMatch(
      /huge\.mdx: the file holds 3\.0 MB of text; a text file of the content folder may hold at most 2 MB/,
    );
  });
});
