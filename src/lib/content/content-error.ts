import path from "node:path";

/** Where a content problem is and how to mend it: what every bad-input error carries. */
export interface ContentProblem {
  /** Path of the offending file (absolute or relative to the project). */
  file: string;
  /** 1-based line in that file, when known. */
  line?: number | undefined;
  /** What is wrong, in one sentence. */
  problem: string;
  /** What the author should do about it. */
  fix: string;
}

/** Formats a problem as `file:line: problem` followed by the fix, with the path made relative to the project. */
export function formatContentProblem({ file, line, problem, fix }: ContentProblem): string {
  const fromProject = path.relative(process.cwd(), file);
  // Paths inside the project read best relative to it; others (a content folder elsewhere) stay absolute.
  const relative = path.isAbsolute(file) && !fromProject.startsWith("..") ? fromProject : file;
  const where = line === undefined ? relative : `${relative}:${line}`;
  return `${where}: ${problem}\n  Fix: ${fix}`;
}

/** An error in the report's content (not in the code), raised where content is read. */
export class ContentError extends Error {
  readonly problem: ContentProblem;

  constructor(problem: ContentProblem) {
    super(formatContentProblem(problem));
    this.name = "ContentError";
    this.problem = problem;
    // The message says everything an author needs; a stack would only bury it.
    this.stack = `${this.name}: ${this.message}`;
    // Astro's MDX plugin sets `loc` to the file it was compiling, which need not be the one at
    // fault (all sections are read at once); its log's "Location:" must name the content's file.
    // A copy each time: the dev server rewrites `loc.file` of a file outside the project (a content
    // folder elsewhere) as if it were inside it, which would name a file that does not exist.
    const location = { file: problem.file, line: problem.line, column: problem.line === undefined ? undefined : 1 };
    Object.defineProperty(this, "loc", { get: () => ({ ...location }), set: () => {}, enumerable: false });
    // The dev server highlights the whole file by its extension; it knows no language "bib" and would
    // fail on it, hiding this message: a BibTeX file gets the plain code frame around the line only.
    if (problem.file.endsWith(".bib"))
      Object.defineProperty(this, "fullCode", { get: () => "", set: () => {}, enumerable: false });
  }
}

/** Several content problems found in one pass, reported together so that one build shows them all. */
export class ContentErrors extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`${count} in the report's content:\n${problems.map(formatContentProblem).join("\n")}`);
    this.name = "ContentError";
    this.problems = problems;
    this.stack = `${this.name}: ${this.message}`;
  }
}
