import fs from "node:fs";
import path from "node:path";
import { resolveInside } from "../../build/read-gate.ts";
import { ContentError } from "../content-error.ts";
import { MAX_TEXT_FILE_BYTES } from "../content-limits.ts";
import { nearestMatch } from "../nearest-match.ts";
import { readUtf8 } from "../utf8.ts";

/** Options of MyST's `{literalinclude}` read here: those that choose lines, and those that only label or style. */
const LINE_OPTIONS = new Set(["start-line", "end-line", "lines"]);
const SHOWN_AS_IS = new Set([
  "language",
  "label",
  "name",
  "caption",
  "filename",
  "linenos",
  "lineno-start",
  "emphasize-lines",
  "class",
]);

/** The highlighting language of a file by its extension, as MyST guesses it; undefined when unknown. */
const LANGUAGES: Readonly<Record<string, string>> = {
  ".py": "python",
  ".r": "r",
  ".jl": "julia",
  ".js": "javascript",
  ".mjs": "javascript",
  ".ts": "typescript",
  ".json": "json",
  ".toml": "toml",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".sh": "bash",
  ".bash": "bash",
  ".c": "c",
  ".h": "c",
  ".cpp": "cpp",
  ".f90": "fortran",
  ".rs": "rust",
  ".go": "go",
  ".java": "java",
  ".sql": "sql",
  ".tex": "latex",
  ".md": "markdown",
  ".html": "html",
  ".css": "css",
  ".xml": "xml",
  ".ini": "ini",
  ".dockerfile": "dockerfile",
};

/** What a `{literalinclude}` shows: the file's lines as code, in a language. */
export interface IncludedCode {
  code: string;
  lang: string | null;
}

function fail(file: string, line: number | undefined, problem: string, fix: string): never {
  throw new ContentError({ file, line, problem, fix });
}

/** The 1-based line numbers of a `:lines:` option (`1-3,5,8-`), in order; undefined when malformed. */
function lineSelection(spec: string, count: number): number[] | undefined {
  const picked: number[] = [];
  for (const part of spec.split(",")) {
    const range = /^\s*(\d+)?\s*(-)?\s*(\d+)?\s*$/.exec(part);
    if (!range || (range[1] === undefined && range[3] === undefined)) return undefined;
    const from = Number(range[1] ?? 1);
    const to = range[2] ? Number(range[3] ?? count) : from;
    if (from < 1 || to < from) return undefined;
    for (let number = from; number <= Math.min(to, count); number++) picked.push(number);
  }
  return picked;
}

/**
 * MyST's (and Sphinx's) `{literalinclude} path`: a text file of the content folder shown as code,
 * read at build time. The path is relative to the section file and must stay within its folder (the
 * file is the author's, like an image beside the section). `:start-line:`/`:end-line:` (0-based,
 * the end excluded, as Sphinx counts) and `:lines:` (1-based ranges) choose lines; options that
 * only label or style the code are read by the caller or shown as they are; any other option stops
 * the build, so that no page shows other lines than the author chose.
 */
export function literalInclude(
  sectionFile: string,
  argument: string,
  options: ReadonlyMap<string, string>,
  line: number | undefined,
): IncludedCode {
  const written = argument.trim();
  const folder = path.dirname(sectionFile);
  if (written === "" || path.isAbsolute(written) || /^[a-z][a-z0-9+.-]*:/i.test(written)) {
    fail(
      sectionFile,
      line,
      `the literalinclude names "${written}", which is no path relative to the section file.`,
      "write the path of a file beside the section files, such as code/example.py.",
    );
  }
  // Through the read gate, as every path content names: escapes, `\` and symbolic links read as the
  // file system reads them, and the file must lie within the sections folder.
  const gate = resolveInside(folder, folder, written);
  if (!("file" in gate)) {
    fail(
      sectionFile,
      line,
      `the literalinclude ${written} points outside the folder of the section files: ${gate.problem}.`,
      "put the file in the sections folder (or a folder below it) and write its path from there.",
    );
  }
  const resolved = gate.file;
  if (!fs.existsSync(resolved)) {
    const parent = path.dirname(resolved);
    const suggestion = fs.existsSync(parent)
      ? nearestMatch(path.basename(resolved), fs.readdirSync(parent))
      : undefined;
    fail(
      sectionFile,
      line,
      `the file ${written} of the literalinclude does not exist.`,
      suggestion
        ? `did you mean ${path.posix.join(path.posix.dirname(written), suggestion)}? Paths are relative to the section file.`
        : "copy the file beside the section files at the path written (paths are relative to the section file).",
    );
  }
  const stat = fs.lstatSync(resolved);
  if (!stat.isFile()) {
    fail(
      sectionFile,
      line,
      `${written} of the literalinclude is not a plain file (a folder or a symbolic link).`,
      "include a text file itself, copied into the sections folder.",
    );
  }
  if (stat.size > MAX_TEXT_FILE_BYTES) {
    fail(
      sectionFile,
      line,
      `${written} of the literalinclude is ${Math.ceil(stat.size / 1024)} KB, over the 2 MB a text file may have.`,
      "include the lines that matter (:lines: 1-40), from a shorter copy of the file.",
    );
  }
  for (const option of options.keys()) {
    if (!LINE_OPTIONS.has(option) && !SHOWN_AS_IS.has(option)) {
      fail(
        sectionFile,
        line,
        `the literalinclude option :${option}: is not one the report reads.`,
        `use :lines:, :start-line: and :end-line: to choose lines (the others read: ${[...SHOWN_AS_IS].map((name) => `:${name}:`).join(", ")}).`,
      );
    }
  }
  const text = readUtf8(resolved).replace(/\r\n?/g, "\n");
  let lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  const lineSpec = options.get("lines");
  if (lineSpec !== undefined) {
    const picked = lineSelection(lineSpec, lines.length);
    if (!picked) {
      fail(
        sectionFile,
        line,
        `the literalinclude's :lines: ${lineSpec} is not a list of line ranges.`,
        "write ranges of 1-based line numbers, such as :lines: 1-3, 5, 10-.",
      );
    }
    lines = picked.map((number) => lines[number - 1] ?? "");
  }
  const bound = (name: string): number | undefined => {
    const value = options.get(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value.trim())) {
      fail(
        sectionFile,
        line,
        `the literalinclude's :${name}: ${value} is not a line number.`,
        `write :${name}: 0 or another whole number.`,
      );
    }
    return Number(value.trim());
  };
  const start = bound("start-line") ?? 0;
  const end = bound("end-line") ?? lines.length;
  lines = lines.slice(start, end);
  const language = options.get("language")?.trim();
  const extension = path.extname(resolved).toLowerCase() || path.basename(resolved).toLowerCase();
  return { code: lines.join("\n"), lang: language || LANGUAGES[extension] || null };
}
