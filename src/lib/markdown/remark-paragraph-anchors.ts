import type { Root } from "mdast";
import type { VFile } from "vfile";
import {
  anchoredParagraphs,
  citingBlockNodes,
  needsCitingAnchor,
  type SectionAnalysis,
} from "../report/report-analysis.ts";
import { citationMarks } from "./citation-marks.ts";
/** Options of {@link remarkParagraphAnchors}. */
export interface ParagraphAnchorOptions {
  /** The analysis of the section a file holds, or undefined for a file that is no section. */
  analysisOf: (file: VFile) => SectionAnalysis | undefined;
}

/**
 * Gives a block that cites but has no anchor of its own (a list item, a table, a paragraph in a
 * quote or a footnote) the anchor its references-page back-link leads to.
 */
function anchorCitingBlocks(tree: Root, file: VFile, analysis: SectionAnalysis): void {
  // The file's one find, which the citations plugin takes up later (see citation-marks.ts).
  const found = citationMarks(tree, file).map((marked) => marked.found);
  const nodes = citingBlockNodes(tree, found).filter(needsCitingAnchor);
  const blocks = analysis.citingBlocks.filter((block) => block.assigned);
  if (nodes.length !== blocks.length) {
    throw new Error(`citation analysis of ${file.path} is out of step with its rendering`);
  }
  nodes.forEach((block, index) => {
    const anchor = blocks[index]?.anchor;
    if (!anchor) return;
    const data = (block.node.data ?? {}) as { hProperties?: Record<string, unknown> };
    block.node.data = { ...data, hProperties: { ...data.hProperties, id: anchor } };
  });
}

/**
 * Gives every top-level paragraph of a section its stable anchor and a link to itself, so readers
 * can cite and assign single paragraphs.
 */
export function remarkParagraphAnchors({ analysisOf }: ParagraphAnchorOptions) {
  return (tree: Root, file: VFile) => {
    const analysis = analysisOf(file);
    if (!analysis) return;
    const paragraphs = anchoredParagraphs(tree);
    if (analysis.paragraphs.length !== paragraphs.length) {
      throw new Error(`paragraph analysis of ${file.path} is out of step with its rendering`);
    }
    anchorCitingBlocks(tree, file, analysis);
    paragraphs.forEach((paragraph, index) => {
      const info = analysis.paragraphs[index];
      if (!info) return;
      paragraph.data = { ...paragraph.data, hProperties: { id: info.anchor, className: ["report-paragraph"] } };
      paragraph.children.push({
        type: "link",
        url: `#${info.anchor}`,
        data: { hProperties: { className: ["paragraph-link"] } },
        children: [
          { type: "text", value: " " },
          {
            type: "emphasis",
            data: { hName: "span", hProperties: { ariaHidden: "true" } },
            // The number lets an instructor say "paragraphs 3-5"; the hidden text names the link.
            children: [{ type: "text", value: `¶\u202f${info.number}` }],
          },
          {
            type: "emphasis",
            data: { hName: "span", hProperties: { className: ["visually-hidden"] } },
            children: [{ type: "text", value: `Link to paragraph ${info.number}` }],
          },
        ],
      });
    });
  };
}
