/**
 * LaTeX's `algorithm` float and its `algorithmic` pseudo-code (algpseudocode's `\State`, `\If` ...
 * and the older algorithmic package's `\STATE`, `\IF` ...), read into lines a page can show: each
 * line its depth and its text as Markdown (inline math kept as `$…$`), keywords in bold.
 */

/** One line of pseudo-code: how deep it is nested, and its text as Markdown. */
export interface AlgorithmLine {
  depth: number;
  markdown: string;
}

/** An algorithm read: its caption and label (when the float has them) and its lines. */
export interface Algorithm {
  caption: string | undefined;
  label: string | undefined;
  lines: AlgorithmLine[];
}

/** What cannot be read, with the line (counted from the block's first line, 0-based) it stands on. */
export class AlgorithmError extends Error {
  readonly offset: number;
  readonly problem: string;
  readonly fix: string;
  constructor(offset: number, problem: string, fix: string) {
    super(problem);
    this.offset = offset;
    this.problem = problem;
    this.fix = fix;
  }
}

/** True for LaTeX that holds an algorithm (the float or its pseudo-code alone). */
export function isAlgorithm(latex: string): boolean {
  return /\\begin\{algorithm(?:ic)?\*?\}/.test(latex);
}

/** A braced argument starting at `at` (which holds "{"): its text and where it ends. */
function braced(text: string, at: number): { value: string; end: number } | undefined {
  if (text[at] !== "{") return undefined;
  let depth = 0;
  for (let index = at; index < text.length; index++) {
    const character = text[index];
    if (character === "\\") index++;
    else if (character === "{") depth++;
    else if (character === "}" && --depth === 0) return { value: text.slice(at + 1, index), end: index + 1 };
  }
  return undefined;
}

/** Commands of the text between math, as Markdown (inline math is kept as written). */
const TEXT_COMMANDS: Readonly<Record<string, (argument: string) => string>> = {
  textbf: (argument) => `**${argument}**`,
  textit: (argument) => `*${argument}*`,
  emph: (argument) => `*${argument}*`,
  texttt: (argument) => `\`${argument}\``,
  textsc: (argument) => argument,
  textrm: (argument) => argument,
  text: (argument) => argument,
  mathrm: (argument) => argument,
  Call: (argument) => argument,
  FunctionName: (argument) => argument,
};

/** Symbols written as commands outside math. */
const SYMBOLS: Readonly<Record<string, string>> = {
  gets: "←",
  leftarrow: "←",
  rightarrow: "→",
  to: "→",
  ldots: "…",
  dots: "…",
  cdots: "⋯",
  textbackslash: "\\",
  TRUE: "**true**",
  FALSE: "**false**",
  True: "**true**",
  False: "**false**",
  AND: "**and**",
  OR: "**or**",
  NOT: "**not**",
  And: "**and**",
  Or: "**or**",
  Not: "**not**",
};

/**
 * A piece of pseudo-code text as Markdown: math (`$…$`) kept as it is, `\Call{F}{x}` as F(x), a
 * few text commands as Markdown; any other command cannot be shown and is named.
 */
