// The one way the content's YAML is read (report.yaml, timeline.yaml, frontmatter): every node keeps
// its file line, and every problem is "file:line, problem, fix".
import type { z } from "astro/zod";
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import { ContentError, ContentErrors, type ContentProblem } from "./content-error.ts";
import { bracketDepthProblem } from "./content-limits.ts";
import { nearestMatch } from "./nearest-match.ts";

/** A YAML text parsed with its lines. */
export interface YamlFile {
  file: string;
  document: Document.Parsed;
  /** The data as plain values; meaningless while `problems` is not empty. */
  data: unknown;
  /** What keeps the YAML from being read (a duplicate key, a tab, bad quoting), with lines and fixes. */
  problems: ContentProblem[];
  /**
   * 1-based file line of the node at a path of keys and list positions, such as `["authors", 0, "family"]`;
   * when the path goes further than the document, the line of the deepest node that exists.
   */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** 1-based file line of the key `key` in the mapping at `path` (where an unknown key is written). */
  keyLine(path: readonly PropertyKey[], key: string): number | undefined;
}

/** Where a YAML text sits in its file: frontmatter starts on the file's line 2. */
export interface YamlOptions {
  /** 1-based file line of the text's first line. */
  firstLine?: number;
}

function yamlFix(code: string, lineText: string): string {
  if (code === "DUPLICATE_KEY") {
    const key = /^\s*([^:#]+):/.exec(lineText)?.[1]?.trim();
    return `write ${key ? `"${key}:"` : "each key"} only once (delete one of the two lines).`;
  }
  if (code === "TAB_AS_INDENT" || lineText.includes("\t")) return "indent with spaces, not tabs.";
  return "check the indentation and quoting on that line (put text containing a colon or # in quotes).";
}

/** The name of an invisible character, for a message: "U+200B". */
const codePoint = (character: string) =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * What the report's YAML does not read, each at its line: anchors and aliases (a few lines of
 * aliases can expand into gigabytes), explicit tags (`!!js/function`, `!foo`: types no field takes),
 * and invisible characters in keys (a key that looks right and is not).
 */
function unreadYaml(
  document: Document.Parsed,
  file: string,
  nodeLine: (node: unknown) => number | undefined,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  visit(document, {
    Alias(_, node) {
      problems.push({
        file,
        line: nodeLine(node),
        problem: `the alias *${node.source} repeats a value marked &${node.source}; the report's YAML reads no anchors or aliases (a few of them can expand into gigabytes).`,
        fix: "write the value out in full where it is needed.",
      });
    },
    Node(_, node) {
      if (node.anchor) {
        problems.push({
          file,
          line: nodeLine(node),
          problem: `the anchor &${node.anchor}: the report's YAML reads no anchors or aliases.`,
          fix: `remove "&${node.anchor}" and write the value out wherever it is needed.`,
        });
      }
      if (node.tag) {
        problems.push({
          file,
          line: nodeLine(node),
          problem: `the tag ${node.tag.replace(/^tag:yaml\.org,2002:/, "!!")} asks for a type the report's YAML does not read.`,
          fix: "remove the tag (the text after ! or !!) and write the value as plain text, a number or a list.",
        });
      }
    },
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const hidden =
        typeof key === "string" ? /[\p{Cf}\p{Zl}\p{Zp}\u00A0\u3164\u115F\u1160]/u.exec(key)?.[0] : undefined;
      if (typeof key === "string" && hidden !== undefined) {
        problems.push({
          file,
          line: nodeLine(pair.key),
          problem: `the key "${key.replace(/[\p{Cf}\p{Zl}\p{Zp}\u00A0\u3164\u115F\u1160]/gu, "")}" holds an invisible character (${codePoint(hidden)}), so it is not the key it looks like.`,
          fix: "delete the key and type it again.",
        });
      }
    },
  });
  return problems;
}

