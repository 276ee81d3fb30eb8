import type { Root } from "mdast";
import rehypeStringify from "rehype-stringify";
import { remarkDefinitionList } from "remark-definition-list";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { type PluggableList, unified } from "unified";
import { VFile } from "vfile";

/** The plugins to run on top of the parsers the report pipeline uses. */
export interface PluginRun {
  /** remark plugins, run after remark-mdx, remark-gfm, remark-math and remark-definition-list. */
  remark?: PluggableList;
  /** rehype plugins, run after remark-rehype. */
  rehype?: PluggableList;
  /** The file's path: plugins that treat sections differently from pages look at it. */
  path?: string;
}

/** A unified processor that parses Markdown as the report pipeline does (MDX, GFM, math, definition lists). */
function processor({ remark = [], rehype = [] }: PluginRun) {
  return unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkGfm)
    .use(remarkMath)
    .use(remarkDefinitionList)
    .use(remark)
    .use(remarkRehype)
    .use(rehype)
    .use(rehypeStringify);
}

/** Runs `markdown` through a real processor with the given plugins and returns the HTML. */
export async function renderHtml(markdown: string, run: PluginRun = {}): Promise<string> {
  const file = new VFile({ path: run.path ?? "/report/sections/example.mdx", value: markdown });
  return String(await processor(run).process(file));
}

/** Runs `markdown` through the parsers and the remark plugins only, and returns the Markdown tree. */
export async function remarkTree(markdown: string, run: PluginRun = {}): Promise<Root> {
  const file = new VFile({ path: run.path ?? "/report/sections/example.mdx", value: markdown });
  const parser = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkGfm)
    .use(remarkMath)
    .use(remarkDefinitionList)
    .use(run.remark ?? []);
  return (await parser.run(parser.parse(file), file)) as Root;
}

/** The error a processor run throws, or a failed expectation when it throws none. */
export async function renderError(markdown: string, run: PluginRun = {}): Promise<Error> {
  try {
    await renderHtml(markdown, run);
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the processor to throw");
}
