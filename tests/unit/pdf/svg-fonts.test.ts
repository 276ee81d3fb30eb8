import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { shippedFamilyFor, svgWithShippedFonts } from "../../../src/lib/pdf/svg-fonts.ts";

const drawio = fs.readFileSync(
  path.resolve(import.meta.dirname, "../../fixtures/rich-report/sections/images/group-cycle.drawio.svg"),
  "utf8",
);
const families = (svg: string) =>
  [...svg.matchAll(/font-family\s*[:=]\s*["']?([^;"'}]+)/gi)].map((match) => match[1]?.trim());

describe("an SVG figure's text printed in shipped fonts", () => {
  test("each family asked for becomes its shipped metric twin", () => {
    expect(shippedFamilyFor("Helvetica")).toBe("Arimo");
    expect(shippedFamilyFor('"Helvetica Neue", Arial, sans-serif')).toBe("Arimo");
    expect(shippedFamilyFor("&quot;Times New Roman&quot;, serif")).toBe("Tinos");
    expect(shippedFamilyFor("Courier New, monospace")).toBe("Cousine");
    expect(shippedFamilyFor("sans-serif")).toBe("Arimo");
    expect(shippedFamilyFor("serif")).toBe("Tinos");
  });

  test("a real draw.io figure names only shipped fonts and carries them", () => {
    expect(new Set(families(drawio))).toEqual(new Set(["Helvetica"]));
    const printed = svgWithShippedFonts(drawio);
    const outsideStyle = printed.replace(/<style>[\s\S]*?<\/style>/g, "");
    // Its Helvetica text in Arimo; the root, which named no font, in Tinos.
    expect(families(outsideStyle).filter((family) => family === "Arimo")).toHaveLength(families(drawio).length);
    expect(new Set(families(outsideStyle))).toEqual(new Set(["Arimo", "Tinos"]));
    expect(printed).toContain(
      '@font-face{font-family:"Arimo";font-style:normal;font-weight:400;src:url(data:font/woff2;base64,',
    );
    // Its drawing is unchanged: the same elements, in the same order.
    const tags = (svg: string) =>
      [...svg.replace(/<style>[\s\S]*?<\/style>/g, "").matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]);
    expect(tags(printed)).toEqual(tags(drawio));
  });

  test("text without a font gets Tinos on the root; an SVG without text is left as it is", () => {
    const printed = svgWithShippedFonts('<svg xmlns="http://www.w3.org/2000/svg"><text>a</text></svg>');
    expect(printed).toMatch(
      /^<svg font-family="Tinos" xmlns="http:\/\/www.w3.org\/2000\/svg"><style>@font-face\{font-family:"Tinos"/,
    );
    const drawing = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>';
    expect(svgWithShippedFonts(drawing)).toBe(drawing);
  });

  test("whatever family list an SVG gives, printed it names shipped families only", () => {
    const family = fc.stringMatching(/^[A-Za-z][A-Za-z -]{0,20}$/);
    fc.assert(
      fc.property(fc.array(family, { minLength: 1, maxLength: 4 }), fc.boolean(), (list, asCss) => {
        const names = list.join(", ");
        const svg = asCss
          ? `<svg xmlns="http://www.w3.org/2000/svg"><text style="fill: red; font-family: ${names}; font-size: 3px">a</text></svg>`
          : `<svg xmlns="http://www.w3.org/2000/svg"><text font-family="${names}">a</text></svg>`;
        const found = families(svgWithShippedFonts(svg).replace(/<style>[\s\S]*?<\/style>/g, ""));
        return found.length > 0 && found.every((name) => ["Arimo", "Tinos", "Cousine"].includes(name ?? ""));
      }),
    );
  });
});
