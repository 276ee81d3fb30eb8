import type { Heading, Parent, Root } from "mdast";
import { toString as mdastToString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { type FoundCitation, findCitations } from "../citations/find-citations.ts";
import { ContentError } from "../content/content-error.ts";
import { allocateHeadingIds, givenHeadingId } from "../content/heading-ids.ts";
import {
  ALGORITHM_COMPONENT,
  FIGURE_COMPONENT,
  isComponent,
  jsxAttribute,
  LISTING_COMPONENT,
  labelToId,
  TABLE_COMPONENT,
} from "../content/mdx-components.ts";
import { parseMdxFile } from "../content/mdx-tree.ts";
import { numberEquations, numberedCount } from "./equations.ts";

/** The kinds of things an author can refer to: `@fig:x`, `@tbl:x`, `@lst:x`, `@eq:x`, `@sec:x`. */
export type TargetKind = "fig" | "tbl" | "lst" | "alg" | "eq" | "sec";

/** How each kind reads in the text ("Figure 2"), as Quarto and APA write it. */
export const KIND_NAMES: Readonly<Record<TargetKind, string>> = {
  fig: "Figure",
  tbl: "Table",
  lst: "Listing",
  alg: "Algorithm",
  eq: "Equation",
  sec: "Section",
};

/** Something a cross-reference can point at. */
export interface CrossReferenceTarget {
  /** The label as authors write it, e.g. `fig:growth`. */
  label: string;
  kind: TargetKind;
  /** The number readers see: "2" for a figure, "3.1" for a heading in section 3. */
  number: string;
  /** The id of the element on the page: the label with `:` made `-` (CSS-friendly, as in Quarto). */
  htmlId: string;
  /** Slug of the section the target is in. */
  slug: string;
  file: string;
  line: number | undefined;
  /** True for a whole section (the link goes to the section page itself). */
  wholeSection?: boolean;
}

/** A numbered figure or table, in the order its file holds them. */
export interface NumberedBlock {
  number: number;
  label: string | undefined;
  line: number | undefined;
}

/** Every target of the report, numbered in reading order across all sections. */
export interface CrossReferenceIndex {
  /** Figure, table and equation labels, and section slugs, each unique across the report. */
  targets: Map<string, CrossReferenceTarget>;
  /** Heading labels (`sec:heading-id`), which may repeat from one section to the next. */
  headings: Map<string, CrossReferenceTarget[]>;
  /** Per section slug, its figures and tables in document order. */
  figures: Map<string, NumberedBlock[]>;
  tables: Map<string, NumberedBlock[]>;
  /** Per section slug, its code listings in document order. */
  listings: Map<string, NumberedBlock[]>;
  /** Per section slug, its algorithms in document order. */
  algorithms: Map<string, NumberedBlock[]>;
  /** Bibliography keys cited in figure and table captions, which are not top-level paragraphs. */
  captionKeys: Set<string>;
}

/** A section as the index needs it: reading order is the order of the array. */
export interface IndexedSection {
  slug: string;
  file: string;
  body: string;
  /** The body's tree when the caller has parsed it already (the report analysis has). */
  tree?: Root | undefined;
  /** The citations found in that tree, when the caller has found them already (the analysis has). */
  citations?: readonly FoundCitation[] | undefined;
  /** Its headings' ids as the page gives them, when a heading cites (the citation's text is in the id). */
  headingIds?: ReadonlyMap<Parent, string> | undefined;
}

/** True for a <Figure> or <Table>, whose caption is no paragraph but cites all the same. */
function isCaptioned(node: Parameters<typeof isComponent>[0]): boolean {
  return (
    isComponent(node, FIGURE_COMPONENT) || isComponent(node, TABLE_COMPONENT) || isComponent(node, LISTING_COMPONENT)
  );
}

/** Label syntax after the prefix: letters, digits, `_`, `-`, and inner `.` or `:`. */
export const NAME = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_-]|[.:](?=[\p{L}\p{N}_]))*`;

/**
 * Matches `@fig:x` (pandoc-crossref) and `@fig-x` (Quarto), or either in brackets; group 1 (or 3)
 * is the kind, group 2 (or 4) the name. Both spellings name one label, `fig:x`.
 */
export const CROSS_REFERENCE = new RegExp(
  String.raw`\[@(fig|tbl|lst|alg|eq|sec)[:-](${NAME})\]|(?<![\p{L}\p{N}_@.\-])@(fig|tbl|lst|alg|eq|sec)[:-](${NAME})`,
  "gu",
);

/** A found cross-reference: its label and where it sits in the text. */
export interface CrossReferenceMatch {
  label: string;
  kind: TargetKind;
  start: number;
  end: number;
}

/** Finds every cross-reference in a run of text, in order. */
export function findCrossReferences(text: string): CrossReferenceMatch[] {
  return [...text.matchAll(CROSS_REFERENCE)].map((match) => {
    const kind = (match[1] ?? match[3]) as TargetKind;
    const name = match[2] ?? match[4] ?? "";
    return { label: `${kind}:${name}`, kind, start: match.index, end: match.index + match[0].length };
  });
}

function headingTargets(tree: Root, section: IndexedSection, sectionNumber: number): CrossReferenceTarget[] {
  // The same allocation as the pipeline's headings, so @sec:<id> names the id the page really has.
  const all: Heading[] = [];
  visit(tree, "heading", (heading: Heading) => {
    all.push(heading);
  });
  const allocated = allocateHeadingIds(all, givenHeadingId, (heading) => mdastToString(heading));
  const counters: number[] = [];
  const targets: CrossReferenceTarget[] = [];
  visit(tree, "heading", (heading: Heading) => {
    // Headings start at h2 in a section: h2 is "3.1", h3 "3.1.2".
    const level = Math.max(heading.depth - 2, 0);
    counters.length = level + 1;
    counters[level] = (counters[level] ?? 0) + 1;
    for (let index = 0; index < level; index++) counters[index] ??= 1;
    const htmlId = section.headingIds?.get(heading) ?? allocated.get(heading) ?? "";
    targets.push({
      label: `sec:${htmlId}`,
      kind: "sec",
      number: [sectionNumber, ...counters].join("."),
      htmlId,
      slug: section.slug,
      file: section.file,
      line: heading.position?.start.line,
    });
    // Quarto's `{#sec-methods}` is referred to as @sec-methods, read as the label sec:methods.
    if (htmlId.startsWith("sec-") && htmlId.length > 4) {
      targets.push({ ...(targets.at(-1) as CrossReferenceTarget), label: `sec:${htmlId.slice(4)}` });
    }
  });
  return targets;
}

