import { type RehypePlugins, type RemarkPlugins, rehypeHeadingIds } from "@astrojs/markdown-remark";
import { remarkDefinitionList } from "remark-definition-list";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import type { VFile } from "vfile";
import { withBase } from "../build/site-url.ts";
import { rehypeHeadingIdsAscii } from "../content/heading-ids.ts";
import { loadReportMetadata } from "../content/report-file.ts";
import { isSectionFile, sectionSlug } from "../content/section-sources.ts";
import { sectionAnchors } from "../report/cross-references.ts";
import { loadReportContext } from "../report/report-context.ts";
import { rehypeTaskLists, remarkDefinitionListElements, remarkIndentedCode } from "./block-elements.ts";
import { rehypeCodeHighlight } from "./code-highlight.ts";
import { guardedPlugins } from "./content-step-guard.ts";
import { rehypeFootnotes } from "./footnotes.ts";
import { remarkImageReferences } from "./image-references.ts";
import type { MathOptions } from "./math.ts";
import { remarkMathml } from "./math.ts";
import { rehypeHeadingAnchors } from "./rehype-heading-anchors.ts";
import { type CitationOptions, remarkCitations } from "./remark-citations.ts";
import { type ContentCheckOptions, remarkContentChecks } from "./remark-content-checks.ts";
import { remarkContentPolicy } from "./remark-content-policy.ts";
import { type CrossReferenceOptions, remarkCrossReferences } from "./remark-cross-references.ts";
import { type FigureOptions, remarkFigures } from "./remark-figures.ts";
import { remarkPandocMarkdown } from "./remark-pandoc-markdown.ts";
import { type ParagraphAnchorOptions, remarkParagraphAnchors } from "./remark-paragraph-anchors.ts";
import { rehypeTableRegions } from "./table-regions.ts";

/** Where the pipeline reads the report from and where the site will live. */
export interface PipelineOptions {
  contentDir: string;
  base: string;
  /** The files the pipeline compiles: Markdown (`.md`, read as Pandoc reads it) or MDX. */
  format?: "md" | "mdx";
}

/** The options of the plugins that need the report as a whole, each given what it uses. */
export interface ReportPluginOptions {
  contentChecks: ContentCheckOptions;
  paragraphAnchors: ParagraphAnchorOptions;
  figures: FigureOptions;
  crossReferences: CrossReferenceOptions;
  citations: CitationOptions;
  math: MathOptions;
}

/**
 * Hands the report's one analysis (and its one citeproc engine) down to the plugins through their
 * options, so that no plugin fetches report state itself. The context is asked for per file: it is
 * read once per build and again only when a file changes (in dev).
 */
export function reportPluginOptions({ contentDir, base }: PipelineOptions): ReportPluginOptions {
  const report = () => loadReportContext(contentDir);
  const slugOf = (file: VFile) => (isSectionFile(contentDir, file.path) ? sectionSlug(file.path) : undefined);
  const analysisOf = (file: VFile) => {
    const slug = slugOf(file);
    if (slug === undefined) return undefined;
    // The file itself is named, so that an edit saved a moment ago is analysed before it renders.
    const analysis = loadReportContext(contentDir, file.path).analyses.get(slug);
    if (!analysis) throw new Error(`the report's analysis has no section ${slug} (${file.path})`);
    return analysis;
  };
  return {
    contentChecks: {
      base,
      sectionSlugs: () => report().sections.map((section) => section.slug),
      anchors: () => sectionAnchors(report().crossReferences),
      slugOf,
    },
    paragraphAnchors: { analysisOf },
    figures: {
      numberedOf: (file) => {
        const slug = slugOf(file);
        if (slug === undefined) return undefined;
        const { figures, tables, listings, algorithms } = report().crossReferences;
        return {
          figures: figures.get(slug) ?? [],
          tables: tables.get(slug) ?? [],
          listings: listings.get(slug) ?? [],
          algorithms: algorithms.get(slug) ?? [],
        };
      },
    },
    crossReferences: {
      base,
      slugOf,
      crossReferences: () => report().crossReferences,
      prefixes: () => {
        const words = loadReportMetadata(contentDir).crossref ?? {};
        const pairs = [
          ["fig", words.figPrefix],
          ["tbl", words.tblPrefix],
          ["lst", words.lstPrefix],
          ["eq", words.eqnPrefix],
          ["sec", words.secPrefix],
        ] as const;
        return Object.fromEntries(pairs.filter(([, word]) => word !== undefined));
      },
    },
    citations: { citations: report, referencesUrl: withBase(base, "references/") },
    math: { equationsOf: (file) => analysisOf(file)?.equations },
  };
}

/**
 * The report's Markdown/MDX plugins, shared by astro.config.mjs and the tests so that both run the
 * same pipeline. Order matters: paragraph anchors are taken from the text before citations replace it.
 * Syntax highlighting is the pipeline's own (Astro's must be off: it writes inline styles). Each
 * plugin is guarded: what it throws on a file is reported as that file's (content-step-guard.ts).
 */
export function reportMarkdownPlugins(options: PipelineOptions): {
  remarkPlugins: RemarkPlugins;
  rehypePlugins: RehypePlugins;
} {
  const report = reportPluginOptions(options);
  return {
    remarkPlugins: guardedPlugins([
      remarkGfm,
      remarkMath,
      remarkDefinitionList,
      // Markdown only: Pandoc's attributes, divs and captions, read as the file is parsed.
      ...(options.format === "md" ? [remarkPandocMarkdown] : []),
      // First: nothing that breaks the content policy reaches another plugin or the compiler.
      remarkContentPolicy,
      // `![alt][ref]` becomes the image it names, so every image rule after this sees it.
      remarkImageReferences,
      [remarkContentChecks, report.contentChecks],
      remarkIndentedCode,
      [remarkParagraphAnchors, report.paragraphAnchors],
      // Figures and cross-references before citations: `@fig:x` is a label, not a bibliography key.
      [remarkFigures, report.figures],
      [remarkCrossReferences, report.crossReferences],
      [remarkCitations, report.citations],
      [remarkMathml, report.math],
      remarkDefinitionListElements,
    ]),
    rehypePlugins: guardedPlugins([
      [rehypeFootnotes, { slugOf: (file: VFile) => sectionSlug(file.path ?? "page") }],
      rehypeCodeHighlight,
      rehypeTaskLists,
      // ASCII ids that avoid the site's own, set before Astro's collector (which keeps them for the contents).
      rehypeHeadingIdsAscii,
      rehypeHeadingIds,
      rehypeHeadingAnchors,
      // Last: every table the readers left unboxed (raw HTML, HTML in MDX) gets the region theirs have.
      rehypeTableRegions,
    ]),
  };
}
