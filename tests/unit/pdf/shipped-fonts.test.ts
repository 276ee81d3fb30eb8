import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { isShippedFont, PRINT_FONT_FAMILIES, SHIPPED_FONTS } from "../../../src/lib/pdf/shipped-fonts.ts";

const projectRoot = path.resolve(import.meta.dirname, "../../..");

describe("the fonts the project ships", () => {
  test("an embedded font is shipped by its PostScript name, with or without a subset tag", () => {
    expect(isShippedFont("AAAAAA+Tinos")).toBe(true);
    expect(isShippedFont("BAAAAA+Tinos-BoldItalic")).toBe(true);
    expect(isShippedFont("Cousine-Bold")).toBe(true);
    expect(isShippedFont("DAAAAA+STIXTwoMath-Regular")).toBe(true);
    // The machine's fonts, which a PDF must not depend on.
    expect(isShippedFont("EAAAAA+DejaVuSerif")).toBe(false);
    expect(isShippedFont("AAAAAA+LiberationSerif")).toBe(false);
    expect(isShippedFont("TinosX")).toBe(false);
  });

  test("every shipped font is a dependency, and every print family has its @font-face in print-fonts.css", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    for (const font of SHIPPED_FONTS) expect(pkg.dependencies).toHaveProperty([font.npmPackage]);
    const css = fs.readFileSync(path.join(projectRoot, "src/styles/print-fonts.css"), "utf8");
    for (const family of PRINT_FONT_FAMILIES) {
      expect(css).toContain(`font-family: "${family}"`);
      for (const [, file] of css.matchAll(/url\("\.\.\/\.\.\/(node_modules\/[^"]+)"\)/g))
        expect(fs.existsSync(path.join(projectRoot, file ?? ""))).toBe(true);
    }
  });
});
