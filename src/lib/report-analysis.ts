import type { Paragraph, Root, RootContent } from "mdast";
import { toString as mdastToString } from "mdast-util-to-string";
import { type Citation, parseCitations } from "./citations/parse-citations.ts";
import { ContentError } from "./content-error.ts";
import { parseMdx } from "./mdx-tree.ts";
import { ParagraphAnchorAllocator } from "./paragraph-ids.ts";
import { type ReadingStats, readingStats } from "./reading-stats.ts";

/** A paragraph of a section, with the anchor that links to it. */
export interface ParagraphInfo {
  anchor: string;
  /** 1-based position in its section, as readers count ("paragraph 3"). */
  number: number;
  citations: Citation[];
  /** Line of the paragraph in the section's body. */
  line: number | undefined;
}

/** What the site needs to know about a section's text. */
export interface SectionAnalysis {
  slug: string;
  paragraphs: ParagraphInfo[];
  stats: ReadingStats;
}

/** A section's body, in reading order. */
export interface SectionSource {
  slug: string;
  body: string;
  /** The file it came from, for error messages. */
  file?: string;
}

/** Parses a section, turning an MDX syntax error into one that names the section's file and line. */
function parseSection(section: SectionSource) {
  try {
    return parseMdx(section.body);
  } catch (error) {
    const place = error as { message?: string; reason?: string; line?: number; column?: number };
    throw new ContentError({
      file: section.file ?? section.slug,
      line: place.line,
      problem: `the MDX cannot be read${place.column ? ` (column ${place.column})` : ""}: ${place.reason ?? place.message ?? String(error)}`,
      fix: "close every tag (<Timeline />), and write { and < as \\{ and &lt; where they are plain text.",
    });
  }
}

/** True for a paragraph that holds only an MDX element, such as a one-line `<Figure …>…</Figure>`. */
function isElementOnly(paragraph: Paragraph): boolean {
  const meaningful = paragraph.children.filter((child) => child.type !== "text" || child.value.trim() !== "");
  return meaningful.length === 1 && meaningful[0]?.type === "mdxJsxTextElement";
}

/** Top-level paragraphs of a section: the ones that get anchors and numbers (a lone figure is no paragraph). */
export function anchoredParagraphs(tree: Root): Paragraph[] {
  return tree.children.filter((node): node is Paragraph => node.type === "paragraph" && !isElementOnly(node));
}

function removeCitations(text: string): string {
  let result = "";
  let cursor = 0;
  for (const citation of parseCitations(text)) {
    result += text.slice(cursor, citation.start);
    cursor = citation.end;
  }
  return result + text.slice(cursor);
}

function proseText(nodes: readonly RootContent[]): string {
  // MDX components (the timeline) carry no prose of the author's.
  return nodes
    .filter(
      (node) => !node.type.startsWith("mdxJsx") && !node.type.startsWith("mdxjs") && node.type !== "mdxFlowExpression",
    )
    .map((node) => mdastToString(node))
    .join("\n\n");
}

/**
 * Analyses every section in reading order. Paragraph anchors are unique across the whole report,
 * so the full-report page can hold every section with the same anchors as the section pages.
 */
export function analyzeSections(sections: readonly SectionSource[]): Map<string, SectionAnalysis> {
  const allocator = new ParagraphAnchorAllocator();
  const analyses = new Map<string, SectionAnalysis>();
  for (const section of sections) {
    const tree = parseSection(section);
    const paragraphs = anchoredParagraphs(tree).map((paragraph, index) => {
      const text = mdastToString(paragraph);
      return {
        anchor: allocator.allocate(removeCitations(text)),
        number: index + 1,
        citations: parseCitations(text),
        line: paragraph.position?.start.line,
      };
    });
    analyses.set(section.slug, {
      slug: section.slug,
      paragraphs,
      stats: readingStats(removeCitations(proseText(tree.children))),
    });
  }
  return analyses;
}
