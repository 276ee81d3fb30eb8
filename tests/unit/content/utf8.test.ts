import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { findUtf8Fault, readUtf8 } from "../../../src/lib/content/utf8.ts";

describe("UTF-8", () => {
  test("finds the first bad byte, its offset and line", () => {
    expect(findUtf8Fault(Buffer.from("héllo\n", "utf8"))).toBeUndefined();
    expect(findUtf8Fault(Buffer.from([0x61, 0x0a, 0x62, 0xe9, 0x63]))).toEqual({ offset: 3, line: 2 });
    // Overlong encodings and surrogates are not UTF-8 either.
    expect(findUtf8Fault(Buffer.from([0xc0, 0xaf]))).toEqual({ offset: 0, line: 1 });
    expect(findUtf8Fault(Buffer.from([0xed, 0xa0, 0x80]))).toEqual({ offset: 0, line: 1 });
    expect(findUtf8Fault(Buffer.from([0xf0, 0x9f, 0x98]))).toEqual({ offset: 0, line: 1 });
  });

  test("reads a BOM and CRLF file, and names the byte of a Latin-1 one", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "utf8-"));
    const good = path.join(folder, "good.yaml");
    fs.writeFileSync(good, Buffer.from("\uFEFFa: 1\r\nb: 2\r\n", "utf8"));
    expect(readUtf8(good)).toBe("a: 1\r\nb: 2\r\n");
    const bad = path.join(folder, "bad.bib");
    fs.writeFileSync(bad, Buffer.from([0x61, 0x0a, 0x63, 0x61, 0x66, 0xe9]));
    expect(() => readUtf8(bad)).toThrow(
      /bad\.bib:2: .*0xE9 at byte offset 5 \(line 2\)[\s\S]*Fix: save the file as UTF-8/,
    );
    fs.rmSync(folder, { recursive: true });
  });
});