/** Parses YAML text (a byte-order mark accepted), keeping the file line of every node. */
export function readYaml(file: string, text: string, { firstLine = 1 }: YamlOptions = {}): YamlFile {
  const source = text.replace(/^\uFEFF/, "");
  const counter = new LineCounter();
  // Flow collections nested thousands deep overflow the parser's stack: measured before it runs.
  const tooDeep = bracketDepthProblem(file, source, "[]{}", firstLine);
  const document = parseDocument(tooDeep ? "" : source, { lineCounter: counter, uniqueKeys: true });
  if (tooDeep) {
    return { file, document, data: undefined, problems: [tooDeep], lineOf: () => undefined, keyLine: () => undefined };
  }
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : counter.linePos(offset).line + firstLine - 1;
  const lines = source.split(/\r?\n/);
  const problems = document.errors.map((error): ContentProblem => {
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
  const nodeLine = (node: unknown) => lineAt((node as { range?: [number, number, number] } | null)?.range?.[0]);
  if (problems.length === 0) problems.push(...unreadYaml(document, file, nodeLine));
  return {
    file,
    document,
    data: problems.length === 0 ? document.toJS() : undefined,
    problems,
    lineOf(path) {
      // The deepest node that exists: a missing field is reported on its parent's line. A field
      // is on its key's line, where the author wrote its name.
      let node: unknown = document.contents;
      let line = nodeLine(node);
      for (const part of path) {
        if (isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
          if (!pair) break;
          node = pair.value;
          line = nodeLine(pair.key) ?? line;
        } else if (isSeq(node) && typeof part === "number" && node.items[part] !== undefined) {
          node = node.items[part];
          line = nodeLine(node) ?? line;
        } else {
          break;
        }
      }
      return line;
    },
    keyLine(path, key) {
      const map = path.length === 0 ? document.contents : document.getIn(path, true);
      if (!isMap(map)) return undefined;
      const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
      return nodeLine(pair?.key);
    },
  };
}

/** Throws the problems found: one as a ContentError, several together as ContentErrors. */
export function throwProblems(problems: readonly ContentProblem[]): void {
  const [first] = problems;
  if (!first) return;
  throw problems.length === 1 ? new ContentError(first) : new ContentErrors(problems);
}

/** A part of a frontmatter'd source: the YAML between the `---` lines and the body. */
export interface SplitSource {
  /** The YAML between the `---` lines, or undefined when the file has no frontmatter. */
  yaml: string | undefined;
  /** 1-based file line of the first YAML line. */
  yamlStartLine: number;
  /** The body, with the frontmatter lines left empty so that lines count from the top of the file. */
  body: string;
}

/** Splits a Markdown/MDX source into frontmatter and body (CRLF and a byte-order mark accepted). */
export function splitFrontmatter(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== "---") return { yaml: undefined, yamlStartLine: 1, body: text };
  const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end === -1) return { yaml: undefined, yamlStartLine: 1, body: text };
  return {
    yaml: lines.slice(1, end).join("\n"),
    yamlStartLine: 2,
    body: [...lines.slice(0, end + 1).map(() => ""), ...lines.slice(end + 1)].join("\n"),
  };
}

/** The frontmatter of a Markdown/MDX source read as YAML with file lines, or undefined when it has none. */
export function readFrontmatter(file: string, source: string): YamlFile | undefined {
  const split = splitFrontmatter(source);
  return split.yaml === undefined ? undefined : readYaml(file, split.yaml, { firstLine: split.yamlStartLine });
}

/** "authors[1].orcid" from a validation issue's path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index > 0 ? "." : ""}${String(part)}`))
    .join("");
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return `the text "${value}"`;
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return `the date ${value.toISOString().slice(0, 10)}`;
  if (typeof value === "object") return "a group of keys";
  return `${typeof value} ${String(value)}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** How a file's schema failures are worded beyond what the schema's own messages say. */
export interface SchemaWording {
  /** The keys the mapping may have (each item's, in a list file), listed when an unknown key is found. */
  knownKeys: readonly string[];
  /** A fix per key of the mapping (such as an example of its shape), for messages that carry none. */
  fieldFixes?: Readonly<Record<string, string>> | undefined;
  /**
   * For a file that is a list of mappings (timeline.yaml): what an item is called, so that a problem
   * names `event 3 ("Title")` rather than a 0-based `[2]`, and how an item is written, the fix when
   * one is not a mapping at all. `knownKeys` and `fieldFixes` are then those of one item.
   */
  items?: ListItems | undefined;
}

/** How the items of a list file are named and written. */
export interface ListItems {
  /** The item's name in a problem, from its 1-based position and its value: `event 3 ("Title")`. */
  name: (position: number, item: unknown) => string;
  /** The fix for an item that is not a mapping: how to write one. */
  shape: string;
}

