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
  NAME,
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
            : kind === "alg"
              ? `give the algorithm the label: \\label{${label}} inside \\begin{algorithm}.`
              : kind === "lst"
                ? `give a code block the id and a caption: \`\`\`{.python #${label.replace(":", "-")} lst-cap="…"}.`
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

/** Words that name a kind, so that `[Figure @fig:x]` and `[Appendix -@sec:x]` print the number only after them. */
const KIND_WORDS: Readonly<Record<TargetKind, RegExp>> = {
  fig: /^(?:fig(?:ure)?s?\.?|figs\.)$/i,
  tbl: /^(?:tab(?:le)?s?\.?|tbls?\.?)$/i,
  lst: /^(?:list(?:ing)?s?\.?|lsts?\.?)$/i,
  alg: /^(?:alg(?:orithm)?s?\.?)$/i,
  eq: /^(?:eq(?:uation)?s?\.?|eqns?\.?)$/i,
  sec: /^(?:sec(?:tion)?s?\.?|§|chapters?|chap\.|appendix|appendices|part)$/i,
};

/** The plural a group of references takes ("Figures 1 and 2"). */
const PLURALS: Readonly<Record<TargetKind, string>> = {
  fig: "Figures",
  tbl: "Tables",
  lst: "Listings",
  alg: "Algorithms",
  eq: "Equations",
  sec: "Sections",
};

/** One reference of a bracket as written: `see -@fig:x, left`. */
interface BracketItem {
  prefix: string;
  suppress: boolean;
  label: string;
  kind: TargetKind;
  suffix: string;
}

const ITEM = new RegExp(String.raw`^\s*(.*?)\s*(-?)@(fig|tbl|lst|alg|eq|sec)[:-](${NAME})(.*?)\s*$`, "su");
const BRACKET = /\[([^[\]]*?@(?:fig|tbl|lst|alg|eq|sec)[:-][^[\]]*)\]/gu;

/**
 * The items of a bracket that holds only cross-references (`[@fig:a; @fig:b]`, `[see @sec-x]`,
 * `[-@eq:y]`), or undefined when any part of it is no cross-reference (a citation's bracket).
 */
export function bracketItems(inside: string): BracketItem[] | undefined {
  const items: BracketItem[] = [];
  for (const part of inside.split(";")) {
    const match = ITEM.exec(part);
    if (!match || /@/.test(`${match[1]}${match[5]}`)) return undefined;
    const kind = match[3] as TargetKind;
    items.push({
      prefix: match[1] ?? "",
      suppress: match[2] === "-",
      label: `${kind}:${match[4]}`,
      kind,
      suffix: match[5] ?? "",
    });
  }
  return items;
}

/** The link a target gets from a page: within the page when it is in the same section. */
function targetUrl(target: CrossReferenceTarget, currentSlug: string | undefined, base: string): string {
  const page = withBase(base, `sections/${target.slug}/`);
  if (target.wholeSection) return page;
  return target.slug === currentSlug ? `#${target.htmlId}` : `${page}#${target.htmlId}`;
}

type Resolve = (label: string) => CrossReferenceTarget;
type LinkTo = (target: CrossReferenceTarget, text: string) => PhrasingContent;

/**
 * A bracket of references as readers see it: `[@fig:a; @fig:b]` is "Figures 1 and 2", `[see
 * @sec-x]` "see Section 2", `[Figure @fig-x]` "Figure 1" and `[-@eq:y]` "3", each number a link.
 */
function bracketNodes(
  items: readonly BracketItem[],
  resolve: Resolve,
  linkTo: LinkTo,
  prefixes: Partial<Record<TargetKind, string>>,
): PhrasingContent[] {
  const targets = items.map((item) => resolve(item.label));
  const first = items[0] as BracketItem;
  const plain = items.every(
    (item) => item.prefix === "" && item.suffix === "" && !item.suppress && item.kind === first.kind,
  );
  if (plain && items.length > 1) {
    const word = prefixes[first.kind] === "" ? "" : (prefixes[first.kind] ?? PLURALS[first.kind]);
    const nodes: PhrasingContent[] = word === "" ? [] : [{ type: "text", value: `${word}\u00a0` }];
    targets.forEach((target, index) => {
      if (index > 0) nodes.push({ type: "text", value: index === targets.length - 1 ? " and " : ", " });
      nodes.push(linkTo(target, target.number));
    });
    return nodes;
  }
  const nodes: PhrasingContent[] = [];
  items.forEach((item, index) => {
    const target = targets[index] as CrossReferenceTarget;
    if (index > 0) nodes.push({ type: "text", value: "; " });
    const words = item.prefix.split(/\s+/).filter((word) => word !== "");
    const last = words.at(-1);
    // "Figure @fig:x": the author wrote the word, which the link takes in; "see @fig:x" keeps the kind's word.
    const named = last !== undefined && KIND_WORDS[item.kind].test(last);
    const before = named ? words.slice(0, -1).join(" ") : item.prefix;
    if (before !== "") nodes.push({ type: "text", value: `${before} ` });
    const word = prefixes[item.kind] ?? KIND_NAMES[item.kind];
    const text = named
      ? `${last}\u00a0${target.number}`
      : item.suppress || word === ""
        ? target.number
        : `${word}\u00a0${target.number}`;
    nodes.push(linkTo(target, text));
    if (item.suffix !== "") nodes.push({ type: "text", value: item.suffix });
  });
  return nodes;
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
      const value = node.value;
      const line = node.position?.start.line;
      const resolveHere: Resolve = (label) => resolve(index, label, currentSlug, file, line);
      const linkTo: LinkTo = (target, text) => ({
        type: "link",
        url: targetUrl(target, currentSlug, base),
        data: { hProperties: { className: ["cross-reference"] } },
        children: [{ type: "text", value: text }],
      });
      // Brackets of references first, then references in the running text around them.
      const pieces: Array<{ start: number; end: number; nodes: PhrasingContent[] }> = [];
      for (const bracket of value.matchAll(BRACKET)) {
        const items = bracketItems(bracket[1] ?? "");
        if (!items) continue;
        pieces.push({
          start: bracket.index,
          end: bracket.index + bracket[0].length,
          nodes: bracketNodes(items, resolveHere, linkTo, words),
        });
      }
      const inBracket = (at: number) => pieces.some((piece) => at >= piece.start && at < piece.end);
      for (const match of findCrossReferences(value)) {
        if (inBracket(match.start)) continue;
        const target = resolveHere(match.label);
        pieces.push({ start: match.start, end: match.end, nodes: [linkTo(target, referenceText(target, words))] });
      }
      if (pieces.length === 0) return;
      pieces.sort((a, b) => a.start - b.start);
      const replacement: PhrasingContent[] = [];
      let cursor = 0;
      for (const piece of pieces) {
        if (piece.start > cursor) replacement.push({ type: "text", value: value.slice(cursor, piece.start) });
        replacement.push(...piece.nodes);
        cursor = piece.end;
      }
      if (cursor < value.length) replacement.push({ type: "text", value: value.slice(cursor) });
      parent.children.splice(position, 1, ...replacement);
      return position + replacement.length;
    });
  };
}
