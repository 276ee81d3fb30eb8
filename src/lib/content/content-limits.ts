import type { ContentProblem } from "./content-error.ts";
import { HTML_VOID_ELEMENTS } from "./html-void-elements.ts";

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

/** A bullet or ordered list marker (CommonMark: up to 9 digits and . or )) followed by a space or tab. */
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t])/;

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
      } else {
        // A list marker opens a list inside the line's containers: "- - x" and "1. 1. x" nest as
        // deeply as indentation does.
        const marker = LIST_MARKER.exec(body.slice(at, Math.min(end, at + 11)))?.[0];
        if (marker === undefined) break;
        columns += marker.length;
        at += marker.length - 1;
      }
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
  return emphasisProblem(file, body, firstLine);
}

/** The most brackets a paragraph may leave open, or close without an opening one. */
export const MAX_UNBALANCED_BRACKETS = 256;

/**
 * Counts a line's brackets into its paragraph's tally: the parser looks back over the paragraph for
 * each "]" it cannot match (50,000 "a]" did not parse in 10 minutes), so unbalanced ones are limited.
 */
function bracketsProblem(
  text: string,
  tally: { open: number; stray: number },
): Pick<ContentProblem, "problem" | "fix"> | undefined {
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === "\\") index += 1;
    else if (character === "[") tally.open += 1;
    else if (character === "]") {
      if (tally.open > 0) tally.open -= 1;
      else tally.stray += 1;
    }
    if (tally.open > MAX_UNBALANCED_BRACKETS || tally.stray > MAX_UNBALANCED_BRACKETS) {
      return {
        problem: `the paragraph has more than ${MAX_UNBALANCED_BRACKETS} ${tally.open > MAX_UNBALANCED_BRACKETS ? '"[" that no "]" closes' : '"]" that close no "["'}; the report allows at most ${MAX_UNBALANCED_BRACKETS} (each makes the build's parsing slower).`,
        fix: "close each [ with ], or write a literal bracket as \\[ or \\].",
      };
    }
  }
  return undefined;
}

/** The most emphasis markers (`*`, `_` runs) a paragraph may leave open at once. */
export const MAX_OPEN_EMPHASIS = 128;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SPACE_OR_PUNCTUATION = /[\s\p{P}\p{S}]/u;

/**
 * The first paragraph line where more than {@link MAX_OPEN_EMPHASIS} emphasis markers stand open,
 * outside fenced code. The Markdown parser matches emphasis in time that grows with the square of
 * the markers open at once: 4,000 nested "_a " ... " a_" took minutes. A run that could open (after
 * a space or punctuation, before a letter) counts up, one that could close counts down, and a blank
 * line ends the paragraph.
 */
function emphasisProblem(file: string, body: string, firstLine: number): ContentProblem | undefined {
  let open = 0;
  let brackets = { open: 0, stray: 0 };
  let fence: string | undefined;
  let line = firstLine;
  for (const text of body.split("\n")) {
    const marker = FENCE.exec(text)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    } else if (marker !== undefined) {
      fence = marker;
      open = 0;
      brackets = { open: 0, stray: 0 };
    } else if (text.trim() === "") {
      open = 0;
      brackets = { open: 0, stray: 0 };
    } else {
      const unbalanced = bracketsProblem(text, brackets);
      if (unbalanced) return { file, line, ...unbalanced };
      for (const run of text.matchAll(/[*_]+/g)) {
        const before = run.index === 0 ? " " : (text[run.index - 1] ?? " ");
        const after = text[run.index + run[0].length] ?? " ";
        const opens = SPACE_OR_PUNCTUATION.test(before) && !/\s/.test(after);
        const closes = !/\s/.test(before) && SPACE_OR_PUNCTUATION.test(after);
        if (opens && !closes) open += 1;
        else if (closes && !opens) open = Math.max(0, open - 1);
        if (open > MAX_OPEN_EMPHASIS) {
          return {
            file,
            line,
            problem: `the paragraph opens more than ${MAX_OPEN_EMPHASIS} emphasis markers (* or _) without closing them; the report allows at most ${MAX_OPEN_EMPHASIS} (each one open makes the build's parsing slower).`,
            fix: "close each * or _ where its emphasis ends, or write a literal one as \\* or \\_.",
          };
        }
      }
    }
    line += 1;
  }
  return undefined;
}

