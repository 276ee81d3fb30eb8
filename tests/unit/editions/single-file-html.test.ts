import { describe, expect, it } from "vitest";
import { MATH_FONT_FAMILY, singleFileCsp, withoutUnusedFonts } from "../../../src/lib/editions/single-file-html.ts";
import { PRINT_FONT_FAMILIES } from "../../../src/lib/pdf/shipped-fonts.ts";

describe("singleFileCsp", () => {
  it("allows styles only by hash and loads nothing but data: images and fonts", () => {
    const policy = singleFileCsp(["abc=", "def="]);
    expect(policy).toContain("style-src 'sha256-abc=' 'sha256-def=';");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/'self'|unsafe|https?:/);
  });
});

describe("withoutUnusedFonts", () => {
  const mathFace = `@font-face{font-family:${MATH_FONT_FAMILY};src:url(/_astro/math.woff2)format("woff2")}`;
  const otherFace = '@font-face{font-family:"Body";src:url(/_astro/body.woff2)}';
  const rules = "math{font-family:STIX Two Math,math}p{margin:0}";

  it("drops the math font's @font-face from a document without math, and keeps every other rule", () => {
    expect(withoutUnusedFonts(`${mathFace}${otherFace}${rules}`, false)).toBe(`${otherFace}${rules}`);
  });

  it("keeps the stylesheet whole for a document that shows math", () => {
    expect(withoutUnusedFonts(`${mathFace}${rules}`, true)).toBe(`${mathFace}${rules}`);
  });

  it("drops the print fonts' @font-face rules, quoted or not, with or without math", () => {
    const printFaces = PRINT_FONT_FAMILIES.map(
      (family, index) =>
        `@font-face{font-family:${index % 2 ? family : `"${family}"`};src:url(/_astro/p${index}.woff2)}`,
    ).join("");
    expect(withoutUnusedFonts(`${printFaces}${mathFace}${otherFace}${rules}`, true)).toBe(
      `${mathFace}${otherFace}${rules}`,
    );
    expect(withoutUnusedFonts(`${printFaces}${otherFace}`, false)).toBe(otherFace);
  });
});
