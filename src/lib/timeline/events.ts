import fs from "node:fs";
import path from "node:path";
import type { z } from "astro/zod";
import GithubSlugger from "github-slugger";
import { isScalar, isSeq } from "yaml";
import { unknownKeyError } from "../citations/unknown-key.ts";
import { ContentError } from "../content/content-error.ts";
import { readContentFile } from "../content/content-files.ts";
import { nearestMatch } from "../content/nearest-match.ts";
import { readYaml, type SchemaWording, schemaProblem, throwProblems } from "../content/yaml-file.ts";
import { referenceHref } from "../markdown/remark-citations.ts";
import type { SectionAnalysis } from "../report/report-analysis.ts";
import { compareTimelineDates, type TimelineDate } from "./date.ts";
import { type TimelineEventData, timelineEventSchema, timelineSchema } from "./schema.ts";

/** Name of the timeline file inside the content folder. */
export const TIMELINE_FILE = "timeline.yaml";

type Field = keyof TimelineEventData;

/** An event as read from the timeline file, with where it is written there (for error messages). */
export interface TimelineEntry extends TimelineEventData {
  source: {
    file: string;
    /** 1-based position of the event in the file ("event 3"). */
    position: number;
    /** Line where the event starts. */
    line: number | undefined;
    /** Line of each field the event has. */
    lines: Partial<Record<Field, number>>;
    /** Line of each citation key, in the order of `cites`. */
    citeLines: Array<number | undefined>;
  };
}

const FIELDS = Object.keys(timelineEventSchema.shape) as Field[];

/** What to do about a field that fails the schema, when the schema's message says only what is wrong. */
const FIELD_FIXES: Record<Field, string> = {
  date: "write a year such as 1935 or a decade such as 1960s.",
  title: 'give the event a title of a few words, e.g. "Alcoholics Anonymous is founded".',
  description: "copy one or two sentences about the event from the section that discusses it, in the author's words.",
  section: "name the section that discusses the event by its file name without .mdx, e.g. theories-and-history.",
  paragraph: "give the anchor of one of that section's paragraphs (what follows # in its ¶ link), or remove the field.",
  cites: "list bibliography keys in brackets, e.g. cites: [borkman2020], or remove the field.",
};

/** How an event is written, the fix for a file or an item that is not one. */
const EVENT_SHAPE =
  'write each event as a list item starting with "- date:", followed by its title, description and section.';

/** How a schema failure of an event is worded: the event by its position and title, each field's fix. */
const EVENT_WORDING: SchemaWording = {
  knownKeys: FIELDS,
  fieldFixes: FIELD_FIXES,
  items: {
    name: (position, item) => eventName(position, (item as Record<string, unknown> | undefined)?.["title"]),
    shape: EVENT_SHAPE,
  },
};

function eventName(position: number, title: unknown): string {
  return typeof title === "string" && title.trim() !== ""
    ? `event ${position} ("${title.trim()}")`
    : `event ${position}`;
}

/** The issue to report: the first event's, and of its issues a misspelt field first (it explains a missing one). */
function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue | undefined {
  const position = Math.min(...issues.map((issue) => Number(issue.path[0] ?? 0)));
  const own = issues.filter((issue) => Number(issue.path[0] ?? 0) === position);
  return own.find((issue) => issue.code === "unrecognized_keys") ?? own[0];
}

/**
 * Reads the timeline's YAML. Every problem (unreadable YAML, a bad field or date, two events with
 * the same date and title) is a ContentError naming the file, the line, the problem and the fix.
 */
