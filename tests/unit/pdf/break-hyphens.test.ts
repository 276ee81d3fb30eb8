import { describe, expect, it } from "vitest";
import { readToUnicode } from "../../../src/lib/pdf/break-hyphens.ts";

describe("reading a font's ToUnicode CMap", () => {
  it("reads bfchar and bfrange entries, single targets counting up and arrays of targets", () => {
    const cmap = [
      "2 beginbfchar",
      "<0003> <0020>",
      "<0206> <2010>",
      "endbfchar",
      "2 beginbfrange",
      "<0044> <0046> <0061>",
      "<0050> <0051> [<0066006C> <00E9>]",
      "endbfrange",
    ].join("\n");
    const codes = readToUnicode(cmap);
    expect(codes.get("0003")).toBe(" ");
    expect(codes.get("0206")).toBe("\u2010");
    expect([codes.get("0044"), codes.get("0045"), codes.get("0046")]).toEqual(["a", "b", "c"]);
    expect([codes.get("0050"), codes.get("0051")]).toEqual(["fl", "é"]);
  });

  it("counts a range of math letters up in their surrogate pairs (U+1D44E MATHEMATICAL ITALIC SMALL A ...)", () => {
    const codes = readToUnicode("1 beginbfrange\n<0100> <0102> <D835DC4E>\nendbfrange");
    expect([codes.get("0100"), codes.get("0101"), codes.get("0102")]).toEqual(["𝑎", "𝑏", "𝑐"]);
  });
});
