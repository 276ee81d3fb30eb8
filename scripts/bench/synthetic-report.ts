import fs from "node:fs";
import path from "node:path";

/** Size of a synthetic report: how many sections, bibliography entries and cited works. */
export interface ReportSize {
  sections: number;
  references: number;
  /** Cited works in the text: `[@a; @b]` counts two. */
  citations: number;
}

/** Options of {@link generateSyntheticReport}. */
export interface SyntheticReportOptions extends ReportSize {
  /** False writes the same sections without citation markers and no bibliography. */
  withCitations: boolean;
}

/** One file of a content folder: its path relative to the folder and its text. */
export interface ContentFile {
  path: string;
  text: string;
}

/** The three sizes the README names: 20/100/200, 100/1,000/2,000 and 400/4,000/8,000. */
export const SCALE_SIZES: readonly ReportSize[] = [
  { sections: 20, references: 100, citations: 200 },
  { sections: 100, references: 1000, citations: 2000 },
  { sections: 400, references: 4000, citations: 8000 },
];

/** Smaller sizes for `npm run bench -- --quick`. */
export const QUICK_SCALE_SIZES: readonly ReportSize[] = [
  { sections: 5, references: 25, citations: 50 },
  { sections: 20, references: 100, citations: 200 },
];

const PARAGRAPHS_PER_SECTION = 6;

const WORDS = (
  "group members meet regularly share common concerns mutual support voluntary membership peers " +
  "recovery coping identity community experience knowledge meetings facilitators clearinghouse " +
  "professional therapy outcomes empowerment stigma belonging narrative stories illness families " +
  "addiction chronic condition research evidence practice service network online national local"
).split(" ");

const FAMILIES = ["Borkman", "Munn", "Boyce", "Li", "Gold", "Paquin", "Walter", "Humphreys", "Katz", "Riessman"];

/** A small deterministic generator, so that every run builds exactly the same text. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Citation key of the n-th synthetic work (0-based), e.g. `ref0007`. */
export function referenceKey(index: number): string {
  return `ref${String(index).padStart(4, "0")}`;
}

/** File name (slug) of the n-th synthetic section (0-based), e.g. `section-007`. */
export function sectionSlugAt(index: number): string {
  return `section-${String(index + 1).padStart(3, "0")}`;
}

/**
 * First author of the n-th work: a distinct surname for each work, as in a real reference list,
 * except that every 20th work shares its author and year with the one before, so that the engine's
 * disambiguation (2020a, 2020b) is exercised at every size.
 */
function firstAuthor(index: number): { family: string; year: number } {
  const owner = index % 20 === 19 ? index - 1 : index;
  return {
    family: `${FAMILIES[owner % FAMILIES.length] ?? "Borkman"}${Math.floor(owner / FAMILIES.length)}`,
    year: 1970 + (owner % 55),
  };
}

function bibEntry(index: number): string {
  const { family, year } = firstAuthor(index);
  const second = FAMILIES[(index * 7 + 3) % FAMILIES.length] ?? "Katz";
  return [
    `@article{${referenceKey(index)},`,
    `  author  = {${family}, A. and ${second}, B. and Author${index}, C.},`,
    `  title   = {Synthetic study number ${index} of self-help groups and mutual support},`,
    `  journal = {Journal of Synthetic Benchmarks},`,
    `  year    = {${year}},`,
    `  volume  = {${1 + (index % 40)}},`,
    `  number  = {${1 + (index % 4)}},`,
    `  pages   = {${10 + (index % 90)}--${20 + (index % 90)}}`,
    "}",
  ].join("\n");
}

/** How many cited works each of `count` slots gets so that they add up to `total`. */
export function spread(total: number, count: number): number[] {
  return Array.from(
    { length: count },
    (_, index) => Math.floor(((index + 1) * total) / count) - Math.floor((index * total) / count),
  );
}

/**
 * Writes citations of `keys` in the Pandoc forms the report uses, one after another:
 * `[@a]`, `[@a; @b]`, narrative `@a`, `[see @a, p. 12]`, `[-@a]`.
 */
