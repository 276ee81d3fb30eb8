import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { markPandocSource } from "../../../../src/lib/content/pandoc/source-marks.ts";

describe("markPandocSource", () => {
  test("fence lines become thematic breaks and equation labels spaces, line for line", () => {
    const source = "Text\n::: {.callout-note}\nInside.\n:::\n\n$$\nE = mc^2\n$$ {#eq-energy}\n\n$$ x $$ {#eq:x}\n";
    const { text, marks } = markPandocSource(source);
    expect(text.split("\n")).toEqual([
      "Text",
      "***                ",
      "Inside.",
      "***",
      "",
      "$$",
      "E = mc^2",
      "$$             ",
      "",
      "$$ x $$        ",
      "",
    ]);
    expect([...marks.fences.values()].map(({ line, info }) => [line, info])).toEqual([
      [2, "{.callout-note}"],
      [4, ""],
    ]);
    expect([...marks.equationLabels]).toEqual([
      [8, "eq-energy"],
      [10, "eq:x"],
    ]);
  });

  test("nothing inside a code block is touched", () => {
    const source = "```markdown\n::: {.note}\n$$ {#eq-x}\n:::\n```\n";
    expect(markPandocSource(source).text).toBe(source);
  });

  test("property: the marked text has the source's length and lines, whatever the source", () => {
    const line = fc.oneof(
      fc.constantFrom(":::", "::: {.callout-tip}", "$$", "$$ {#eq-a}", "```", "~~~~", "text", "", ":::: note"),
      fc.string({ maxLength: 20 }).filter((text) => !text.includes("\n")),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const source = lines.join("\n");
        const { text } = markPandocSource(source);
        expect(text.length).toBe(source.length);
        expect(text.split("\n").map((row) => row.length)).toEqual(source.split("\n").map((row) => row.length));
      }),
    );
  });
});
