import type { SectionAnalysis } from "./report-analysis.ts";

/** What the instructors' page needs of a section. */
export interface OverviewSection {
  title: string;
  analysis: SectionAnalysis;
  questions?: readonly string[] | undefined;
  /** Absolute, stable URL of the section page. */
  stableUrl: string;
}

/** One row of the instructors' table. */
export interface OverviewRow<T extends OverviewSection> {
  section: T;
  paragraphs: number;
  questions: readonly string[];
}

/** The instructors' overview: a row per section, totals, and a real paragraph link as the example. */
export interface CourseOverview<T extends OverviewSection> {
  rows: OverviewRow<T>[];
  paragraphTotal: number;
  /** Rows whose sections carry discussion questions. */
  withQuestions: OverviewRow<T>[];
  /** The first paragraph of the first section that has one, so the example link always works. */
  example: { section: T; url: string } | undefined;
}

/** Builds the instructors' overview from the sections in reading order. */
export function courseOverview<T extends OverviewSection>(sections: readonly T[]): CourseOverview<T> {
  const rows = sections.map((section) => ({
    section,
    paragraphs: section.analysis.paragraphs.length,
    questions: section.questions ?? [],
  }));
  const first = sections.find((section) => section.analysis.paragraphs.length > 0);
  const anchor = first?.analysis.paragraphs[0]?.anchor;
  return {
    rows,
    paragraphTotal: rows.reduce((total, row) => total + row.paragraphs, 0),
    withQuestions: rows.filter((row) => row.questions.length > 0),
    example: first && anchor ? { section: first, url: `${first.stableUrl}#${anchor}` } : undefined,
  };
}
