import type { Nodes, PhrasingContent, Root } from "mdast";
import { SKIP, visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { withBase } from "../build/site-url.ts";
import { ContentError } from "../content/content-error.ts";
import { nearestMatch } from "../content/nearest-match.ts";
import {
  type CrossReferenceIndex,
  type CrossReferenceTarget,
  findCrossReferences,
  KIND_NAMES,
  knownLabels,
  type TargetKind,
} from "../report/cross-references.ts";
import { citationMarks } from "./citation-marks.ts";
/** Options of {@link remarkCrossReferences}. */
export interface CrossReferenceOptions {
  /** The report's numbered targets, from its one analysis (asked per file: it follows edits in dev). */
  crossReferences: () => CrossReferenceIndex;
  /** The slug of the section a file holds, or undefined for a file that is no section. */
  slugOf: (file: VFile) => string | undefined;
  base: string;
  /** The word each kind of reference reads with ("Figure"), as report.yaml's `crossref` sets it. */
  prefixes?: () => Partial<Record<TargetKind, string>>;
}

/** A reference's text: the kind's word and the number ("Figure 2"), or the number alone when the word is "". */
function referenceText(target: CrossReferenceTarget, prefixes: Partial<Record<TargetKind, string>>): string {
  const word = prefixes[target.kind] ?? KIND_NAMES[target.kind];
  // A no-break space keeps "Figure" and its number on one line.
  return word === "" ? target.number : `${word}\u00a0${target.number}`;
}

function resolve(
  index: CrossReferenceIndex,
  label: string,
  currentSlug: string | undefined,
  file: VFile,
  line: number | undefined,
): CrossReferenceTarget {
  const target = index.targets.get(label);
  if (target) return target;
  const headings = index.headings.get(label) ?? [];
  // A heading id repeats across sections ("methods"): the one in the citing section wins.
  const here = headings.find((heading) => heading.slug === currentSlug);
  if (here) return here;
  if (headings.length === 1 && headings[0]) return headings[0];
  if (headings.length > 1) {
    throw new ContentError({
      file: file.path,
      line,
      problem: `"@${label}" matches a heading in several sections (${headings.map((heading) => heading.slug).join(", ")}).`,
      fix: `refer to the whole section with @sec:<file name>, or rename one of the headings.`,
    });
  }
  const kind = label.slice(0, label.indexOf(":")) as keyof typeof KIND_NAMES;
  const candidates = knownLabels(index, kind);
  const suggestion = nearestMatch(label, candidates);
  const listed = candidates.slice(0, 8).map((candidate) => `@${candidate}`);
  throw new ContentError({
    file: file.path,
    line,
    problem: `the cross-reference "@${label}" points to no ${KIND_NAMES[kind].toLowerCase()} of the report.`,
    fix: suggestion
      ? `did you mean "@${suggestion}"? Known ${KIND_NAMES[kind].toLowerCase()} labels: ${listed.join(", ")}.`
      : candidates.length > 0
        ? `use one of: ${listed.join(", ")}${candidates.length > listed.length ? ", …" : ""}.`
        : kind === "eq"
          ? `label a display equation with \\label{${label}} inside its $$ … $$.`
          : kind === "sec"
            ? "use @sec: followed by a section's file name or a heading's id."
            : `give the ${KIND_NAMES[kind].toLowerCase()} the id "${label}" (<${kind === "fig" ? "Figure" : "Table"} id="${label}" …>).`,
  });
}

/** A text with each cross-reference in it replaced by its target's name ("Figure 2"). */
function namedInText(
  text: string,
  targetOf: (label: string) => CrossReferenceTarget,
  prefixes: Partial<Record<TargetKind, string>>,
): string {
  let named = "";
  let cursor = 0;
  for (const match of findCrossReferences(text)) {
    const target = targetOf(match.label);
    named += `${text.slice(cursor, match.start)}${referenceText(target, prefixes)}`;
    cursor = match.end;
  }
  return named + text.slice(cursor);
}

/** The link a target gets from a page: within the page when it is in the same section. */
function targetUrl(target: CrossReferenceTarget, currentSlug: string | undefined, base: string): string {
  const page = withBase(base, `sections/${target.slug}/`);
  if (target.wholeSection) return page;
  return target.slug === currentSlug ? `#${target.htmlId}` : `${page}#${target.htmlId}`;
}

/**
 * Resolves pandoc-crossref/Quarto references (`@fig:x`, `@tbl:x`, `@eq:x`, `@sec:x`) into linked
 * "Figure 2" text. Runs before the citations, which would otherwise read them as citation keys.
 */
export function remarkCrossReferences({ crossReferences, slugOf, base, prefixes }: CrossReferenceOptions) {
  return (tree: Root, file: VFile) => {
    const index = crossReferences();
    const words = prefixes?.() ?? {};
    const currentSlug = slugOf(file);
    // Inside a citation (`[@a, p. 3; see @fig:x]`) a label is named in plain text: the citation
    // is one link to the work, which cannot hold another.
    const marks = new Set<Nodes>();
    for (const { found, mark } of citationMarks(tree, file)) {
      if (mark) marks.add(mark);
      for (const item of found.citation.items) {
        for (const field of ["prefix", "suffix"] as const) {
          const text = item[field];
          if (text === undefined) continue;
          item[field] = namedInText(text, (label) => resolve(index, label, currentSlug, file, found.line), words);
        }
      }
    }
    visit(tree, (node: Nodes, position, parent) => {
      if (marks.has(node)) return SKIP;
      if (node.type !== "text" || !parent || position === undefined || parent.type === "link") return;
      const matches = findCrossReferences(node.value);
      if (matches.length === 0) return;
      const replacement: PhrasingContent[] = [];
      let cursor = 0;
      for (const match of matches) {
        const target = resolve(index, match.label, currentSlug, file, node.position?.start.line);
        if (match.start > cursor) replacement.push({ type: "text", value: node.value.slice(cursor, match.start) });
        replacement.push({
          type: "link",
          url: targetUrl(target, currentSlug, base),
          data: { hProperties: { className: ["cross-reference"] } },
          children: [{ type: "text", value: referenceText(target, words) }],
        });
        cursor = match.end;
      }
      if (cursor < node.value.length) replacement.push({ type: "text", value: node.value.slice(cursor) });
      parent.children.splice(position, 1, ...replacement);
      return position + replacement.length;
    });
  };
}
