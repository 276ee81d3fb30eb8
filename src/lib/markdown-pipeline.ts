import { type RehypePlugins, type RemarkPlugins, rehypeHeadingIds } from "@astrojs/markdown-remark";
import remarkGfm from "remark-gfm";
import { remarkCitations } from "./citations/remark-citations.ts";
import { rehypeHeadingAnchors } from "./rehype-heading-anchors.ts";
import { remarkContentChecks } from "./remark-content-checks.ts";
import { remarkCrossReferences } from "./remark-cross-references.ts";
import { remarkFigures } from "./remark-figures.ts";
import { remarkParagraphAnchors } from "./remark-paragraph-anchors.ts";
import { withBase } from "./site-url.ts";

/** Where the pipeline reads the report from and where the site will live. */
export interface PipelineOptions {
  contentDir: string;
  base: string;
}

/**
 * The report's Markdown/MDX plugins, shared by astro.config.mjs and the tests so that both run the
 * same pipeline. Order matters: paragraph anchors are taken from the text before citations replace it.
 */
export function reportMarkdownPlugins({ contentDir, base }: PipelineOptions): {
  remarkPlugins: RemarkPlugins;
  rehypePlugins: RehypePlugins;
} {
  return {
    remarkPlugins: [
      remarkGfm,
      [remarkContentChecks, { contentDir, base }],
      [remarkParagraphAnchors, { contentDir }],
      // Figures and cross-references before citations: `@fig:x` is a label, not a bibliography key.
      [remarkFigures, { contentDir }],
      [remarkCrossReferences, { contentDir, base }],
      [remarkCitations, { contentDir, referencesUrl: withBase(base, "references/") }],
    ],
    rehypePlugins: [rehypeHeadingIds, rehypeHeadingAnchors],
  };
}
