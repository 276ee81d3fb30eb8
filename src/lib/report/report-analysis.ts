import type { Heading, Image, Nodes, Paragraph, Parent, Root, RootContent, Text } from "mdast";
import { toString as mdastToString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import {
  type CitingBlockKind,
  type CitingBlockPlace,
  citingBlockOf,
  type FoundCitation,
  findCitations,
} from "../citations/find-citations.ts";
import type { Citation } from "../citations/parse-citations.ts";
import { ContentError } from "../content/content-error.ts";
import { allocateHeadingIds, givenHeadingId } from "../content/heading-ids.ts";
import { FIGURE_COMPONENT, isComponent as isMdxComponent, TABLE_COMPONENT } from "../content/mdx-components.ts";
import { parseMdx, parseMdxFile } from "../content/mdx-tree.ts";
import { orderSections } from "../content/section-order.ts";
import { readPageFiles, readSectionFiles, type SectionSource } from "../content/section-sources.ts";
import { type ContentFeatures, contentFeatures } from "./content-features.ts";
import {
  buildCrossReferenceIndex,
  type CrossReferenceIndex,
  type CrossReferenceTarget,
  findCrossReferences,
  KIND_NAMES,
} from "./cross-references.ts";
import { type EquationInfo, numberEquations, numberedCount } from "./equations.ts";
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
  /** The paragraph's plain text as written (citations as their source), for the timeline. */
  text: string;
}

/** A block that cites: where a references-page back-link leads. */
export interface CitingBlock {
  /** The block's id: a paragraph's anchor, a heading's id, or an anchor given to it because it cites. */
  anchor: string;
  kind: CitingBlockKind;
  /** 1-based position among the section's blocks of this kind ("list item 3"). */
  number: number;
  citations: Citation[];
  line: number | undefined;
  /** The block's plain text as written (citations as their source). */
  text: string;
  /** True when the render step gives the block this anchor (a list item, a table, a quote ...). */
  assigned: boolean;
}

/** What the site needs to know about a section's text. */
export interface SectionAnalysis {
  slug: string;
  paragraphs: ParagraphInfo[];
  /** Every block that cites, in reading order, each once. */
  citingBlocks: CitingBlock[];
  stats: ReadingStats;
  /** What the text uses beyond paragraphs (code, math, block elements), for its stylesheets. */
  features: ContentFeatures;
  /** Display equations; the labelled ones numbered through the whole report. */
  equations: EquationInfo[];
}

/** How a citation reads as plain text (for heading ids); given by the build's citation engine. */
export type CitationText = (citation: Citation) => string;

/** Anchor prefixes of blocks that get an anchor only because they cite. */
const BLOCK_PREFIX: Record<Exclude<CitingBlockKind, "paragraph" | "heading">, string> = {
  "list item": "item",
  table: "table",
  figure: "figure",
  "block quote": "quote",
  footnote: "note",
  block: "block",
};

export type { SectionSource };

/**
 * Parses a section (once per build: the content check parsed the same file's body before), turning
 * an MDX syntax error into one that names the section's file and line.
 */