/** Where an issue is, as a problem names it: "authors[1].orcid", or 'event 3 ("Title"): date' in a list file. */
function placeOf(data: unknown, path: readonly PropertyKey[], items: ListItems | undefined): string {
  if (!items || path.length === 0) return fieldPath(path);
  const [index, ...rest] = path;
  const name = items.name(Number(index) + 1, valueAt(data, [index as PropertyKey]));
  return rest.length > 0 ? `${name}: ${fieldPath(rest)}` : name;
}

/**
 * Turns a zod issue on a YAML mapping, or on an item of a YAML list of mappings, into "file:line,
 * problem, fix": the line of the key at fault, where it is ("authors[0].family", 'event 3 ("Title"):
 * date'), the value found where the type is wrong, and the schema's own "... Fix: ..." wording where
 * it has one; otherwise the field's fix from `wording`.
 */
export function schemaProblem(yaml: YamlFile, issue: z.core.$ZodIssue, wording: SchemaWording): ContentProblem {
  const { items } = wording;
  // How deep the mapping is whose keys `wording` describes: the file's, or each item's of a list.
  const depth = items ? 1 : 0;
  const atMapping = issue.path.length === depth;
  const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const field = unknownKey !== undefined && atMapping ? unknownKey : issue.path[depth];
  const [message = issue.message, ownFix] = issue.message.split(/\.? Fix: /);
  const where = placeOf(yaml.data, issue.path, items);
  const value = valueAt(yaml.data, issue.path);
  // A union (a year or a decade) reports a missing value as a failed union, not a wrong type.
  const missing = (issue.code === "invalid_type" || issue.code === "invalid_union") && value === undefined;
  const line = (unknownKey !== undefined ? yaml.keyLine(issue.path, unknownKey) : undefined) ?? yaml.lineOf(issue.path);
  const fieldFix = typeof field === "string" ? wording.fieldFixes?.[field] : undefined;
  const shown = issue.code === "invalid_type" && !missing ? ` (it is ${describeValue(value)})` : "";
  let problem: string;
  let fix: string;
  if (ownFix) {
    problem = `${where && unknownKey === undefined ? `${where}: ` : ""}${message}${shown}.`;
    fix = ownFix.endsWith(".") ? ownFix : `${ownFix}.`;
  } else if (unknownKey !== undefined) {
    problem = `${where ? `${where}: ` : ""}unknown field "${issue.code === "unrecognized_keys" ? issue.keys.join('", "') : ""}".`;
    const suggestion = nearestMatch(unknownKey, wording.knownKeys);
    fix = atMapping
      ? `remove "${unknownKey}" or correct its spelling${suggestion ? ` to "${suggestion}"` : ""} (known fields: ${wording.knownKeys.join(", ")}).`
      : (fieldFix ?? `remove "${unknownKey}" or correct its spelling.`);
  } else if (missing) {
    problem = `${where} is missing.`;
    fix = fieldFix ?? `add ${where}.`;
  } else if (items && issue.path.length === 1 && issue.code === "invalid_type") {
    problem = `${where} is not a group of fields${shown}.`;
    fix = items.shape;
  } else {
    problem = `${where ? `${where}: ` : ""}${message}${shown}.`;
    fix = fieldFix ?? `correct "${String(field)}" as the message says.`;
  }
  if (issue.code === "invalid_type" && typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    fix = `write ${fieldPath(issue.path.slice(depth))}: ${value.trim()} without quotes (quotes make it text, not a number).`;
  }
  return { file: yaml.file, line, problem, fix };
}

/**
 * Validates the data of a YAML file against a zod schema. Returns the data, or every problem
 * (YAML that cannot be read, then each schema issue) with its file line and fix.
 */
export function parseYamlWithSchema<Schema extends z.ZodType>(
  yaml: YamlFile,
  schema: Schema,
  wording: SchemaWording,
): { data: z.output<Schema>; problems: [] } | { data: undefined; problems: ContentProblem[] } {
  if (yaml.problems.length > 0) return { data: undefined, problems: yaml.problems };
  const result = schema.safeParse(yaml.data);
  if (result.success) return { data: result.data, problems: [] };
  return { data: undefined, problems: result.error.issues.map((issue) => schemaProblem(yaml, issue, wording)) };
}
