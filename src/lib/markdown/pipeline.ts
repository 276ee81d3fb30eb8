import { type RehypePlugins, type RemarkPlugins, rehypeHeadingIds } from "@astrojs/markdown-remark";
import { remarkDefinitionList } from "remark-definition-list";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import type { VFile } from "vfile";
import { withBase } from "../build/site-url.ts";
import { rehypeHeadingIdsAscii } from "../content/heading-ids.ts";
import { isSectionFile, sectionSlug } from "../content/section-sources.ts";
import { loadReportContext } from "../report/report-context.ts";
import { rehypeTaskLists, remarkDefinitionListElements, remarkIndentedCode } from "./block-elements.ts";
import { rehypeCodeHighlight } from "./code-highlight.ts";
import { rehypeFootnotes } from "./footnotes.ts";
import { remarkMathml } from "./math.ts";
import { rehypeHeadingAnchors } from "./rehype-heading-anchors.ts";
import { remarkCitations } from "./remark-citations.ts";
import { remarkContentChecks } from "./remark-content-checks.ts";
import { remarkContentPolicy } from "./remark-content-policy.ts";
import { remarkCrossReferences } from "./remark-cross-references.ts";
import { remarkFigures } from "./remark-figures.ts";
import { remarkParagraphAnchors } from "./remark-paragraph-anchors.ts";

/** Where the pipeline reads the report from and where the site will live. */
export interface PipelineOptions {
  contentDir: string;
  base: string;
}

/**
 * The report's Markdown/MDX plugins, shared by astro.config.mjs and the tests so that both run the
 * same pipeline. Order matters: paragraph anchors are taken from the text before citations replace it.
 * Syntax highlighting is the pipeline's own (Astro's must be off: it writes inline styles).
 */
export function reportMarkdownPlugins({ contentDir, base }: PipelineOptions): {
  remarkPlugins: RemarkPlugins;
  rehypePlugins: RehypePlugins;
} {
  const section = (file: VFile) =>
    isSectionFile(contentDir, file.path)
      ? loadReportContext(contentDir).analyses.get(sectionSlug(file.path))
      : undefined;
  return {
    remarkPlugins: [
      remarkGfm,
      remarkMath,
      remarkDefinitionList,
      // First: nothing that breaks the content policy reaches another plugin or the compiler.
      remarkContentPolicy,
      [remarkContentChecks, { contentDir, base }],
      remarkIndentedCode,
      [remarkParagraphAnchors, { contentDir }],
      // Figures and cross-references before citations: `@fig:x` is a label, not a bibliography key.
      [remarkFigures, { contentDir }],
      [remarkCrossReferences, { contentDir, base }],
      [remarkCitations, { contentDir, referencesUrl: withBase(base, "references/") }],
      [remarkMathml, { equationsOf: (file: VFile) => section(file)?.equations }],
      remarkDefinitionListElements,
    ],
    rehypePlugins: [
      [rehypeFootnotes, { slugOf: (file: VFile) => sectionSlug(file.path ?? "page") }],
      rehypeCodeHighlight,
      rehypeTaskLists,
      // ASCII ids that avoid the site's own, set before Astro's collector (which keeps them for the contents).
      rehypeHeadingIdsAscii,
      rehypeHeadingIds,
      rehypeHeadingAnchors,
    ],
  };
}