export function parseTimeline(source: string, file: string): TimelineEntry[] {
  const yaml = readYaml(file, source);
  throwProblems(yaml.problems);
  const root = yaml.document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isSeq(root)) {
    throw new ContentError({
      file,
      line: yaml.lineOf([]),
      problem: "the timeline is not a list of events.",
      fix: EVENT_SHAPE,
    });
  }
  const raw = yaml.data as unknown[];
  const result = timelineSchema.safeParse(raw);
  if (!result.success) {
    const issue = firstIssue(result.error.issues);
    if (!issue) throw new Error("zod reported a failure without an issue");
    throw new ContentError(schemaProblem(yaml, issue, EVENT_WORDING));
  }
  const entries = result.data.map((data, index): TimelineEntry => {
    const lines: Partial<Record<Field, number>> = {};
    for (const field of FIELDS) {
      const line = field in (raw[index] as object) ? yaml.lineOf([index, field]) : undefined;
      if (line !== undefined) lines[field] = line;
    }
    return {
      ...data,
      source: {
        file,
        position: index + 1,
        line: yaml.lineOf([index]),
        lines,
        citeLines: data.cites.map((_key, citeIndex) => yaml.lineOf([index, "cites", citeIndex])),
      },
    };
  });
  checkDuplicates(entries);
  return entries;
}

function checkDuplicates(entries: readonly TimelineEntry[]): void {
  const seen = new Map<string, TimelineEntry>();
  for (const entry of entries) {
    const key = `${entry.date.label}|${entry.title.toLowerCase().replace(/\s+/g, " ")}`;
    const first = seen.get(key);
    if (first) {
      throw new ContentError({
        file: entry.source.file,
        line: entry.source.line,
        problem: `events ${first.source.position} and ${entry.source.position} have the same date (${entry.date.label}) and title ("${entry.title}").`,
        fix: `remove one of them, or merge them into one event (the first is on line ${first.source.line}).`,
      });
    }
    seen.set(key, entry);
  }
}

/** Reads `timeline.yaml` from the content folder; a report without one has no timeline events. */
export function loadTimeline(contentDir: string): TimelineEntry[] {
  const file = path.join(contentDir, TIMELINE_FILE);
  if (!fs.existsSync(file)) return [];
  return parseTimeline(readContentFile(file), file);
}

/** A paragraph an event can link to, with its text to find the event's date in. */
export interface TimelineParagraph {
  anchor: string;
  /** 1-based position in its section. */
  number: number;
  text: string;
}

/** A section an event can point to. */
export interface TimelineSectionTarget {
  slug: string;
  title: string;
  /** 1-based position in reading order. */
  number: number;
  url: string;
  paragraphs: TimelineParagraph[];
}

/** What the timeline is checked against: the report's sections and bibliography. */
export interface TimelineTargets {
  sections: readonly TimelineSectionTarget[];
  /** Every key of the bibliography. */
  bibliographyKeys: readonly string[];
  /** The bibliography's file, for messages. */
  bibliographyFile: string | undefined;
  /** Keys the references page lists (works a section cites, and further reading): where a key can link. */
  listedKeys: ReadonlySet<string>;
  /** The in-text citation of one work, as the report prints it: "(Borkman et al., 2020)". */
  formatCitation: (key: string) => string;
  /** URL of the references page. */
  referencesUrl: string;
}

/** A work the manuscript cites for an event, linked to its entry on the references page. */
export interface TimelineReference {
  key: string;
  /** In-text form without parentheses: "Borkman et al., 2020". */
  label: string;
  url: string;
}

/** An event of the timeline, checked and ready to show. */
export interface TimelineEvent {
  /** Fragment id on the timeline page, made from the date and title ("event-1935-alcoholics-anonymous-is-founded"). */
  id: string;
  date: TimelineDate;
  title: string;
  description: string;
  /** Where the report discusses it. */
  section: {
    slug: string;
    title: string;
    /** 1-based position of the section in reading order. */
    number: number;
    /** The section page's URL. */
    url: string;
    /** 1-based number of the paragraph that discusses it, when known. */
    paragraph: number | undefined;
    /** Where the event links: the paragraph when known, else the section page. */
    href: string;
  };
  references: TimelineReference[];
}

