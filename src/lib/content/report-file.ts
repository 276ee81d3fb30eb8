import fs from "node:fs";
import path from "node:path";
import { ContentError } from "./content-error.ts";
import { readContentFile } from "./content-files.ts";
import { type ReportMetadata, reportSchema } from "./schemas/report.ts";
import { readYaml, schemaProblem, throwProblems } from "./yaml-file.ts";

/** Name of the metadata file inside the content folder. */
export const REPORT_FILE = "report.yaml";

/** What each field looks like in report.yaml, for errors that show the expected shape. */
export const FIELD_EXAMPLES: Readonly<Record<string, string>> = {
  title: "title: Self-Help Groups and Mutual Support",
  shortTitle: "shortTitle: Self-Help Groups",
  authors: [
    "authors:",
    "    - given: Ada",
    "      family: Lovelace",
    "      affiliation: University of London   # optional",
    "      orcid: 0000-0002-1825-0097           # optional",
    "  (a list: one `- given/family` entry per author, family required; `authors: []` when the manuscript names none)",
  ].join("\n"),
  published: "published: 2026-11-26   # YYYY-MM-DD",
  language: "language: en   # a BCP 47 tag such as en, en-GB or de",
  summary: "summary: One paragraph about the report.",
  keywords: "keywords:\n    - self-help groups\n    - mutual support",
  course: "course: SOC 2010, Social Problems",
  license: "license: CC BY 4.0",
  licenseUrl: "licenseUrl: https://creativecommons.org/licenses/by/4.0/",
  pageSize: "pageSize: Letter   # or A4",
  pdfName: "pdfName: self-help-group-report",
  furtherReading: "furtherReading:\n    - borkman2020",
};

/** What to write for each field: its shape, for errors whose schema message has no fix of its own. */
const fieldFixes: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(FIELD_EXAMPLES).map(([field, example]) => [field, `write "${field}" in this shape:\n  ${example}`]),
);

// Parsed once per text: the check, the analysis, the pages and the PDF all ask for the metadata.
const parsed = new Map<string, { source: string; metadata: ReportMetadata }>();

/** Reads and validates `report.yaml`; every problem names the file, the field and the fix. */
export function loadReportMetadata(contentDir: string): ReportMetadata {
  const file = path.join(contentDir, REPORT_FILE);
  if (!fs.existsSync(file)) {
    throw new ContentError({
      file,
      problem: "the report has no metadata file.",
      fix: `create ${REPORT_FILE} with at least title, published, language and summary.`,
    });
  }
  const source = readContentFile(file);
  const cached = parsed.get(file);
  if (cached?.source === source) return cached.metadata;
  const metadata = parseReportMetadata(file, source);
  parsed.set(file, { source, metadata });
  return metadata;
}

function parseReportMetadata(file: string, source: string): ReportMetadata {
  const yaml = readYaml(file, source);
  throwProblems(yaml.problems);
  const { data } = yaml;
  if (data === null || data === undefined || typeof data !== "object" || Array.isArray(data)) {
    throw new ContentError({
      file,
      line: 1,
      problem:
        data === null || data === undefined ? "the file is empty." : "the file is not a list of `field: value` lines.",
      fix: `write one field per line, with at least title, published, language and summary, for example:\n  ${FIELD_EXAMPLES["title"]}\n  ${FIELD_EXAMPLES["published"]}\n  ${FIELD_EXAMPLES["language"]}\n  ${FIELD_EXAMPLES["summary"]}`,
    });
  }
  const result = reportSchema.safeParse(data);
  if (!result.success) {
    // An unknown key ("name:" instead of given/family) explains the missing ones, so it comes first.
    const issue =
      result.error.issues.find((candidate) => candidate.code === "unrecognized_keys") ?? result.error.issues[0];
    if (!issue) throw new Error("zod reported a failure without an issue");
    throw new ContentError(schemaProblem(yaml, issue, { knownKeys: Object.keys(reportSchema.shape), fieldFixes }));
  }
  return result.data;
}
