import fs from "node:fs";
import { createRequire } from "node:module";

/**
 * An SVG figure's text in the PDF in fonts the project ships. An SVG shown by <img> is a document of
 * its own: it cannot use the page's web fonts, so its "Helvetica" became whatever the printing
 * machine had (Liberation Sans here, something else elsewhere). The printed copy of each SVG (the
 * built file is left as it is) names the shipped metric twin of each family it asks for (Arimo for
 * Helvetica and Arial, Tinos for Times and serif, Cousine for Courier and monospace) and carries
 * those fonts inside itself.
 */

const require = createRequire(import.meta.url);

/** The shipped families an SVG's text can be printed in. */
export type SvgPrintFamily = "Arimo" | "Tinos" | "Cousine";

const PACKAGE: Record<SvgPrintFamily, string> = {
  Arimo: "@fontsource/arimo",
  Tinos: "@fontsource/tinos",
  Cousine: "@fontsource/cousine",
};

/** Fontsource's subsets and their ranges (as in its CSS): Latin, then the rest of Europe's Latin letters. */
const SUBSETS = {
  latin:
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
  "latin-ext":
    "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF",
} as const;

/** The shipped family for an SVG's font list: the kind of the first family it names that says one. */
export function shippedFamilyFor(fontList: string): SvgPrintFamily {
  const families = fontList
    .replace(/&quot;|&#34;|&apos;|&#39;/g, "")
    .split(",")
    .map((family) =>
      family
        .trim()
        .replace(/^["']|["']$/g, "")
        .toLowerCase(),
    );
  for (const family of families) {
    if (/mono|courier|consol|menlo|monaco/.test(family)) return "Cousine";
    if (/sans|helvetica|arial|verdana|tahoma|segoe|roboto|system-ui|ui-|inter\b/.test(family)) return "Arimo";
    if (/serif|times|georgia|garamond|palatino|cambria|charter|iowan|book/.test(family)) return "Tinos";
  }
  return "Arimo";
}

function fontFaces(family: SvgPrintFamily): string {
  const name = family.toLowerCase();
  const faces: string[] = [];
  for (const weight of [400, 700])
    for (const style of ["normal", "italic"])
      for (const [subset, range] of Object.entries(SUBSETS)) {
        const file = require.resolve(`${PACKAGE[family]}/files/${name}-${subset}-${weight}-${style}.woff2`);
        const data = fs.readFileSync(file).toString("base64");
        faces.push(
          `@font-face{font-family:"${family}";font-style:${style};font-weight:${weight};src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${range}}`,
        );
      }
  return faces.join("");
}

/**
 * The SVG's text with every font it asks for replaced by its shipped twin, and those fonts inside it;
 * text without a font of its own gets Tinos, as a browser gives such text its serif. An SVG without
 * text is returned as it is.
 */
export function svgWithShippedFonts(svg: string): string {
  if (!/<(text|foreignObject)\b/i.test(svg)) return svg;
  const used = new Set<SvgPrintFamily>();
  const named = (list: string) => {
    const family = shippedFamilyFor(list);
    used.add(family);
    return family;
  };
  const inCss = (css: string) =>
    css.replace(/(font-family\s*:\s*)([^;}]*)/gi, (_, start: string, list: string) => `${start}${named(list)}`);
  const rewritten = svg
    .replace(/(\sfont-family\s*=\s*)(["'])(.*?)\2/gi, (_, start: string, quote: string, list: string) => {
      return `${start}${quote}${named(list)}${quote}`;
    })
    .replace(/(\sstyle\s*=\s*)(["'])(.*?)\2/gis, (_, start: string, quote: string, css: string) => {
      return `${start}${quote}${inCss(css)}${quote}`;
    })
    .replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi, (_, open: string, css: string, close: string) => {
      return `${open}${inCss(css)}${close}`;
    });
  return rewritten.replace(/<svg\b[^>]*>/i, (open) => {
    // The root's own font, as a presentation attribute: inherited, and below every rule of the SVG's.
    const rooted = /\sfont-family\s*=/i.test(open) ? open : open.replace(/^<svg\b/i, '<svg font-family="Tinos"');
    if (!/\sfont-family\s*=/i.test(open)) used.add("Tinos");
    return `${rooted}<style>${[...used].map(fontFaces).join("")}</style>`;
  });
}
