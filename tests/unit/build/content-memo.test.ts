import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { openContentMemo, readContentMemo } from "../../../src/lib/build/content-memo.ts";

const temporaryFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), "content-memo-"));

describe("the content-keyed memo", () => {
  test("build after build, it gives what the function gives and computes only inputs it has not kept", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 6 }), { maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        (builds) => {
          const folder = temporaryFolder();
          const compute = (input: string) => ({ length: input.length, reversed: [...input].reverse().join("") });
          let keptBefore = new Set<string>();
          for (const inputs of builds) {
            // Each build is a new process: it reads what the last one wrote.
            const memo = readContentMemo<ReturnType<typeof compute>>(folder, "code");
            let computed = 0;
            for (const input of inputs) {
              const value = memo.get(input, () => {
                computed++;
                return compute(input);
              });
              expect(value).toEqual(compute(input));
            }
            expect(computed).toBe(new Set(inputs.filter((input) => !keptBefore.has(input))).size);
            memo.save();
            keptBefore = new Set(inputs);
          }
          fs.rmSync(folder, { recursive: true, force: true });
        },
      ),
      { numRuns: 60 },
    );
  });

  test("other code, no folder or no code computes again; a caller's change to a result never reaches the kept one", () => {
    const folder = temporaryFolder();
    const first = readContentMemo<{ items: string[] }>(folder, "code-1");
    const value = first.get("input", () => ({ items: ["a"] }));
    value.items.push("changed by the caller");
    first.save();
    expect(readContentMemo<{ items: string[] }>(folder, "code-1").get("input", () => ({ items: ["new"] }))).toEqual({
      items: ["a"],
    });
    expect(readContentMemo<{ items: string[] }>(folder, "code-2").get("input", () => ({ items: ["new"] }))).toEqual({
      items: ["new"],
    });
    const uncached = readContentMemo<number>(undefined, "code-1");
    expect(uncached.get("input", () => 1)).toBe(1);
    expect(uncached.get("input", () => 2)).toBe(2);
    expect(readContentMemo<number>(folder, null).get("input", () => 3)).toBe(3);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test("a file cut short is read as empty, and one process shares one memo per folder and code", () => {
    const folder = temporaryFolder();
    fs.writeFileSync(path.join(folder, "code.json"), '{"abc":');
    const memo = readContentMemo<number>(folder, "code");
    expect(memo.get("x", () => 7)).toBe(7);
    expect(memo.stats).toEqual({ hits: 0, misses: 1 });
    expect(openContentMemo<number>(folder, "shared")).toBe(openContentMemo<number>(folder, "shared"));
    expect(openContentMemo<number>(folder, "shared")).not.toBe(openContentMemo<number>(folder, "other"));
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