function citationMarkers(keys: string[]): string[] {
  const markers: string[] = [];
  let form = 0;
  for (let i = 0; i < keys.length; ) {
    const key = keys[i] ?? "";
    const next = keys[i + 1];
    switch (form++ % 5) {
      case 1:
        if (next !== undefined) {
          markers.push(`[@${key}; @${next}]`);
          i += 2;
          continue;
        }
        markers.push(`[@${key}]`);
        break;
      case 2:
        markers.push(`as @${key} notes`);
        break;
      case 3:
        markers.push(`[see @${key}, p. ${12 + (i % 30)}]`);
        break;
      case 4:
        markers.push(`[-@${key}]`);
        break;
      default:
        markers.push(`[@${key}]`);
    }
    i += 1;
  }
  return markers;
}

function sentence(random: () => number, length: number): string {
  const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)] ?? "group");
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sectionText(index: number, keys: string[], withCitations: boolean): string {
  const random = seededRandom(index + 1);
  const markers = withCitations ? citationMarkers(keys) : [];
  const perParagraph = spread(markers.length, PARAGRAPHS_PER_SECTION);
  let next = 0;
  const paragraphs = perParagraph.map((count, paragraph) => {
    const sentences = Array.from({ length: 5 }, () => sentence(random, 10 + Math.floor(random() * 8)));
    // Each marker closes a sentence, so the text reads the same with or without it.
    for (let m = 0; m < count; m++) {
      const at = m % sentences.length;
      sentences[at] = `${sentences[at]} ${markers[next++]}`;
    }
    const opening = `Paragraph ${paragraph + 1} of section ${index + 1}:`;
    return `${opening} ${sentences.join(". ")}.`;
  });
  const half = PARAGRAPHS_PER_SECTION / 2;
  return [...paragraphs.slice(0, half), `## Part two of section ${index + 1}`, ...paragraphs.slice(half)].join("\n\n");
}

/** The keys every section cites: `citations` in all, spread evenly, cycling through every reference. */
function citedKeys(size: ReportSize): string[][] {
  let cursor = 0;
  return spread(size.citations, size.sections).map((count) =>
    Array.from({ length: count }, () => referenceKey(cursor++ % Math.max(size.references, 1))),
  );
}

/**
 * The files of a synthetic report in the content format of the real one: `report.yaml`,
 * `sections/*.mdx`, `references.bib` (only with citations) and a `timeline.yaml` about the first section.
 */
export function generateSyntheticReport(options: SyntheticReportOptions): ContentFile[] {
  const { sections, references, citations, withCitations } = options;
  const label = `${sections} sections, ${references} references, ${citations} citations`;
  const files: ContentFile[] = [
    {
      path: "report.yaml",
      text: [
        `title: Synthetic benchmark report (${label})`,
        "authors: []",
        "published: 2026-01-01",
        "language: en",
        `summary: A generated report used to time the build at scale (${label}).`,
        "keywords: [benchmark]",
        "pageSize: Letter",
        "pdfName: synthetic-report",
        "",
      ].join("\n"),
    },
  ];
  const keysPerSection = citedKeys(options);
  for (let index = 0; index < sections; index++) {
    const frontmatter = `---\ntitle: Synthetic section ${index + 1}\norder: ${index + 1}\n---`;
    const body = sectionText(index, keysPerSection[index] ?? [], withCitations);
    files.push({ path: `sections/${sectionSlugAt(index)}.mdx`, text: `${frontmatter}\n\n${body}\n` });
  }
  if (withCitations) {
    const entries = Array.from({ length: references }, (_, index) => bibEntry(index));
    files.push({ path: "references.bib", text: `${entries.join("\n\n")}\n` });
  }
  if (sections > 0) {
    const cites = withCitations && references > 0 ? `\n  cites: [${referenceKey(0)}]` : "";
    files.push({
      path: "timeline.yaml",
      text: `- date: "1935"\n  title: A synthetic event\n  description: An event of the synthetic report.\n  section: ${sectionSlugAt(0)}${cites}\n`,
    });
  }
  return files;
}

/** Writes a synthetic report into `dir`, replacing whatever the folder held. */
export function writeSyntheticReport(dir: string, options: SyntheticReportOptions): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of generateSyntheticReport(options)) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }
}
