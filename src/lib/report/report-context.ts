import fs from "node:fs";
import path from "node:path";
import { contentKeyedCacheDir } from "../build/cache-dir.ts";
import { readEnvironment } from "../build/environment.ts";
import { processWide } from "../build/process-wide.ts";
import { createCachedCitationEngine } from "../citations/cached-citation-engine.ts";
import type { CitationEngine, FormattedEntry } from "../citations/citation-engine.ts";
import { BIBLIOGRAPHY_FILES, type Bibliography, loadBibliography } from "../citations/load-bibliography.ts";
import { loadReportMetadata } from "../content/report-file.ts";
import { PAGES_FOLDER, SECTIONS_FOLDER } from "../content/section-sources.ts";
import type { ContentFeatures } from "./content-features.ts";
import type { CrossReferenceIndex } from "./cross-references.ts";
import { type AnalyzedSection, analyzeReport, type SectionAnalysis } from "./report-analysis.ts";

/** Everything the Markdown plugins and the pages need about the report as a whole, read once per build. */
export interface ReportContext {
  contentDir: string;
  /** The sections in reading order, as the one analysis pass read them. */
  sections: AnalyzedSection[];
  /** The same sections by slug. */
  analyses: Map<string, AnalyzedSection>;
  /** Figures, tables, equations and headings, numbered through the report. */
  crossReferences: CrossReferenceIndex;
  /** Every key the text cites, in a block or a caption. */
  cited: Set<string>;
  /** What each standalone page's text uses beyond paragraphs, by slug. */
  pageFeatures: Map<string, ContentFeatures>;
  bibliography: Bibliography;
  engine: CitationEngine;
  /** Every entry the references page lists (cited or further reading), formatted once, in APA order. */
  entries: Map<string, FormattedEntry>;
  /** The bibliography's keys, for checking citations. */
  keys: Set<string>;
}

interface CacheEntry {
  stamp: string;
  /** Each content file's modification time when the context was made ("-" for a missing file). */
  modified: ReadonlyMap<string, string>;
  checkedAt: number;
  context: ReportContext;
}

// Astro loads the Markdown plugins and the pages as separate module graphs in one process: a
// process-wide cache lets both share one bibliography formatting (citeproc's costliest step).
const cache = processWide("report-context", () => new Map<string, CacheEntry>());

/** How long a content check on disk holds: a build asks thousands of times, an edit in dev is slower. */
const STAMP_TTL_MS = 1000;

function modifiedAt(file: string): string {
  return String(fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? "-");
}

function contentStamp(contentDir: string): { stamp: string; modified: Map<string, string> } {
  const folders = [SECTIONS_FOLDER, PAGES_FOLDER].map((name) => path.join(contentDir, name));
  const files = [
    ...BIBLIOGRAPHY_FILES.map((name) => path.resolve(contentDir, name)),
    ...folders.flatMap((folder) =>
      fs.existsSync(folder) ? fs.readdirSync(folder).map((name) => path.resolve(folder, name)) : [],
    ),
  ];
  const modified = new Map(files.map((file) => [file, modifiedAt(file)]));
  return { stamp: [...modified].map(([file, time]) => `${file}:${time}`).join("|"), modified };
}

/**
 * True when the file about to render was saved after the context was made. An edit in dev can come
 * within the stamp's lifetime; the file's own render must not get the analysis of its old text.
 */
function savedSince(entry: CacheEntry, file: string | undefined): boolean {
  if (file === undefined) return false;
  const known = entry.modified.get(path.resolve(file));
  return known !== undefined && known !== modifiedAt(path.resolve(file));
}

function citedKeys(analyses: ReadonlyMap<string, SectionAnalysis>): Set<string> {
  const cited = new Set<string>();
  for (const analysis of analyses.values()) {
    for (const block of analysis.citingBlocks) {
      for (const citation of block.citations) for (const item of citation.items) cited.add(item.key);
    }
  }
  return cited;
}

/**
 * Loads the report context, reusing it until a section or the bibliography changes on disk.
 * `rendering` is the content file about to be rendered, if any: its own change is seen at once.
 */
export function loadReportContext(contentDir: string, rendering?: string): ReportContext {
  const cached = cache.get(contentDir);
  const now = Date.now();
  if (cached && now - cached.checkedAt < STAMP_TTL_MS && !savedSince(cached, rendering)) return cached.context;
  const { stamp, modified } = contentStamp(contentDir);
  if (cached?.stamp === stamp) {
    cached.checkedAt = now;
    return cached.context;
  }
  const bibliography = loadBibliography(contentDir);
  // Formatted citations are kept between builds, keyed by the entries' data and the style, never a path.
  const engine = createCachedCitationEngine(bibliography.items, {
    cacheDir: contentKeyedCacheDir(readEnvironment().cacheDir, process.cwd(), "citations"),
  });
  const keys = new Set(bibliography.items.map((item) => item.id));
  // Heading ids hold a citation's plain text, as the page shows it; unknown keys are reported later.
  const analysis = analyzeReport(contentDir, (citation) =>
    citation.items.every((item) => keys.has(item.key)) ? engine.formatCitation(citation).text : "",
  );
  const analyses = analysis.bySlug;
  // Only what the references page lists is formatted: year suffixes (2020a) count listed works only.
  // Captions are not paragraphs: a work cited only in a figure or table caption is cited all the same.
  const cited = new Set([...citedKeys(analyses), ...analysis.crossReferences.captionKeys]);
  const listed = [...cited, ...loadReportMetadata(contentDir).furtherReading].filter((key) => keys.has(key));
  const entries = new Map(engine.formatBibliography([...new Set(listed)]).map((entry) => [entry.key, entry]));
  const context: ReportContext = {
    contentDir,
    sections: analysis.sections,
    analyses,
    crossReferences: analysis.crossReferences,
    cited,
    pageFeatures: analysis.pageFeatures,
    bibliography,
    engine,
    entries,
    keys,
  };
  cache.set(contentDir, { stamp, modified, checkedAt: now, context });
  return context;
}
