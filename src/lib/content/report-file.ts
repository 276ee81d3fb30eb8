import fs from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { ContentError, ContentErrors } from "./content-error.ts";
import { readContentFile } from "./content-files.ts";
import { type ReportMetadata, reportSchema } from "./schemas/report.ts";
import { yamlKeyLine, yamlProblems } from "./yaml-problems.ts";

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

/** "authors[1].orcid" from a validation issue's path. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index > 0 ? "." : ""}${String(part)}`))
    .join("");
}

function lineOfKey(source: string, key: PropertyKey | undefined): number | undefined {
  if (typeof key !== "string") return undefined;
  const index = source.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
  return index === -1 ? undefined : index + 1;
}

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
  const counter = new LineCounter();
  const document = parseDocument(source, { lineCounter: counter, uniqueKeys: true });
  const yamlErrors = yamlProblems(file, source, document, counter, 1);
  if (yamlErrors.length === 1 && yamlErrors[0]) throw new ContentError(yamlErrors[0]);
  if (yamlErrors.length > 1) throw new ContentErrors(yamlErrors);
  const data: unknown = document.toJS();
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
    const topLevel = issue?.path.length === 0;
    const field = issue?.code === "unrecognized_keys" && topLevel ? issue.keys[0] : issue?.path[0];
    const where = issue && !topLevel ? fieldPath(issue.path) : String(field ?? "the file");
    const example = typeof field === "string" ? FIELD_EXAMPLES[field] : undefined;
    const unknownKey = issue?.code === "unrecognized_keys";
    const missing = issue?.code === "invalid_type" && issue.message.includes("received undefined");
    throw new ContentError({
      file,
      line: yamlKeyLine(document, counter, field, 1) ?? lineOfKey(source, field),
      problem: unknownKey
        ? `${topLevel ? "" : `${where}: `}unknown field "${issue.keys.join('", "')}".`
        : missing
          ? `${where} is missing.`
          : `${where}: ${issue?.message ?? "invalid"}.`,
      fix:
        unknownKey && topLevel
          ? `remove "${String(field)}" or correct its spelling (known fields: ${Object.keys(reportSchema.shape).join(", ")}).`
          : example
            ? `write "${String(field)}" in this shape:\n  ${example}`
            : `correct "${String(field)}".`,
    });
  }
  return result.data;
}