export function pseudoText(text: string, offset: number): string {
  let out = "";
  let index = 0;
  while (index < text.length) {
    const character = text[index] ?? "";
    if (character === "$") {
      const close = text.indexOf("$", index + 1);
      if (close < 0)
        throw new AlgorithmError(offset, "an inline formula opens with $ and never closes.", "close it with $.");
      out += text.slice(index, close + 1);
      index = close + 1;
      continue;
    }
    if (character === "~") {
      out += " ";
      index++;
      continue;
    }
    if (character === "{" || character === "}") {
      index++;
      continue;
    }
    if (character !== "\\") {
      // Markdown's own markers in pseudo-code are text.
      out += /[*_`[\]<]/.test(character) ? `\\${character}` : character;
      index++;
      continue;
    }
    const name = /^\\([A-Za-z]+|.)/.exec(text.slice(index))?.[1] ?? "";
    index += name.length + 1;
    if (/^[%&#_{} ,;]$/.test(name)) {
      out += name === "," || name === ";" ? " " : /[_&#%]/.test(name) ? `\\${name}` : name;
      continue;
    }
    if (name === "\\") continue;
    // \( … \) is inline math as $ … $ is.
    if (name === "(" || name === ")") {
      out += "$";
      continue;
    }
    const symbol = SYMBOLS[name];
    if (symbol !== undefined) {
      out += symbol;
      continue;
    }
    const command = TEXT_COMMANDS[name];
    const argument = braced(text, index);
    if (command && argument) {
      index = argument.end;
      const inner = pseudoText(argument.value, offset);
      if (name === "Call" || name === "FunctionName") {
        const second = braced(text, index);
        if (second) index = second.end;
        out += second ? `${inner}(${pseudoText(second.value, offset)})` : inner;
      } else out += command(inner);
      continue;
    }
    throw new AlgorithmError(
      offset,
      `the command \\${name} in the algorithm cannot be shown on the page.`,
      "write it inside $…$ if it is math, or as plain text; the algorithm's own commands (\\State, \\If, \\For, \\While, \\Return, \\Require, \\Ensure, \\Comment ...) are read.",
    );
  }
  return out.replace(/\s+/g, " ").trim();
}

/** The algorithmic commands: the keyword they print, whether they take a condition, how they move the depth. */
interface Command {
  before?: string;
  after?: string;
  argument: boolean;
  /** Depth change before the line (−1 for \Else, \EndIf) and after it (+1 for \If). */
  open: number;
  close: number;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  state: { argument: false, open: 0, close: 0 },
  statex: { argument: false, open: 0, close: 0 },
  require: { before: "Require:", argument: false, open: 0, close: 0 },
  ensure: { before: "Ensure:", argument: false, open: 0, close: 0 },
  input: { before: "Input:", argument: false, open: 0, close: 0 },
  output: { before: "Output:", argument: false, open: 0, close: 0 },
  return: { before: "return", argument: false, open: 0, close: 0 },
  print: { before: "print", argument: false, open: 0, close: 0 },
  if: { before: "if", after: "then", argument: true, open: 0, close: 1 },
  elsif: { before: "else if", after: "then", argument: true, open: -1, close: 1 },
  elseif: { before: "else if", after: "then", argument: true, open: -1, close: 1 },
  else: { before: "else", argument: false, open: -1, close: 1 },
  endif: { before: "end if", argument: false, open: -1, close: 0 },
  for: { before: "for", after: "do", argument: true, open: 0, close: 1 },
  forall: { before: "for all", after: "do", argument: true, open: 0, close: 1 },
  endfor: { before: "end for", argument: false, open: -1, close: 0 },
  while: { before: "while", after: "do", argument: true, open: 0, close: 1 },
  endwhile: { before: "end while", argument: false, open: -1, close: 0 },
  loop: { before: "loop", argument: false, open: 0, close: 1 },
  endloop: { before: "end loop", argument: false, open: -1, close: 0 },
  repeat: { before: "repeat", argument: false, open: 0, close: 1 },
  until: { before: "until", argument: true, open: -1, close: 0 },
  function: { before: "function", argument: true, open: 0, close: 1 },
  endfunction: { before: "end function", argument: false, open: -1, close: 0 },
  procedure: { before: "procedure", argument: true, open: 0, close: 1 },
  endprocedure: { before: "end procedure", argument: false, open: -1, close: 0 },
};

/** Lines of LaTeX with their offsets, comments (`%` to the line's end) removed. */
function withoutComments(latex: string): string {
  return latex.replace(/(^|[^\\])%.*$/gm, "$1");
}

/**
 * Reads an `algorithm` float (or a bare `algorithmic` environment) into numbered-block parts. Text
 * it cannot show (an unknown command, an unclosed brace) throws an {@link AlgorithmError} with
 * the line it stands on.
 */
export function readAlgorithm(latex: string): Algorithm {
  const source = withoutComments(latex);
  const lineAt = (at: number) => source.slice(0, at).split("\n").length - 1;
  const caption = /\\caption\{/.exec(source);
  const captionText = caption ? braced(source, caption.index + caption[0].length - 1) : undefined;
  const label = /\\label\{([^{}]+)\}/.exec(source)?.[1];
  const body = /\\begin\{algorithmic\}(?:\[[^\]]*\])?([\s\S]*?)\\end\{algorithmic\}/.exec(source);
  if (!body) {
    throw new AlgorithmError(
      0,
      "the algorithm holds no algorithmic environment, so it has no steps to show.",
      "write its steps inside \\begin{algorithmic} … \\end{algorithmic}.",
    );
  }
  const start = body.index + body[0].indexOf(body[1] ?? "");
  const text = body[1] ?? "";
  const lines: AlgorithmLine[] = [];
  let depth = 0;
  const pattern = /\\([A-Za-z]+)\b/g;
  const starts = [...text.matchAll(pattern)].filter((match) => (match[1] ?? "").toLowerCase() in COMMANDS);
  starts.forEach((match, position) => {
    const name = (match[1] ?? "").toLowerCase();
    const command = COMMANDS[name] as Command;
    const offset = lineAt(start + match.index);
    let at = match.index + match[0].length;
    let argument = "";
    // \Function{Name}{args} and \Procedure take a name and arguments.
    if (command.argument) {
      const first = braced(text, text.slice(at).search(/\S/) + at);
      if (!first) {
        throw new AlgorithmError(offset, `\\${match[1]} needs its condition in braces.`, `write \\${match[1]}{…}.`);
      }
      argument = pseudoText(first.value, offset);
      at = first.end;
      if (name === "function" || name === "procedure") {
        const second = braced(text, at);
        if (second) {
          argument = `${argument}(${pseudoText(second.value, offset)})`;
          at = second.end;
        }
      }
    }
    const next = starts[position + 1]?.index ?? text.length;
    let rest = text.slice(at, next);
    let comment = "";
    const commentAt = rest.search(/\\(?:Comment|COMMENT)\b/);
    if (commentAt >= 0) {
      const written = braced(rest, rest.indexOf("{", commentAt));
      if (written) {
        comment = pseudoText(written.value, offset);
        rest = rest.slice(0, commentAt) + rest.slice(written.end);
      }
    }
    depth = Math.max(0, depth + command.open);
    // `\State \Return x`: the state is the return's line, not an empty one of its own.
    if ((name === "state" || name === "statex") && rest.trim() === "" && comment === "") return;
    const words = [
      command.before ? `**${command.before}**` : "",
      argument,
      pseudoText(rest, offset),
      command.after ? `**${command.after}**` : "",
      comment ? `▷ ${comment}` : "",
    ].filter((word) => word !== "");
    lines.push({ depth, markdown: words.join(" ") });
    depth += command.close;
  });
  if (lines.length === 0) {
    throw new AlgorithmError(
      lineAt(start),
      "the algorithmic environment holds no steps (\\State, \\If, \\For ...).",
      "write each step as \\State …, or show the text as a code block instead.",
    );
  }
  return {
    caption: captionText ? pseudoText(captionText.value, lineAt(caption?.index ?? 0)) : undefined,
    label,
    lines,
  };
}
