import fs from "node:fs";
import path from "node:path";
import { type CitationEngine, createCitationEngine, type FormattedEntry } from "./citations/citation-engine.ts";
import { BIBLIOGRAPHY_FILES, type Bibliography, loadBibliography } from "./citations/load-bibliography.ts";
import { analyzeSections, type SectionAnalysis } from "./report-analysis.ts";
import { readSectionFiles, type SectionFile } from "./section-sources.ts";

/** Everything the Markdown plugins need about the report as a whole, read once per build. */
export interface ReportContext {
  contentDir: string;
  sections: SectionFile[];
  analyses: Map<string, SectionAnalysis>;
  bibliography: Bibliography;
  engine: CitationEngine;
  /** Every bibliography entry formatted once, by key (for citation previews and labels). */
  entries: Map<string, FormattedEntry>;
}

const cache = new Map<string, { stamp: string; context: ReportContext }>();

function contentStamp(contentDir: string): string {
  const folder = path.join(contentDir, "sections");
  const files = [
    ...BIBLIOGRAPHY_FILES.map((name) => path.join(contentDir, name)),
    ...(fs.existsSync(folder) ? fs.readdirSync(folder).map((name) => path.join(folder, name)) : []),
  ];
  return files.map((file) => `${file}:${fs.existsSync(file) ? fs.statSync(file).mtimeMs : "-"}`).join("|");
}

/** Loads the report context, reusing it until a section or the bibliography changes on disk. */
export function loadReportContext(contentDir: string): ReportContext {
  const stamp = contentStamp(contentDir);
  const cached = cache.get(contentDir);
  if (cached?.stamp === stamp) return cached.context;
  const sections = readSectionFiles(contentDir);
  const bibliography = loadBibliography(contentDir);
  const engine = createCitationEngine(bibliography.items);
  const keys = bibliography.items.map((item) => item.id);
  const entries = new Map(engine.formatBibliography(keys).map((entry) => [entry.key, entry]));
  const context: ReportContext = {
    contentDir,
    sections,
    analyses: analyzeSections(sections),
    bibliography,
    engine,
    entries,
  };
  cache.set(contentDir, { stamp, context });
  return context;
}
