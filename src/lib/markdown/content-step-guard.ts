import type { Pluggable, PluggableList, Plugin } from "unified";
import type { VFile } from "vfile";
import { ContentError, ContentErrors } from "../content/content-error.ts";

/**
 * Every step of the Markdown/MDX pipeline runs on one content file at a time: an error a step did
 * not format (a TypeError, a URIError of a malformed %-escape, a stack overflow) was caused by what
 * that file holds, so it becomes a content error naming the file, its line where the error knows
 * it, the step and what went wrong, and a `Fix:`, instead of a stack in the build's own code.
 */

/** The line an error of the unified world knows: a VFileMessage's, a micromark's `place`, a node's position. */
function lineOf(error: unknown): number | undefined {
  // A step may throw anything, undefined and null included.
  if (typeof error !== "object" || error === null) return undefined;
  const known = error as {
    line?: unknown;
    place?: { line?: unknown; start?: { line?: unknown } };
    position?: { start?: { line?: unknown } };
  };
  const candidates = [known.line, known.place?.line, known.place?.start?.line, known.position?.start?.line];
  return candidates.find((line): line is number => typeof line === "number" && line > 0);
}

/** The fix for a step that failed on a file: find the construct, and report it when the file is sound. */
export const STEP_FAILURE_FIX =
  "look at the line named (or, without one, remove parts of the file until the build passes) for what this step cannot read, such as an unusual character or a construct nested very deep, and write it another way; if the file is sound Markdown, report it with the file: it is a bug of the build.";

/** A content error for an error a step threw on `file`; content errors pass as they are. */
export function asContentError(error: unknown, file: VFile, step: string): unknown {
  if (error instanceof ContentError || error instanceof ContentErrors) return error;
  const message =
    error instanceof Error ? `${error.name}: ${error.message || "(no message)"}` : `a value thrown: ${String(error)}`;
  const path = file.path || "the content file";
  return new ContentError({
    file: path,
    line: lineOf(error),
    problem: `the build's step ${step} failed on this file (${message.replace(/\s+/g, " ").slice(0, 300)}).`,
    fix: STEP_FAILURE_FIX,
  });
}

type Transformer = (tree: unknown, file: VFile, next?: (...args: unknown[]) => void) => unknown;

/** A transformer that turns what it throws (or rejects with) into a content error of its file. */
function guardedTransformer(transformer: Transformer, step: string): Transformer {
  const run = (tree: unknown, file: VFile, next?: (...args: unknown[]) => void) => {
    try {
      const result = next
        ? transformer(tree, file, (error?: unknown, ...rest: unknown[]) =>
            next(error ? asContentError(error, file, step) : error, ...rest),
          )
        : transformer(tree, file);
      if (result instanceof Promise)
        return result.catch((error: unknown) => Promise.reject(asContentError(error, file, step)));
      return result;
    } catch (error) {
      throw asContentError(error, file, step);
    }
  };
  // unified hands a callback only to a transformer that takes three parameters: the arity is kept.
  return transformer.length >= 3 ? (tree, file, next) => run(tree, file, next) : (tree, file) => run(tree, file);
}

const guardedSteps = new WeakSet<object>();

/** Whether a plugin is one {@link guardedPlugins} made. */
export function isGuardedPlugin(plugin: unknown): boolean {
  return typeof plugin === "function" && guardedSteps.has(plugin);
}

/** A plugin whose transformer (and parser, when it sets one) reports its failures as the file's. */
function guardedPlugin(plugin: Plugin<unknown[]>): Plugin<unknown[]> {
  const step = plugin.name || "(unnamed)";
  const guarded = function (this: { parser?: unknown }, ...options: unknown[]) {
    const before = this.parser;
    const transformer = (plugin as (...args: unknown[]) => unknown).apply(this, options);
    const parse = this.parser;
    // A parser this plugin set (remarkPandocMarkdown's); the compiler's own reports its syntax errors itself.
    if (typeof parse === "function" && parse !== before) {
      const guardedParse = (document: string, file: VFile) => {
        try {
          return (parse as (document: string, file: VFile) => unknown)(document, file);
        } catch (error) {
          throw asContentError(error, file, `${step} (reading the file)`);
        }
      };
      this.parser = guardedParse;
    }
    return typeof transformer === "function" ? guardedTransformer(transformer as Transformer, step) : transformer;
  };
  Object.defineProperty(guarded, "name", { value: step });
  guardedSteps.add(guarded);
  return guarded as unknown as Plugin<unknown[]>;
}

/** The pipeline's plugins, each guarded (see the module's comment). */
export function guardedPlugins<List extends PluggableList>(plugins: List): List {
  return plugins.map((entry: Pluggable): Pluggable => {
    if (typeof entry === "function") return guardedPlugin(entry as Plugin<unknown[]>);
    if (Array.isArray(entry) && typeof entry[0] === "function") {
      const [plugin, ...options] = entry;
      return [guardedPlugin(plugin as Plugin<unknown[]>), ...options] as Pluggable;
    }
    return entry;
  }) as List;
}