/** A section as the timeline needs it, from the site's section and its analysis (paragraph texts included). */
export function timelineSectionTarget(section: {
  slug: string;
  title: string;
  number: number;
  url: string;
  analysis: SectionAnalysis;
}): TimelineSectionTarget {
  return {
    slug: section.slug,
    title: section.title,
    number: section.number,
    url: section.url,
    paragraphs: section.analysis.paragraphs.map((paragraph) => ({
      anchor: paragraph.anchor,
      number: paragraph.number,
      text: paragraph.text,
    })),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The first paragraph that names a date as a word of its own ("1935", "1960s"; not "1935s" or a key "x1935"). */
export function paragraphNaming(
  date: TimelineDate,
  paragraphs: readonly TimelineParagraph[],
): TimelineParagraph | undefined {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(date.label)}(?![\\p{L}\\p{N}_])`, "u");
  return paragraphs.find((paragraph) => pattern.test(paragraph.text));
}

function resolveSection(entry: TimelineEntry, targets: TimelineTargets): TimelineEvent["section"] {
  const { file, position, lines } = entry.source;
  const name = eventName(position, entry.title);
  const section = targets.sections.find((candidate) => candidate.slug === entry.section);
  if (!section) {
    const slugs = targets.sections.map((candidate) => candidate.slug);
    const suggestion = nearestMatch(entry.section, slugs);
    throw new ContentError({
      file,
      line: lines.section,
      problem: `${name}: the section "${entry.section}" does not exist.`,
      fix: `${suggestion ? `did you mean "${suggestion}"? ` : ""}Name a file of the sections folder without .mdx (${slugs.join(", ") || "there are none yet"}).`,
    });
  }
  let paragraph: TimelineParagraph | undefined;
  if (entry.paragraph !== undefined) {
    const wanted = entry.paragraph.replace(/^#/, "");
    paragraph = section.paragraphs.find((candidate) => candidate.anchor === wanted);
    if (!paragraph) {
      const anchors = section.paragraphs.map((candidate) => candidate.anchor);
      const suggestion = nearestMatch(wanted, anchors);
      throw new ContentError({
        file,
        line: lines.paragraph,
        problem: `${name}: the paragraph "${entry.paragraph}" is not in the section "${section.slug}".`,
        fix: `${suggestion ? `did you mean "${suggestion}"? ` : ""}Use the anchor of one of its paragraphs (${anchors.join(", ")}), or remove paragraph to link the paragraph that names ${entry.date.label}.`,
      });
    }
  } else {
    paragraph = paragraphNaming(entry.date, section.paragraphs);
  }
  return {
    slug: section.slug,
    title: section.title,
    number: section.number,
    url: section.url,
    paragraph: paragraph?.number,
    href: paragraph ? `${section.url}#${paragraph.anchor}` : section.url,
  };
}

function resolveReferences(entry: TimelineEntry, targets: TimelineTargets): TimelineReference[] {
  const { file, position, citeLines, lines } = entry.source;
  const name = eventName(position, entry.title);
  const known = new Set(targets.bibliographyKeys);
  const bibliography = targets.bibliographyFile ? path.basename(targets.bibliographyFile) : "references.bib";
  return entry.cites.map((key, index) => {
    const line = citeLines[index] ?? lines.cites;
    if (!known.has(key)) throw unknownKeyError({ key, knownKeys: known, file, line, bibliography, where: name });
    if (!targets.listedKeys.has(key)) {
      throw new ContentError({
        file,
        line,
        problem: `${name}: "${key}" is in the bibliography, but no section cites it, so the references page does not list it.`,
        fix: `cite [@${key}] in the paragraph that discusses the event, or add ${key} to furtherReading in report.yaml.`,
      });
    }
    return {
      key,
      label: targets.formatCitation(key).replace(/^\(|\)$/g, ""),
      url: referenceHref(targets.referencesUrl, key),
    };
  });
}

/**
 * Checks every event against the report (its section, paragraph and citation keys exist) and
 * returns the events in time order, each with the links the timeline shows.
 */
export function resolveTimeline(entries: readonly TimelineEntry[], targets: TimelineTargets): TimelineEvent[] {
  const slugger = new GithubSlugger();
  const events = entries.map(
    (entry): TimelineEvent => ({
      id: slugger.slug(`event-${entry.date.label}-${entry.title}`),
      date: entry.date,
      title: entry.title,
      description: entry.description,
      section: resolveSection(entry, targets),
      references: resolveReferences(entry, targets),
    }),
  );
  // Array.prototype.sort is stable: events on the same date keep the file's order.
  return events.sort((a, b) => compareTimelineDates(a.date, b.date));
}
