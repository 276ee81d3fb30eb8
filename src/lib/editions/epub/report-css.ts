/**
 * An algorithm's steps nested by depth as on the site (figures.css): the markup gives only the depth
 * (algorithm-depth-0 to -8, pandoc-tree.ts).
 */
const ALGORITHM_DEPTHS = Array.from(
  { length: 8 },
  (_, index) => `.algorithm-depth-${index + 1} { padding-left: ${(index + 1) * 1.5}em; }`,
).join("\n");

/**
 * The EPUB's stylesheet: reading systems bring their own fonts, sizes and night modes, so it only
 * says what the markup cannot (hidden helper text, hanging references, the timeline list, APA 7's
 * figure caption above its figure, an algorithm's nesting). Heading sizes are set, not left to the
 * reading system: the legacy rule of browsers' own stylesheets, which older reading systems keep,
 * makes an h1 inside a <section> 1.5em, an h2's size, so a section's title looked like its subheadings.
 * No table scrolls, since many reading systems cannot scroll a box sideways: a table is set a little
 * smaller, breaks lines only between words, and stacks its rows on a narrow screen (reader-tables.ts).
 */
export const EPUB_CSS = `body { line-height: 1.5; }
h1, h2, h3, h4 { line-height: 1.25; page-break-after: avoid; }
h1 { font-size: 2em; }
h2 { font-size: 1.5em; }
h3 { font-size: 1.25em; }
h4 { font-size: 1.1em; }
.visually-hidden, .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.reference-list { list-style: none; padding-left: 0; }
.reference-text { padding-left: 2em; text-indent: -2em; margin-bottom: 0.2em; }
.cited-by { margin-top: 0; font-size: 0.9em; }
figure { margin: 1em 0; page-break-inside: avoid; }
figcaption { font-size: 0.9em; }
.caption-number { display: block; font-weight: bold; }
.figure { display: flex; flex-direction: column; }
.figure figcaption { order: -1; margin-bottom: 0.5em; }
.algorithm-body { border-top: 1px solid; border-bottom: 1px solid; padding: 0.3em 0; }
.algorithm-line { margin: 0.15em 0; overflow-wrap: anywhere; }
${ALGORITHM_DEPTHS}
img { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.table-scroll { max-width: 100%; }
table { border-collapse: collapse; font-size: 0.85em; }
th, td { padding: 0.2em 0.4em; vertical-align: top; text-align: left; overflow-wrap: normal; word-break: normal; hyphens: manual; }
.equation { display: flex; align-items: center; gap: 1em; max-width: 100%; }
.equation-body { flex: 1 1 auto; min-width: 0; max-width: 100%; overflow-x: auto; }
.equation math { display: block math; }
.smallcaps { font-variant: small-caps; }
.equation-number { flex: none; }
.contains-task-list { list-style: none; padding-left: 0.4em; }
.task-box { display: inline-block; width: 1.3em; }
.note-number { font-weight: bold; }
.timeline-events { padding-left: 1.2em; }
.timeline-date { font-weight: bold; }
.timeline-meta dt { font-weight: bold; }
.timeline-meta dd { margin-left: 1em; }
aside[role="doc-footnote"] { font-size: 0.9em; }
`;

/** Where the EPUB keeps the math font, and the rules that use it (only an EPUB with math carries them). */
export const EPUB_MATH_FONT = "fonts/stix-two-math.woff2";

/** The math font's rules: the same font as the site and the PDF, inside the book (readers fetch nothing). */
export const EPUB_MATH_CSS = `@font-face { font-family: "STIX Two Math"; src: url(${EPUB_MATH_FONT}) format("woff2"); }
math { font-family: "STIX Two Math", math; }
math { max-width: 100%; overflow-x: auto; overflow-y: hidden; }
.equation-body > math { max-width: none; overflow: visible; }
`;
