/**
 * The fonts the project ships (OFL, from npm) and the PDF is set in: text and code in print
 * (print-fonts.css), math and every symbol the text fonts lack (global.css), an SVG figure's text
 * (svg-fonts.ts). A PDF names an embedded
 * font by its PostScript name, with a subset tag in front ("ABCDEF+Tinos-Bold").
 */
export const SHIPPED_FONTS = [
  { family: "Tinos", postScriptName: "Tinos", npmPackage: "@fontsource/tinos" },
  { family: "Cousine", postScriptName: "Cousine", npmPackage: "@fontsource/cousine" },
  // An SVG figure's sans-serif text (svg-fonts.ts), Helvetica's and Arial's metric twin.
  { family: "Arimo", postScriptName: "Arimo", npmPackage: "@fontsource/arimo" },
  { family: "STIX Two Math", postScriptName: "STIXTwoMath", npmPackage: "@fontsource/stix-two-math" },
] as const;

/** The families only print uses: a screen never fetches them, and the single file leaves them out. */
export const PRINT_FONT_FAMILIES: readonly string[] = ["Tinos", "Cousine"];

/** Whether a font a PDF embeds (its name as pdffonts lists it) is one the project ships. */
export function isShippedFont(embeddedName: string): boolean {
  const name = embeddedName.replace(/^[A-Z]{6}\+/, "");
  return SHIPPED_FONTS.some(({ postScriptName }) => name === postScriptName || name.startsWith(`${postScriptName}-`));
}