/**
 * The deepest a content file's elements may nest: Markdown containers, MDX components and raw HTML
 * tags together. Renderers walk the tree recursively (thousands of nested <sup> overflowed the
 * stack while the page was written out); real writing nests a few dozen levels at most.
 */
export const MAX_ELEMENT_DEPTH = 128;

const TAG = /<(\/?)([A-Za-z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/** How many elements a raw HTML fragment leaves open (negative when it closes more than it opens). */
function openedBy(html: string): number {
  let opened = 0;
  for (const [, closing, name = "", selfClosing] of html.matchAll(TAG)) {
    if (closing) opened -= 1;
    else if (!selfClosing && !HTML_VOID_ELEMENTS.has(name.toLowerCase())) opened += 1;
  }
  return opened;
}

interface TreeNode {
  type: string;
  value?: unknown;
  children?: readonly TreeNode[] | undefined;
  position?: { start: { line: number } } | undefined;
}

/**
 * The first node of a parsed content file that stands deeper than {@link MAX_ELEMENT_DEPTH}, counting
 * the raw HTML tags still open around it, as a problem with its line and fix. One pass, no recursion:
 * it must hold for trees that would overflow a recursive walk.
 */
export function depthProblem(file: string, tree: TreeNode, firstLine = 1): ContentProblem | undefined {
  let rawOpen = 0;
  const pending: Array<{ node: TreeNode; depth: number }> = [{ node: tree, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, depth } = next;
    if (node.type === "html" && typeof node.value === "string") rawOpen = Math.max(0, rawOpen + openedBy(node.value));
    if (depth + rawOpen > MAX_ELEMENT_DEPTH) {
      const line = node.position ? node.position.start.line + firstLine - 1 : undefined;
      return {
        file,
        ...(line === undefined ? {} : { line }),
        problem: `elements nest more than ${MAX_ELEMENT_DEPTH} levels deep here (lists, quotes, components and HTML tags inside one another); the report allows at most ${MAX_ELEMENT_DEPTH}, since deeper trees stop the build's renderers.`,
        fix: "close the HTML tags or components you opened, or nest fewer of them.",
      };
    }
    const children = node.children ?? [];
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index];
      if (child) pending.push({ node: child, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The deepest brackets may nest in a YAML or BibTeX file: their parsers recurse once a level. */
export const MAX_BRACKET_DEPTH = 64;

/**
 * The first line where `text`'s brackets (each pair of `pairs`, such as "[]{}") stand open more than
 * {@link MAX_BRACKET_DEPTH} deep, a backslash escaping the next character, as a problem with its
 * line and fix. Thousands of levels overflowed the YAML and BibTeX parsers' stacks, an error with
 * no line. One pass, before the parser.
 */
export function bracketDepthProblem(
  file: string,
  text: string,
  pairs: string,
  firstLine = 1,
): ContentProblem | undefined {
  let depth = 0;
  let line = firstLine;
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? "";
    if (character === "\n") line += 1;
    else if (character === "\\") index += text[index + 1] === "\n" ? 0 : 1;
    else {
      const at = pairs.indexOf(character);
      if (at === -1) continue;
      depth = at % 2 === 0 ? depth + 1 : Math.max(0, depth - 1);
      if (depth > MAX_BRACKET_DEPTH) {
        return {
          file,
          line,
          problem: `the brackets (${[...pairs].join(" ")}) nest more than ${MAX_BRACKET_DEPTH} levels deep here; the report allows at most ${MAX_BRACKET_DEPTH} (deeper nesting stops the file's parser).`,
          fix: "close the brackets you opened, or write the value with fewer levels.",
        };
      }
    }
  }
  return undefined;
}
