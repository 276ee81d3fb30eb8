import fc from "fast-check";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import {
  asContentError,
  guardedPlugins,
  isGuardedPlugin,
  STEP_FAILURE_FIX,
} from "../../../src/lib/markdown/content-step-guard.ts";
import { reportMarkdownPlugins } from "../../../src/lib/markdown/pipeline.ts";
import { renderError } from "./processor.ts";

const file = "/c/sections/s.mdx";

function throwing(make: () => unknown) {
  return function crashingStep() {
    return () => {
      throw make();
    };
  };
}

describe("a step that fails on a content file reports the file, not the build's code", () => {
  test("a TypeError becomes a content error naming the file, the step, the problem and a fix", async () => {
    const error = await renderError("Text.\n", {
      remark: guardedPlugins([throwing(() => new TypeError("Cannot read properties of undefined (reading 'x')"))]),
      path: file,
    });
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toMatch(
      /^\/c\/sections\/s\.mdx: the build's step crashingStep failed on this file \(TypeError: Cannot read properties/,
    );
    expect(error.message).toContain(`Fix: ${STEP_FAILURE_FIX}`);
    expect(error.stack).not.toMatch(/\n\s+at /);
  });

  test("the line an error knows (a VFileMessage's, a parser's place) is the line named", async () => {
    const located = Object.assign(new Error("bad thing"), { place: { line: 7, column: 2 } });
    const error = await renderError("Text.\n", { remark: guardedPlugins([throwing(() => located)]), path: file });
    expect((error as ContentError).problem.line).toBe(7);
    expect(error.message).toMatch(/^\/c\/sections\/s\.mdx:7: /);
  });

  test("a content error passes as it is; a rejected promise and a callback error are the file's too", async () => {
    const own = new ContentError({ file, line: 3, problem: "p.", fix: "f." });
    expect(asContentError(own, new VFile({ path: file }), "x")).toBe(own);
    const rejecting = () => async () => Promise.reject(new RangeError("Maximum call stack size exceeded"));
    const rejected = await renderError("Text.\n", { remark: guardedPlugins([rejecting]), path: file });
    expect(rejected.message).toMatch(/step rejecting failed on this file \(RangeError: Maximum call stack/);
    const calling = () => (_tree: unknown, _file: unknown, next: (error: Error) => void) =>
      next(new URIError("URI malformed"));
    const called = await renderError("Text.\n", { remark: guardedPlugins([calling]), path: file });
    expect(called.message).toMatch(/step calling failed on this file \(URIError: URI malformed\)/);
  });

  test("a step that does not fail runs as before, options and all", async () => {
    const seen: unknown[] = [];
    const recording = (options: unknown) => () => {
      seen.push(options);
    };
    const processor = unified().use(guardedPlugins([[recording, { a: 1 }]]));
    await processor.run({ type: "root" }, new VFile({ path: file }));
    expect(seen).toEqual([{ a: 1 }]);
  });

  test("property: whatever a step throws, the error names the file and a fix and holds no stack frame", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string().map((message) => new Error(message)),
          fc.string().map((message) => new TypeError(message)),
          fc.anything(),
          fc.constantFrom(undefined, null, 0, "", Symbol("thrown")),
        ),
        async (thrown) => {
          const error = await renderError("Text.\n", { remark: guardedPlugins([throwing(() => thrown)]), path: file });
          expect(error).toBeInstanceOf(ContentError);
          expect(error.message.startsWith("/c/sections/s.mdx")).toBe(true);
          expect(error.message).toMatch(/\n {2}Fix: /);
          expect(error.message).not.toMatch(/\n\s+at \S+ \(/);
        },
      ),
      { numRuns: 60 },
    );
  });

  test("every plugin of the report's pipeline is guarded", () => {
    const { remarkPlugins, rehypePlugins } = reportMarkdownPlugins({ contentDir: "/nowhere", base: "/" });
    for (const entry of [...remarkPlugins, ...rehypePlugins]) {
      const plugin = Array.isArray(entry) ? entry[0] : entry;
      expect(isGuardedPlugin(plugin), String((plugin as { name?: string }).name)).toBe(true);
    }
  });
});
