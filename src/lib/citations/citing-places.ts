import type { SectionAnalysis } from "../report-analysis.ts";

/** A paragraph that cites a work: where a references-page back-link leads. */
export interface CitingPlace {
  sectionTitle: string;
  sectionNumber: number;
  paragraphNumber: number;
  /** URL of the citing paragraph (section page plus paragraph anchor). */
  url: string;
}

/** The fields of a section that back-links need. */
export interface CitingSection {
  slug: string;
  title: string;
  url: string;
  analysis: SectionAnalysis;
}

/** Maps each cited key to the paragraphs citing it, in reading order, each paragraph once. */
export function collectCitingPlaces(sections: readonly CitingSection[]): Map<string, CitingPlace[]> {
  const places = new Map<string, CitingPlace[]>();
  sections.forEach((section, sectionIndex) => {
    for (const paragraph of section.analysis.paragraphs) {
      const keys = new Set(paragraph.citations.flatMap((citation) => citation.items.map((item) => item.key)));
      for (const key of keys) {
        const list = places.get(key) ?? [];
        list.push({
          sectionTitle: section.title,
          sectionNumber: sectionIndex + 1,
          paragraphNumber: paragraph.number,
          url: `${section.url}#${paragraph.anchor}`,
        });
        places.set(key, list);
      }
    }
  });
  return places;
}
