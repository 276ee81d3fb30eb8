import type { ContentProblem } from "./content-error.ts";

/**
 * Limits that keep the build's work linear in what content holds: the Markdown parser's time grows
 * faster than the input with nesting (a thousand nested list levels took minutes; thousands of
 * nested quotes overflowed the stack), so nesting is measured here, in one pass over the lines,
 * before any parser sees the text.
 */

/** The most bytes a text file of the content folder (a section, a page, a YAML or .bib file) may have. */
export const MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024;

/** The most columns of indentation a line may have: about 25 nested list levels. */
export const MAX_INDENT_COLUMNS = 100;

/** The most block quotes one line may stand in. */
export const MAX_QUOTE_DEPTH = 16;

/** The longest run of one emphasis, bracket or tag character (`*`, `_`, brackets, braces, `<`, `>`). */
export const MAX_DELIMITER_RUN = 256;

/**
 * The first line of a Markdown/MDX body that nests deeper than the limits, as a problem with its
 * line and fix, or undefined. `firstLine` is the file line of the body's first line.
 */
export function nestingProblem(file: string, body: string, firstLine = 1): ContentProblem | undefined {
  let line = firstLine;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf("\n", start);
    if (end === -1) end = body.length;
    let columns = 0;
    let quotes = 0;
    let at = start;
    // The line's container prefix: spaces, tabs, quote markers and list markers.
    for (; at < end; at++) {
      const character = body[at];
      if (character === " ") columns += 1;
      else if (character === "\t") columns += 4 - (columns % 4);
      else if (character === ">") {
        quotes += 1;
        columns += 1;
      } else if ((character === "-" || character === "*" || character === "+") && body[at + 1] === " ") columns += 1;
      else break;
    }
    // A line of spaces alone (the frontmatter blanked out, a blank line) nests nothing.
    const blank = at === end || body[at] === "\r";
    if (quotes > MAX_QUOTE_DEPTH) {
      return {
        file,
        line,
        problem: `the line stands in ${quotes} nested block quotes; the report allows at most ${MAX_QUOTE_DEPTH} (deeper nesting makes the build's parsing slow, and can stop it).`,
        fix: "quote with fewer > marks at the start of the line.",
      };
    }
    if (columns > MAX_INDENT_COLUMNS && !blank) {
      return {
        file,
        line,
        problem: `the line is indented by ${columns} columns, lists and quotes nested about ${Math.floor(columns / 4)} levels deep; the report allows at most ${MAX_INDENT_COLUMNS} columns (deeper nesting makes the build's parsing slow).`,
        fix: "nest lists a few levels at most, or make a deep outline into headings and paragraphs.",
      };
    }
    let run = 1;
    for (let index = at + 1; index < end; index++) {
      const character = body[index] ?? "";
      run = character === body[index - 1] ? run + 1 : 1;
      if (run > MAX_DELIMITER_RUN && "*_[](){}<>".includes(character)) {
        return {
          file,
          line,
          problem: `the line holds ${MAX_DELIMITER_RUN + 1} or more "${character}" in a row; the report allows at most ${MAX_DELIMITER_RUN} (such runs make the build's parsing slow).`,
          fix: `shorten the run, or write the characters as \\${character} escapes in a code span.`,
        };
      }
    }
    line += 1;
    start = end + 1;
  }
  return undefined;
}
