/**
 * Inline TeX math in a .bib file (`$H\rightarrow aa$`, `\(\sqrt{s} = 13\,\text{TeV}\)`) made ready
 * for the BibTeX parser, which writes it as Unicode text but drops what it cannot set: the spaces TeX
 * puts around a relation (it printed "H→aa→4γ", "√s=13"), a spacing command (`~` stayed a tilde), an
 * accent over a symbol (`\bar\nu` lost its bar) and a prime (`W'`). APA 7 (6.45) spaces math as words
 * around its operators, "a + b = c": a relation gets a no-break space on each side, as Pandoc's TeX
 * converter gives it a space.
 */

const NO_BREAK_SPACE = "\u00a0";
const NARROW_NO_BREAK_SPACE = "\u202f";
const COMBINING_MACRON = "\u0304";

/** Inline math: `$...$` or `\(...\)` within one line, neither delimiter escaped. */
const INLINE_MATH = /(?<!\\)\$([^$\n]+?)(?<!\\)\$|\\\(([^\n]+?)\\\)/g;

const RELATION_COMMANDS = [
  "to",
  "rightarrow",
  "leftarrow",
  "leftrightarrow",
  "longrightarrow",
  "longleftarrow",
  "Rightarrow",
  "Leftarrow",
  "Leftrightarrow",
  "mapsto",
  "leq",
  "le",
  "geq",
  "ge",
  "neq",
  "ne",
  "approx",
  "simeq",
  "sim",
  "equiv",
  "propto",
  "ll",
  "gg",
];
const RELATION = new RegExp(`\\s*(=|<|>|\\\\(?:${RELATION_COMMANDS.join("|")})(?![A-Za-z]))\\s*`, "g");
const ACCENTED = /\\(?:bar|overline)\s*(?:\{\s*(\\[A-Za-z]+|[A-Za-z0-9])\s*\}|(\\[A-Za-z]+|[A-Za-z0-9]))/g;

/** One formula's TeX, spaced and accented so that the parser's Unicode reads as the formula. */
export function spacedMath(tex: string): string {
  const spaced = tex
    .replace(ACCENTED, (_all, braced?: string, bare?: string) => `${braced ?? bare ?? ""}${COMBINING_MACRON}`)
    .replace(/'/g, "\u2032")
    // The parser reads \text after a space character as a word "\textTeV"; \mathrm it sets as text.
    .replace(/\\(?:text|textrm|mbox)\s*\{/g, "\\mathrm{")
    .replace(/\\,/g, NARROW_NO_BREAK_SPACE)
    .replace(/~|\\[;: ]|\\quad(?![A-Za-z])/g, NO_BREAK_SPACE)
    .replace(RELATION, `${NO_BREAK_SPACE}$1${NO_BREAK_SPACE}`);
  // A relation at the formula's edge ("$\to$") stands beside the text's own spacing.
  return spaced.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, "");
}

/** The source with every inline formula spaced for the parser (`spacedMath`); the rest unchanged. */
export function mathSpacedForParser(source: string): string {
  if (!source.includes("$") && !source.includes("\\(")) return source;
  return source.replace(INLINE_MATH, (all, dollars?: string, parens?: string) => {
    const tex = dollars ?? parens;
    if (tex === undefined) return all;
    return dollars !== undefined ? `$${spacedMath(tex)}$` : `\\(${spacedMath(tex)}\\)`;
  });
}