function duplicateError(target: CrossReferenceTarget, first: CrossReferenceTarget): ContentError {
  return new ContentError({
    file: target.file,
    line: target.line,
    problem: `the label "${target.label}" is used twice (first in ${first.file}${first.line ? `:${first.line}` : ""}).`,
    fix: "give each figure, table and equation its own label.",
  });
}

/** Builds the index of every numbered thing in the report; a label used twice is an error. */
export function buildCrossReferenceIndex(sections: readonly IndexedSection[]): CrossReferenceIndex {
  const index: CrossReferenceIndex = {
    targets: new Map(),
    headings: new Map(),
    figures: new Map(),
    tables: new Map(),
    listings: new Map(),
    algorithms: new Map(),
    captionKeys: new Set(),
  };
  const counts = { fig: 0, tbl: 0, lst: 0, alg: 0, eq: 0 };
  const add = (target: CrossReferenceTarget) => {
    const first = index.targets.get(target.label);
    if (first) throw duplicateError(target, first);
    index.targets.set(target.label, target);
  };
  sections.forEach((section, sectionIndex) => {
    const sectionNumber = sectionIndex + 1;
    add({
      label: `sec:${section.slug}`,
      kind: "sec",
      number: String(sectionNumber),
      htmlId: section.slug,
      slug: section.slug,
      file: section.file,
      line: undefined,
      wholeSection: true,
    });
    const tree = section.tree ?? parseMdxFile(section.file, section.body);
    const citations = section.tree && section.citations ? section.citations : findCitations(tree, section.body);
    for (const found of citations) {
      if (!found.ancestors.some(isCaptioned)) continue;
      for (const item of found.citation.items) index.captionKeys.add(item.key);
    }
    const figures: NumberedBlock[] = [];
    const tables: NumberedBlock[] = [];
    const listings: NumberedBlock[] = [];
    const algorithms: NumberedBlock[] = [];
    visit(tree, (node) => {
      for (const [component, kind, list] of [
        [FIGURE_COMPONENT, "fig", figures],
        [TABLE_COMPONENT, "tbl", tables],
        [LISTING_COMPONENT, "lst", listings],
        [ALGORITHM_COMPONENT, "alg", algorithms],
      ] as const) {
        if (!isComponent(node, component)) continue;
        counts[kind] += 1;
        const label = jsxAttribute(node, "id");
        const line = node.position?.start.line;
        list.push({ number: counts[kind], label, line });
        if (label?.startsWith(`${kind}:`)) {
          add({
            label,
            kind,
            number: String(counts[kind]),
            htmlId: labelToId(label),
            slug: section.slug,
            file: section.file,
            line,
          });
        }
      }
    });
    index.figures.set(section.slug, figures);
    index.tables.set(section.slug, tables);
    index.listings.set(section.slug, listings);
    index.algorithms.set(section.slug, algorithms);
    // Labelled display equations are numbered (math.ts): the reference says the number.
    const equations = numberEquations(tree, section.file, counts.eq + 1);
    counts.eq += numberedCount(equations);
    for (const { label, line, number } of equations) {
      if (!label) continue;
      add({
        label,
        kind: "eq",
        number: String(number ?? ""),
        htmlId: labelToId(label),
        slug: section.slug,
        file: section.file,
        line,
      });
    }
    for (const target of headingTargets(tree, section, sectionNumber)) {
      index.headings.set(target.label, [...(index.headings.get(target.label) ?? []), target]);
    }
  });
  return index;
}

/** Every label an author may write, for "did you mean" suggestions. */
export function knownLabels(index: CrossReferenceIndex, kind?: TargetKind): string[] {
  const labels = [...index.targets.keys(), ...index.headings.keys()];
  return kind ? labels.filter((label) => label.startsWith(`${kind}:`)) : labels;
}

/** The ids a link may name in each section (its headings, figures, tables, listings and equations), by slug. */
export function sectionAnchors(index: CrossReferenceIndex): Map<string, Set<string>> {
  const anchors = new Map<string, Set<string>>();
  const add = (target: CrossReferenceTarget) => {
    if (target.wholeSection) return;
    const ids = anchors.get(target.slug) ?? new Set<string>();
    ids.add(target.htmlId);
    anchors.set(target.slug, ids);
  };
  for (const target of index.targets.values()) add(target);
  for (const targets of index.headings.values()) targets.forEach(add);
  for (const slug of index.figures.keys()) if (!anchors.has(slug)) anchors.set(slug, new Set());
  return anchors;
}