function parseSection(section: SectionSource) {
  try {
    return section.file ? parseMdxFile(section.file, section.body) : parseMdx(section.body);
  } catch (error) {
    if (error instanceof ContentError) throw error;
    const place = error as { message?: string; reason?: string; line?: number; column?: number };
    // The construct at fault, as the author wrote it: the line the parser stopped on.
    // At the end of the file that is the last line with text.
    const lines = place.line ? section.body.split(/\r?\n/).slice(0, place.line) : [];
    const source =
      lines
        .reverse()
        .find((line) => line.trim() !== "")
        ?.trim() ?? "";
    const near = source ? ` in “${source.length > 60 ? `${source.slice(0, 60)}…` : source}”` : "";
    throw new ContentError({
      file: section.file ?? section.slug,
      line: place.line,
      problem: `the MDX cannot be read${near}${place.column ? ` (column ${place.column})` : ""}: ${place.reason ?? place.message ?? String(error)}`,
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

/**
 * A section's found citations by the node that holds them: the parent of the text they stand in,
 * or the image whose alt text holds them. Every plain text the analysis needs (anchors, heading
 * ids, word counts) is taken from this one find, so a section's citations are parsed once.
 */
type CitationsByHolder = ReadonlyMap<Parent | Image, readonly FoundCitation[]>;

/** Groups a tree's found citations by the node that holds them, in document order. */
function citationsByHolder(found: readonly FoundCitation[]): CitationsByHolder {
  const byHolder = new Map<Parent | Image, FoundCitation[]>();
  for (const citation of found) {
    const holder = citation.place === "alt" && citation.image ? citation.image : citation.parent;
    byHolder.set(holder, [...(byHolder.get(holder) ?? []), citation]);
  }
  return byHolder;
}

/** What stands in a plain text where a citation stood: nothing, or its text as the page shows it. */
type CitationReplacement = (found: FoundCitation) => string;

const withoutCitation: CitationReplacement = () => "";

/**
 * A node's plain text as mdast-util-to-string gives it (alt text included), with each found citation
 * replaced by `replace`: the found offsets say where each stands, so nothing is parsed again.
 */
function plainText(node: Nodes, citations: CitationsByHolder, replace: CitationReplacement): string {
  if ("value" in node) return node.value;
  if ("alt" in node && node.alt) {
    let text = "";
    let cursor = 0;
    for (const found of node.type === "image" ? (citations.get(node) ?? []) : []) {
      text += node.alt.slice(cursor, found.from.offset) + replace(found);
      cursor = found.to.offset;
    }
    return text + node.alt.slice(cursor);
  }
  if (!("children" in node)) return "";
  const children = node.children as Nodes[];
  const spans = citations.get(node) ?? [];
  if (spans.length === 0) return children.map((child) => plainText(child, citations, replace)).join("");
  let text = "";
  let child = 0;
  // Where the text resumes inside `children[child]` (a text node) after a citation that ended there.
  let offset = 0;
  const rest = () => {
    const current = children[child] as Nodes;
    text += offset > 0 ? (current as Text).value.slice(offset) : plainText(current, citations, replace);
    child++;
    offset = 0;
  };
  for (const found of spans) {
    while (child < found.from.child) rest();
    text += (children[child] as Text).value.slice(offset, found.from.offset) + replace(found);
    child = found.to.child;
    offset = found.to.offset;
  }
  while (child < children.length) rest();
  return text;
}

/**
 * True for an MDX component that carries no prose of the author's, such as <Timeline />. HTML written
 * in MDX (<p>, <dl>) has a lower-case name; a <Figure>'s or <Table>'s content is the author's caption
 * (and table), which counts as a plain table does.
 */
function isGeneratedComponent(node: RootContent): boolean {
  if (node.type !== "mdxJsxFlowElement" && node.type !== "mdxJsxTextElement") return false;
  if (isMdxComponent(node, FIGURE_COMPONENT) || isMdxComponent(node, TABLE_COMPONENT)) return false;
  return !/^[a-z]/.test(node.name ?? "");
}

function proseText(nodes: readonly RootContent[], text: (node: Nodes) => string): string {
  return nodes
    .filter(
      (node) => !isGeneratedComponent(node) && !node.type.startsWith("mdxjs") && node.type !== "mdxFlowExpression",
    )
    .map((node) => blockText(node, text))
    .join("\n\n");
}

/** Nodes whose children are separate blocks or cells: their texts must not run together ("GroupSize"). */
const BLOCK_CONTAINERS = new Set(["blockquote", "list", "listItem", "table", "tableRow", "footnoteDefinition"]);

/** A node's plain text (as `text` gives it), with a break between blocks, list items and table cells. */
function blockText(node: Nodes, text: (node: Nodes) => string): string {
  const separate = BLOCK_CONTAINERS.has(node.type) || (node.type === "mdxJsxFlowElement" && "children" in node);
  if (!separate || !("children" in node)) return text(node);
  return (node.children as Nodes[]).map((child) => blockText(child, text)).join("\n");
}

/** Headings' ids as the Markdown pipeline gives them: the same allocator over the text the page shows. */
function headingIds(tree: Root, citations: CitationsByHolder, citationText: CitationText): Map<Parent, string> {
  const headings: Heading[] = [];
  visit(tree, "heading", (heading: Heading) => {
    headings.push(heading);
  });
  const asShown: CitationReplacement = (found) => citationText(found.citation);
  return allocateHeadingIds<Parent>(
    headings,
    (heading) => givenHeadingId(heading as Heading),
    (heading) => plainText(heading as Heading, citations, asShown),
  );
}

/** Each node's 1-based position among the nodes of its type, in reading order. */
function ordinals(tree: Root): Map<Nodes, number> {
  const counts = new Map<string, number>();
  const result = new Map<Nodes, number>();
  const walk = (node: Nodes) => {
    // MDX components count by name: the third <Figure> is figure 3.
    const name = "name" in node && typeof node.name === "string" ? node.name : undefined;
    const type = node.type.startsWith("mdxJsx") && name ? `component ${name}` : node.type;
    const count = (counts.get(type) ?? 0) + 1;
    counts.set(type, count);
    result.set(node, count);
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return result;
}

/** A block of a section's tree that cites. */
export interface CitingBlockNode extends CitingBlockPlace {
  citations: Citation[];
  line: number | undefined;
}

/** True when the render step gives the block its anchor (it has none of its own). */
export function needsCitingAnchor(block: CitingBlockPlace): boolean {
  return block.anchor === undefined && block.kind !== "paragraph" && block.kind !== "heading";
}

/**
 * The blocks of a section that cite, each with its anchor, in reading order, from the citations found
 * in its tree. The same rule finds them when the section renders (see remark-paragraph-anchors), so
 * both agree on every anchor.
 */
export function citingBlockNodes(tree: Root, citations: readonly FoundCitation[]): CitingBlockNode[] {
  const blocks = new Map<Parent, CitingBlockNode>();
  const anchored = new Set<Parent>(anchoredParagraphs(tree));
  for (const found of citations) {
    const place = citingBlockOf(found, (node) => anchored.has(node));
    const { node } = place;
    const block = blocks.get(node) ?? { ...place, citations: [], line: node.position?.start.line };
    block.citations.push(found.citation);
    blocks.set(node, block);
  }
  return [...blocks.values()];
}

const keysAsText: CitationText = (citation) => citation.items.map((item) => item.key).join("; ");

/**
 * Analyses every section in reading order. Paragraph anchors are unique across the whole report,
 * so the full-report page can hold every section with the same anchors as the section pages.
 */
export function analyzeSections(
  sections: readonly SectionSource[],
  citationText: CitationText = keysAsText,
): Map<string, SectionAnalysis> {
  return analyzeTrees(sections, citationText).analyses;
}

/** A section's tree and the citations found in it, handed on to what else needs them. */
interface ParsedSection {
  tree: Root;
  citations: readonly FoundCitation[];
}

/** Parses and analyses each section once; the trees are handed on to what else needs them. */
function analyzeTrees(
  sections: readonly SectionSource[],
  citationText: CitationText,
): { analyses: Map<string, SectionAnalysis>; trees: Map<string, ParsedSection> } {
  const allocator = new ParagraphAnchorAllocator();
  const analyses = new Map<string, SectionAnalysis>();
  const trees = new Map<string, ParsedSection>();
  let equationCount = 0;
  const labels = new Map<string, string>();
  for (const section of sections) {
    const tree = parseSection(section);
    // The section's one find: every text below (anchors, heading ids, word counts) comes from it.
    const found = findCitations(tree, section.body);
    trees.set(section.slug, { tree, citations: found });
    const byHolder = citationsByHolder(found);
    const withoutCitations = (node: Nodes) => plainText(node, byHolder, withoutCitation);
    const topLevel = anchoredParagraphs(tree);
    const paragraphs: ParagraphInfo[] = topLevel.map((paragraph, index) => {
      const text = mdastToString(paragraph);
      return {
        anchor: allocator.allocate(withoutCitations(paragraph)),
        number: index + 1,
        citations: [],
        line: paragraph.position?.start.line,
        text,
      };
    });
    const paragraphOf = new Map<Parent, ParagraphInfo>(
      topLevel.map((node, index) => [node, paragraphs[index] as ParagraphInfo]),
    );
    const blocks = citingBlockNodes(tree, found);
    const headings = blocks.some((block) => block.kind === "heading")
      ? headingIds(tree, byHolder, citationText)
      : new Map<Parent, string>();
    const numbers = ordinals(tree);
    let otherBlocks = 0;
    const citingBlocks = blocks.map((block): CitingBlock => {
      const paragraph = paragraphOf.get(block.node);
      if (paragraph) {
        paragraph.citations.push(...block.citations);
        return {
          anchor: paragraph.anchor,
          kind: "paragraph",
          number: paragraph.number,
          citations: block.citations,
          line: block.line,
          text: paragraph.text,
          assigned: false,
        };
      }
      const anchor =
        block.anchor !== undefined
          ? block.anchor
          : block.kind === "heading"
            ? (headings.get(block.node) ?? "")
            : allocator.allocate(
                withoutCitations(block.node as Nodes),
                BLOCK_PREFIX[block.kind as keyof typeof BLOCK_PREFIX],
              );
      // A quote or footnote is counted as a whole; a paragraph elsewhere among the section's such blocks.
      const counted = block.kind === "block" ? ++otherBlocks : (numbers.get(block.counted as Nodes) ?? 0);
      return {
        anchor,
        kind: block.kind,
        number: counted,
        citations: block.citations,
        line: block.line,
        text: blockText(block.node as Nodes, mdastToString),
        assigned: needsCitingAnchor(block),
      };
    });
    const equations = numberEquations(tree, section.file ?? section.slug, equationCount + 1);
    equationCount += numberedCount(equations);
    for (const equation of equations) {
      if (!equation.label) continue;
      const where = `${section.file ?? section.slug}${equation.line ? `:${equation.line}` : ""}`;
      const first = labels.get(equation.label);
      if (first) {
        throw new ContentError({
          file: section.file ?? section.slug,
          line: equation.line,
          problem: `the label \\label{${equation.label}} is also used by the equation at ${first}.`,
          fix: "give every labelled equation its own name: labels are ids, unique across the whole report.",
        });
      }
      labels.set(equation.label, where);
    }
    analyses.set(section.slug, {
      slug: section.slug,
      paragraphs,
      citingBlocks,
      stats: readingStats(proseText(tree.children, withoutCitations)),
      features: contentFeatures(tree),
      equations,
    });
  }
  return { analyses, trees };
}

/** The target a label names, as the cross-references plugin finds it; undefined when it names none. */
function crossReferenceTarget(
  index: CrossReferenceIndex,
  label: string,
  slug: string,
): CrossReferenceTarget | undefined {
  const headings = index.headings.get(label) ?? [];
  return (
    index.targets.get(label) ??
    headings.find((heading) => heading.slug === slug) ??
    (headings.length === 1 ? headings[0] : undefined)
  );
}

/**
 * A citation as the page shows it: a cross-reference in its brackets (`[@a; see @sec:x]`) named
 * ("see Section 1") as remark-cross-references names it. A label that names nothing stays as
 * written (the render step reports it).
 */
function withNamedCrossReferences(citation: Citation, index: CrossReferenceIndex, slug: string): Citation {
  const named = (text: string): string => {
    let result = "";
    let cursor = 0;
    for (const match of findCrossReferences(text)) {
      const target = crossReferenceTarget(index, match.label, slug);
      if (!target) continue;
      result += `${text.slice(cursor, match.start)}${KIND_NAMES[target.kind]}\u00a0${target.number}`;
      cursor = match.end;
    }
    return result + text.slice(cursor);
  };
  return {
    ...citation,
    items: citation.items.map((item) => ({
      ...item,
      ...(item.prefix !== undefined && { prefix: named(item.prefix) }),
      ...(item.suffix !== undefined && { suffix: named(item.suffix) }),
    })),
  };
}

/** Gives each citing heading of a section the id its page gives it (`ids`, by heading). */
function citingHeadingIds(
  { tree, citations }: ParsedSection,
  analysis: SectionAnalysis,
  ids: ReadonlyMap<Parent, string>,
): void {
  const nodes = citingBlockNodes(tree, citations);
  analysis.citingBlocks.forEach((block, index) => {
    const node = nodes[index]?.node;
    if (block.kind === "heading" && node) block.anchor = ids.get(node) ?? block.anchor;
  });
}

/** A section as the one analysis pass found it: its file, its place in reading order and its text. */
export interface AnalyzedSection extends SectionAnalysis {
  /** The section's file (absolute path). */
  file: string;
  /** Its frontmatter `order`, and the line that says so. */
  order: number;
  orderLine: number | undefined;
  /** The MDX body below the frontmatter (frontmatter lines blanked, so lines are the file's). */
  body: string;
}

/** The whole report as one pass read it: every section in reading order, and what they number. */
export interface ReportAnalysis {
  /** The sections in reading order. */
  sections: AnalyzedSection[];
  bySlug: Map<string, AnalyzedSection>;
  /** Figures, tables, equations and headings, numbered through the report. */
  crossReferences: CrossReferenceIndex;
  /** What each standalone page's text uses beyond paragraphs, by slug (for its stylesheets). */
  pageFeatures: Map<string, ContentFeatures>;
}

/**
 * The report's one analysis pass: reads each section file once (UTF-8 checked), puts the sections
 * in reading order (two with one `order`, or one without text, stop the build), parses each body
 * once and analyses it (paragraphs, every citing block, reading stats, equations), and numbers
 * what cross-references point at from the same trees; it reads the standalone pages for the
 * stylesheets they need. Everything else takes its result.
 */
export function analyzeReport(contentDir: string, citationText: CitationText = keysAsText): ReportAnalysis {
  const files = orderSections(
    readSectionFiles(contentDir).map((file) => ({
      ...file,
      id: file.slug,
      filePath: file.file,
      data: { order: file.order },
    })),
  );
  const { analyses, trees } = analyzeTrees(files, citationText);
  const indexed = files.map((file) => ({ slug: file.slug, file: file.file, body: file.body, ...trees.get(file.slug) }));
  let crossReferences = buildCrossReferenceIndex(indexed);
  // A heading that cites has the citation's text in its id, cross-references in its brackets named
  // ("see Section 1"), which only the numbered report tells: its @sec: label and the references
  // page's back-link both take that id.
  const ids = new Map<string, Map<Parent, string>>();
  for (const file of files) {
    const parsed = trees.get(file.slug);
    const analysis = analyses.get(file.slug);
    if (!parsed || !analysis) continue;
    if (!parsed.citations.some((found) => found.ancestors.some((node) => node.type === "heading"))) continue;
    const index = crossReferences;
    const headings = headingIds(parsed.tree, citationsByHolder(parsed.citations), (citation) =>
      citationText(withNamedCrossReferences(citation, index, file.slug)),
    );
    ids.set(file.slug, headings);
    citingHeadingIds(parsed, analysis, headings);
  }
  if (ids.size > 0) {
    crossReferences = buildCrossReferenceIndex(
      indexed.map((section) => ({ ...section, headingIds: ids.get(section.slug) })),
    );
  }
  const sections = files.map((file): AnalyzedSection => {
    const analysis = analyses.get(file.slug) as SectionAnalysis;
    return { ...analysis, file: file.file, order: file.order, orderLine: file.orderLine, body: file.body };
  });
  const pageFeatures = new Map(
    readPageFiles(contentDir).map((page) => [page.slug, contentFeatures(parseSection(page))] as const),
  );
  return {
    sections,
    bySlug: new Map(sections.map((section) => [section.slug, section])),
    crossReferences,
    pageFeatures,
  };
}
