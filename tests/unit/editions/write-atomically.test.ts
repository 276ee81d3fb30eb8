import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeAtomically } from "../../../src/lib/editions/write-atomically.ts";

describe("writeAtomically", () => {
  it("writes the whole file and leaves no temporary file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atomic-"));
    writeAtomically(path.join(dir, "a.epub"), "complete");
    expect(fs.readdirSync(dir)).toEqual(["a.epub"]);
    expect(fs.readFileSync(path.join(dir, "a.epub"), "utf8")).toBe("complete");
  });

  it("leaves neither the target nor a partial file when the write fails", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atomic-"));
    // A folder in the way makes the final rename fail after the bytes were written.
    fs.mkdirSync(path.join(dir, "a.epub"));
    fs.writeFileSync(path.join(dir, "a.epub", "keep"), "");
    expect(() => writeAtomically(path.join(dir, "a.epub"), "bytes")).toThrow();
    expect(fs.readdirSync(dir)).toEqual(["a.epub"]);
    expect(fs.statSync(path.join(dir, "a.epub")).isDirectory()).toBe(true);
  });
});
