import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseAttributes, trailingAttributes } from "../../../../src/lib/content/pandoc/attributes.ts";

const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/);
// Braces inside a quoted value are not read (the block ends at the first closing brace).
const value = fc.string({ maxLength: 12 }).filter((text) => !/["\\\n\r{}]/.test(text));

describe("Pandoc attribute blocks", () => {
  test("identifier, classes and pairs, quoted or not, as Pandoc's manual writes them", () => {
    const read = parseAttributes("#fig-x .unnumbered width=60% fig-alt=\"A chart, in blue\" lst-cap='The mean'");
    expect(read?.id).toBe("fig-x");
    expect(read?.classes).toEqual(["unnumbered"]);
    expect(Object.fromEntries(read?.values ?? [])).toEqual({
      width: "60%",
      "fig-alt": "A chart, in blue",
      "lst-cap": "The mean",
    });
    expect(parseAttributes("-")?.classes).toEqual(["unnumbered"]);
    expect(parseAttributes("#sec:intro")?.id).toBe("sec:intro");
  });

  test("text in braces that is no attribute block stays text", () => {
    for (const text of ["braces", "a, b", "#a #b", "x = 1", "", "#", ".", '"quoted"']) {
      expect(parseAttributes(text), text).toBeUndefined();
    }
    expect(trailingAttributes("The set {1, 2}")).toBeUndefined();
  });

  test("property: any block written from parts reads back as those parts", () => {
    fc.assert(
      fc.property(
        fc.option(name, { nil: undefined }),
        fc.array(name, { maxLength: 3 }),
        fc.uniqueArray(fc.tuple(name, value), { maxLength: 3, selector: ([key]) => key }),
        (id, classes, pairs) => {
          const parts = [
            ...(id === undefined ? [] : [`#${id}`]),
            ...classes.map((item) => `.${item}`),
            ...pairs.map(([key, text]) => `${key}="${text}"`),
          ];
          fc.pre(parts.length > 0);
          const read = parseAttributes(parts.join(" "));
          expect(read?.id).toBe(id);
          expect(read?.classes).toEqual(classes);
          expect([...(read?.values ?? [])]).toEqual(pairs);
          const trailing = trailingAttributes(`Heading text {${parts.join(" ")}}`);
          expect(trailing?.before).toBe("Heading text");
        },
      ),
    );
  });
});
