import type { z } from "astro/zod";
import type { Document, LineCounter } from "yaml";
import type { ContentProblem } from "./content-error.ts";

function yamlFix(code: string, lineText: string): string {
  if (code === "DUPLICATE_KEY") {
    const key = /^\s*([^:#]+):/.exec(lineText)?.[1]?.trim();
    return `write ${key ? `"${key}:"` : "each key"} only once (delete one of the two lines).`;
  }
  if (code === "TAB_AS_INDENT" || lineText.includes("\t")) return "indent with spaces, not tabs.";
  return "check the indentation and quoting on that line (put text containing a colon or # in quotes).";
}

/** The YAML problems of a document, each with its file line, key (where one is on the line) and fix. */
export function yamlProblems(file: string, yaml: string, document: Document, counter: LineCounter, firstLine: number) {
  const lines = yaml.split("\n");
  return document.errors.map((error): ContentProblem => {
    const yamlLine = counter.linePos(error.pos[0]).line;
    const lineText = lines[yamlLine - 1] ?? "";
    const key = /^\s*([\w-]+)\s*:/.exec(lineText)?.[1];
    const reason =
      error.code === "DUPLICATE_KEY"
        ? "the key appears twice"
        : lineText.includes("\t")
          ? "a tab character in the indentation (YAML allows only spaces)"
          : error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
    return {
      file,
      line: yamlLine + firstLine - 1,
      problem: `the YAML cannot be read${key ? ` at "${key}"` : ""}: ${reason}.`,
      fix: yamlFix(error.code, lineText),
    };
  });
}

/** 1-based file line of a top-level key in a YAML mapping, when the document has it. */
export function yamlKeyLine(
  document: Document,
  counter: LineCounter,
  key: PropertyKey | undefined,
  firstLine: number,
): number | undefined {
  if (typeof key !== "string") return undefined;
  const contents = document.contents as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] };
  const item = contents?.items?.find((entry) => entry.key?.value === key);
  const offset = item?.key?.range?.[0];
  return offset === undefined ? undefined : counter.linePos(offset).line + firstLine - 1;
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return `the text "${value}"`;
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return `the date ${value.toISOString().slice(0, 10)}`;
  if (typeof value === "object") return "a group of keys";
  return `${typeof value} ${String(value)}`;
}

/**
 * Turns a zod issue on a YAML mapping into a problem with the file's line and the key, keeping the
 * schema's own "... Fix: ..." wording where it has one.
 */
export function schemaProblem(
  file: string,
  issue: z.core.$ZodIssue,
  data: Record<string, unknown>,
  line: (key: PropertyKey | undefined) => number | undefined,
  knownKeys: readonly string[],
): ContentProblem {
  const key = issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path[0];
  const [message = issue.message, ownFix] = issue.message.split(/\.? Fix: /);
  const value = typeof key === "string" ? data[key] : undefined;
  let fix = ownFix ? `${ownFix}.` : undefined;
  if (!fix && issue.code === "unrecognized_keys") {
    fix = `remove "${String(key)}" or correct its spelling (known fields: ${knownKeys.join(", ")}).`;
  }
  if (issue.code === "invalid_type" && typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    fix = `write ${String(key)}: ${value.trim()} without quotes (quotes make it text, not a number).`;
  }
  const shown = issue.code === "invalid_type" && key !== undefined ? ` (it is ${describeValue(value)})` : "";
  return {
    file,
    line: line(key),
    problem: `${key === undefined || issue.code === "unrecognized_keys" ? "" : `${String(key)}: `}${message}${shown}.`,
    fix: fix ?? `correct "${String(key)}" as the message says.`,
  };
}
