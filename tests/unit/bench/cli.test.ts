import { describe, expect, test } from "vitest";
import { BenchUsageError, parseBenchArgs, usage } from "../../../scripts/bench/cli.ts";

const known = ["real", "editions", "pages", "lighthouse", "scale"];

describe("parseBenchArgs", () => {
  test("no name runs every benchmark, in the registry's order", () => {
    expect(parseBenchArgs([], known)).toEqual({ names: known, quick: false, all: true, help: false });
  });

  test("names run only those, in the registry's order, whatever order they were typed in", () => {
    const request = parseBenchArgs(["scale", "--quick", "real"], known);
    expect(request).toEqual({ names: ["real", "scale"], quick: true, all: false, help: false });
  });

  test("--no-lighthouse and --no-scale leave one out of a run of all, which then stands for no full run", () => {
    expect(parseBenchArgs(["--no-lighthouse", "--no-scale"], known)).toMatchObject({
      names: ["real", "editions", "pages"],
      all: false,
    });
  });

  test("an unknown name or option is refused with the names there are", () => {
    expect(() => parseBenchArgs(["lighthous"], known)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(["lighthous"], known)).toThrow(/real, editions, pages, lighthouse, scale/);
    expect(() => parseBenchArgs(["--fast"], known)).toThrow(/unknown option --fast/);
  });

  test("the help lists every benchmark with what it measures", () => {
    const text = usage([
      { name: "real", description: "the real report" },
      { name: "lighthouse", description: "Lighthouse" },
    ]);
    expect(text).toContain("  real        the real report");
    expect(text).toContain("  lighthouse  Lighthouse");
  });
});
