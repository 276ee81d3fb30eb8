import type { SectionAnalysis } from "./report-analysis.ts";

/** A block that cites a work: where a references-page back-link leads. */
export interface CitingPlace {
  sectionTitle: string;
  sectionNumber: number;
  /** How the link names the block: "paragraph 2", "list item 3", "table 1", "footnote 1". */
  blockLabel: string;
  /** URL of the citing block (section page plus the block's anchor). */
  url: string;
}

/** The fields of a section that back-links need. */
export interface CitingSection {
  slug: string;
  title: string;
  url: string;
  analysis: SectionAnalysis;
}

/** Maps each cited key to the blocks citing it, in reading order, each block once. */
export function collectCitingPlaces(sections: readonly CitingSection[]): Map<string, CitingPlace[]> {
  const places = new Map<string, CitingPlace[]>();
  sections.forEach((section, sectionIndex) => {
    for (const block of section.analysis.citingBlocks) {
      const keys = new Set(block.citations.flatMap((citation) => citation.items.map((item) => item.key)));
      for (const key of keys) {
        const list = places.get(key) ?? [];
        list.push({
          sectionTitle: section.title,
          sectionNumber: sectionIndex + 1,
          blockLabel: `${block.kind} ${block.number}`,
          // A block with no id of its own (an unlabelled figure) leads to its section.
          url: block.anchor === "" ? section.url : `${section.url}#${block.anchor}`,
        });
        places.set(key, list);
      }
    }
  });
  return places;
}
