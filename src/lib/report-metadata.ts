import fs from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { ContentError } from "./content-error.ts";
import { type ReportMetadata, reportSchema } from "./schemas/report.ts";

/** Name of the metadata file inside the content folder. */
export const REPORT_FILE = "report.yaml";

function lineOfKey(source: string, key: PropertyKey | undefined): number | undefined {
  if (typeof key !== "string") return undefined;
  const index = source.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
  return index === -1 ? undefined : index + 1;
}

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
  const source = fs.readFileSync(file, "utf8");
  const document = parseDocument(source);
  const [yamlError] = document.errors;
  if (yamlError) {
    throw new ContentError({
      file,
      line: yamlError.linePos?.[0].line,
      problem: `the YAML cannot be read: ${yamlError.message.split("\n")[0]}`,
      fix: "check the indentation and quoting on that line.",
    });
  }
  const result = reportSchema.safeParse(document.toJS());
  if (!result.success) {
    const [issue] = result.error.issues;
    const field = issue?.code === "unrecognized_keys" ? issue.keys[0] : issue?.path[0];
    throw new ContentError({
      file,
      line: lineOfKey(source, field),
      problem: `${String(field ?? "the file")}: ${issue?.message ?? "invalid"}.`,
      fix:
        issue?.code === "unrecognized_keys"
          ? `remove "${String(field)}" or correct its spelling (known fields: ${Object.keys(reportSchema.shape).join(", ")}).`
          : `correct "${String(field)}" as the message says.`,
    });
  }
  return result.data;
}
