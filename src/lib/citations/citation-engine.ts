import CSL from "citeproc";
import type { ElementContent } from "hast";
import { forApaDisplay, withEtAl, withRangeDashes } from "./apa-display.ts";
import { type CslItem, plugins } from "./citation-js.ts";
import { useCompleteDisambiguation } from "./citeproc-disambiguation.ts";
import { skipPlainTextMarkup, useFastCiteprocStrings } from "./citeproc-speed.ts";
import {
  CITEPROC_CLOSE,
  CITEPROC_TREE_FORMAT,
  citeprocText,
  citeprocTree,
  isBalanced,
  useCiteprocTreeFormat,
} from "./citeproc-tree.ts";
import { type Citation, type CitationItem, markersToCiteproc } from "./parse-citations.ts";

/**
 * Formatted text as hast nodes: text, and only the elements citeproc-tree.ts makes (italics, the
 * CSP's classes, gate-checked links). Shared by every page: copy before handing to a pipeline that
 * may change them.
 */
export type CitationNodes = ElementContent[];

/** One cited work inside a formatted citation: its key and the text that names it. */
export interface FormattedCitationPart {
  key: string;
  /** This work's part of the citation, e.g. `Borkman et al., 2020`. */
  nodes: CitationNodes;
}

/** A citation formatted in the report's style. */
export interface FormattedCitation {
  /** The whole citation, e.g. `(Borkman et al., 2020; Li et al., 2020)`. */
  nodes: CitationNodes;
  /** The same as plain text. */
  text: string;
  /** What stands before, between and after the works, alternating with `parts` (`gaps.length === parts.length + 1`). */
  gaps: CitationNodes[];
  parts: FormattedCitationPart[];
}

/** A formatted bibliography entry. */
export interface FormattedEntry {
  key: string;
  /** The entry's content (italics, links), without a wrapping element. */
  nodes: CitationNodes;
  text: string;
}

/** Formats citations and bibliographies with one citeproc engine for the whole build. */
export interface CitationEngine {
  formatCitation(citation: Pick<Citation, "kind" | "items">): FormattedCitation;
  formatBibliography(keys: readonly string[]): FormattedEntry[];
  /**
   * Registers the listed works as {@link CitationEngine.formatBibliography} does, without formatting
   * them: later citations are disambiguated against them. For an engine whose list came from a cache.
   */
  registerWorks(keys: readonly string[]): void;
}

/**
 * A citation in citeproc-tree.ts's format, as the engine cuts and joins it: the whole, and the
 * pieces around and of each work.
 */
interface MarkedCitation {
  whole: string;
  gaps: string[];
  parts: Array<{ key: string; marked: string }>;
}

/** A citation's tree; a citation whose cuts would split an element is one link for all its works. */
function toFormatted({ whole, gaps, parts }: MarkedCitation): FormattedCitation {
  const text = citeprocText(whole);
  const cuts = [...gaps, ...parts.map((part) => part.marked)];
  if (!cuts.every(isBalanced)) {
    return {
      nodes: citeprocTree(whole),
      text,
      gaps: [[], []],
      parts: [{ key: parts[0]?.key ?? "", nodes: citeprocTree(whole) }],
    };
  }
  return {
    nodes: citeprocTree(whole),
    text,
    gaps: gaps.map(citeprocTree),
    parts: parts.map((part) => ({ key: part.key, nodes: citeprocTree(part.marked) })),
  };
}

interface CiteprocItem {
  id: string;
  locator?: string;
  label?: string;
  prefix?: string;
  suffix?: string;
  "suppress-author"?: boolean;
  "author-only"?: boolean;
}

function toCiteprocItem(item: CitationItem): CiteprocItem {
  const result: CiteprocItem = { id: item.key };
  if (item.locator !== undefined) result.locator = item.locator;
  if (item.label !== undefined) result.label = item.label;
  if (item.prefix !== undefined) result.prefix = `${markersToCiteproc(item.prefix)} `;
  // The parser keeps the suffix as written (Pandoc adds a comma only before a bare word).
  if (item.suffix !== undefined) result.suffix = markersToCiteproc(item.suffix);
  if (item.suppressAuthor) result["suppress-author"] = true;
  return result;
}

/**
 * Pandoc's order of works in a citation: a suffix ends a group and a prefix starts one, and only
 * works inside a group are sorted, so "see A; also B" keeps the author's order.
 */
export function sortGroups(items: readonly CitationItem[]): CitationItem[][] {
  const groups: CitationItem[][] = [];
  let previous: CitationItem | undefined;
  for (const item of items) {
    const current = groups.at(-1);
    if (current && previous && previous.suffix === undefined && item.prefix === undefined) current.push(item);
    else groups.push([item]);
    previous = item;
  }
  return groups;
}

function stripParentheses(marked: string): string {
  return marked.replace(/^\(/, "").replace(/\)$/, "");
}

interface CiteprocName {
  family?: string;
  given?: string;
  literal?: string;
}

// Stands for "no initials" in citeproc's name register only; it is never printed.
const NO_INITIALS = "\u0001";

/** The names a work is cited by: its authors, or without them its editors (APA 7, 8.14 and 9.10). */
function citedNames(item: CslItem | undefined): readonly CiteprocName[] | undefined {
  const editors = item?.["editor"];
  return item?.author ?? (Array.isArray(editors) ? (editors as CiteprocName[]) : undefined);
}

/** The words of a name, in any order: citeproc moves a particle ("van der") between its parts. */
function nameWords(name: CiteprocName): string {
  return Object.values(name)
    .filter((part): part is string => typeof part === "string")
    .join(" ")
    .split(/\s+/)
    .filter((word) => word !== "")
    .sort()
    .join(" ");
}

/**
 * APA 7 (8.20) and Pandoc add initials when the first authors of references share a surname: "A.
 * Author" beside an "Author" with no given name. Two repairs to citeproc-js's name register, which
 * decides it:
 * - it counts the first name of every name list, so a first editor or translator with the surname
 *   (Hai Zhou, editor of the proceedings Oskuii et al. appear in) gave "T. Zhou et al." initials; only
 *   the name a work is cited by is registered;
 * - it registers a surname's initials only when there are some, so a name without them never counted
 *   as a second person: it is registered with a placeholder.
 */
function countFirstAuthorsOnly(engine: unknown, byKey: ReadonlyMap<string, CslItem>): void {
  type AddName = (id: unknown, name: CiteprocName, position: unknown) => void;
  type Register = { addname?: AddName; namereg?: object; nameind?: object; nameindpkeys?: object };
  const register = (engine as { registry?: { namereg?: Register } }).registry?.namereg;
  const addname = register?.addname;
  if (!register || !addname) return;
  // The register looks names up as keys of plain objects: a surname "toString" or "constructor" found
  // Object.prototype's function there and threw. Its tables have no prototype.
  register.namereg = Object.create(null);
  register.nameind = Object.create(null);
  register.nameindpkeys = Object.create(null);
  register.addname = (id: unknown, name: CiteprocName, position: unknown) => {
    const cited = citedNames(byKey.get(String(id)));
    if (cited !== undefined && (cited[0] === undefined || nameWords(cited[0]) !== nameWords(name))) return;
    const given = (name.given ?? "").trim();
    const bare = name.family !== undefined && name.literal === undefined && given === "";
    // A given name is a key of a table the register makes itself, with a prototype: marked, it is no
    // longer "toString" there (the mark, like NO_INITIALS, is never printed).
    const registered = bare
      ? { ...name, given: NO_INITIALS }
      : given.replace(/\./g, " ").trim() in Object.prototype
        ? { ...name, given: `${name.given ?? ""}${NO_INITIALS}` }
        : name;
    addname.call(register, id, registered, position);
  };
}

/**
 * "et al." is plural, "and others": it never stands for one name (APA 7, 8.18). citeproc adds names
 * to tell works apart and may stop one short of the last, "(Geiger, Harrer, Lenhard, et al., 2016)"
 * for four authors; the last is then written out, "(Geiger, Harrer, Lenhard, & Wirtz, 2016)".
 * `marked` is citeproc-tree.ts's format, whose text is the data's own.
 */
export function withoutEtAlForOneName(marked: string, items: readonly (CslItem | undefined)[]): string {
  let fixed = marked;
  for (const item of items) {
    const names = citedNames(item);
    if (!names || names.length < 3 || names.some((name) => name.literal !== undefined || !name.family)) continue;
    const shown = names.map((name) =>
      [(name as Record<string, unknown>)["non-dropping-particle"], name.family]
        .filter((part): part is string => typeof part === "string" && part !== "")
        .join(" "),
    );
    const head = shown.slice(0, -1).join(", ");
    fixed = fixed.replaceAll(`${head}, et al.`, `${head}, & ${shown.at(-1) ?? ""}`);
  }
  return fixed;
}

// citation-js's bundled APA style writes "Retrieved" before the address of an undated work even when
// there is no retrieval date ("Retrieved https://..."). Grouped with the date, the word goes when the
// date does (CSL 1.0.2, "Group": a group whose variables are all empty is not printed); APA 7 §9.16
// gives "Retrieved Month Day, Year, from URL" only with a date.
const RETRIEVED =
  '<text term="retrieved" text-case="capitalize-first"/><group delimiter=", "><date form="text" variable="accessed"/><text term="from"/></group>';

// The bundled style labels a data set with the locale's "dataset"; APA 7 (10.9, Examples 55-56) and
// the official apa.csl write "[Data set]". The style's own English terms take the two words.
const ENGLISH_TERMS = /<locale xml:lang="en"><terms>/;
const DATA_SET = '<term name="dataset">data set</term>';

// The bundled style sorts a work dated to the month after one dated by the year alone, so one
// author's works of one year took their letters by date ("2021a, September" after an article's
// "2021"). APA gives works of the same author and year their letters by title (APA 7, 9.47).
const DATE_SORT = /<macro name="date-sort">(?:(?!<\/macro>)[\s\S])*<\/macro>/;
const YEAR_SORT = '<macro name="date-sort"><date date-parts="year" form="numeric" variable="issued"/></macro>';

/**
 * The style with "Retrieved" printed only beside a retrieval date, data sets labelled "Data set" and
 * one author's works of a year lettered by title; any other style is left as it is.
 */
export function repairedStyle(xml: string): string {
  return xml
    .replace(RETRIEVED, `<group delimiter=" ">${RETRIEVED}</group>`)
    .replace(ENGLISH_TERMS, `$&${DATA_SET}`)
    .replace(DATE_SORT, YEAR_SORT);
}

/** Creates the engine from CSL-JSON items; `style` and `locale` name citation-js's bundled ones. */
export function createCitationEngine(items: readonly CslItem[], style = "apa", locale = "en-US"): CitationEngine {
  useCiteprocTreeFormat();
  useFastCiteprocStrings();
  useCompleteDisambiguation();
  const byKey = new Map(items.map((item) => [item.id, forApaDisplay(item)]));
  const config = plugins.config.get("@csl") as {
    styles: { get(name: string): string };
    locales: { get(name: string): string };
  };
  const engine = new CSL.Engine(
    {
      retrieveLocale: (lang: string) => config.locales.get(lang) ?? config.locales.get("en-US"),
      retrieveItem: (key: string) => {
        const item = byKey.get(key);
        if (!item) throw new Error(`no bibliography entry "${key}"`);
        return item;
      },
    },
    repairedStyle(config.styles.get(style)),
    locale,
    true,
  );
  engine.setOutputFormat(CITEPROC_TREE_FORMAT);
  engine.opt.development_extensions.wrap_url_and_doi = true;
  countFirstAuthorsOnly(engine, byKey);
  skipPlainTextMarkup(engine);

  const sorter = engine as unknown as {
    citation_sort: { tokens: unknown[] };
    registry: { sorter: { compareKeys(a: unknown, b: unknown): number } };
  };
  // Reports cite the same work in the same way again and again: each distinct cluster is made once.
  // Clusters are rendered in the order given: the order itself comes from `ordered` below.
  const clusters = new Map<string, string>();
  const cluster = (citeItems: CiteprocItem[]): string => {
    const key = JSON.stringify(citeItems);
    let marked = clusters.get(key);
    if (marked === undefined) {
      const tokens = sorter.citation_sort.tokens;
      sorter.citation_sort.tokens = [];
      try {
        marked = withoutEtAlForOneName(
          withRangeDashes(withEtAl(engine.makeCitationCluster(citeItems))),
          citeItems.map((item) => byKey.get(item.id)),
        );
      } finally {
        sorter.citation_sort.tokens = tokens;
      }
      clusters.set(key, marked);
    }
    return marked;
  };
  const sortKeys = new Map<string, unknown>();
  const sortKey = (key: string): unknown => {
    let found = sortKeys.get(key);
    if (found === undefined) {
      found = (
        CSL as unknown as { getSortKeys: (this: unknown, item: unknown, kind: string) => unknown }
      ).getSortKeys.call(engine, byKey.get(key), "bibliography_sort");
      sortKeys.set(key, found);
    }
    return found;
  };
  /** A work's date as its citation prints it, with its letter: "2021b". */
  const yearText = (item: CitationItem): string => cluster([{ id: item.key, "suppress-author": true }]);
  /**
   * The works of each of Pandoc's groups in the order of the reference list (APA 7, 8.12): by all the
   * authors' names, one author before several, then the date. Works that the text names alike
   * ("Carpenter et al.") stand together with their years in order, "1991, 1992".
   */
  const ordered = (items: readonly CitationItem[]): CitationItem[] =>
    sortGroups(items).flatMap((group) => {
      if (group.length < 2) return group;
      const sorted = group
        .map((item) => [undefined, { sortkeys: sortKey(item.key) }, item] as const)
        // One author's works of one year follow their letters, "2021a, 2021b, 2021c" (APA 7, 8.12).
        .sort((a, b) => sorter.registry.sorter.compareKeys(a[1], b[1]) || yearText(a[2]).localeCompare(yearText(b[2])))
        .map(([, , item]) => item);
      const runs: CitationItem[][] = [];
      for (const item of sorted) {
        const run = runs.at(-1);
        const last = run?.at(-1);
        if (run && last && narrativeAuthor(last.key) === narrativeAuthor(item.key)) run.push(item);
        else runs.push([item]);
      }
      // "n.d." before the years (APA 7, 8.12).
      const dated = (item: CitationItem) => yearText(item).replace(/^\(n\.d\./, "(0000");
      return runs.flatMap((run) => run.sort((a, b) => dated(a).localeCompare(dated(b))));
    });

  /**
   * The author part of a narrative citation, cut from the parenthetical one: "(A, 2020)" less "(2020)".
   * Unlike citeproc's author-only form, this keeps the quotes or italics of a title standing in for
   * a missing author ("Editorial" (2002)), as APA asks.
   */
  function narrativeAuthor(key: string): string {
    const whole = cluster([{ id: key }]);
    const year = cluster([{ id: key, "suppress-author": true }]);
    const tail = year.slice(1);
    if (whole.startsWith("(") && year.startsWith("(") && whole.endsWith(tail) && whole.length > year.length) {
      const author = whole
        .slice(1, whole.length - tail.length)
        .replace(/,\s*$/, "")
        .replace(new RegExp(`,((?:${CITEPROC_CLOSE})*”)\\s*$`), "$1");
      if (author.trim() !== "") return author.trim();
    }
    return cluster([{ id: key, "author-only": true }]);
  }

  function formatNarrative(item: CitationItem, others: readonly CitationItem[]): MarkedCitation {
    // APA 7 joins two authors with "and" in running text, "&" only inside parentheses.
    const author = narrativeAuthor(item.key).replace(/ & /g, " and ");
    const year = { ...item, suppressAuthor: true };
    const rest = others.length === 0 ? undefined : formatParenthetical([year, ...others], true);
    if (!rest) {
      // One work: the whole "Li et al. (2020)" is the link, so its text is a well-formed name.
      const whole = `${author} ${cluster([toCiteprocItem(year)])}`;
      return { whole, gaps: ["", ""], parts: [{ key: item.key, marked: whole }] };
    }
    // "Smith (2019, p. 33; Li et al., 2020)": the first work's author, then the rest in parentheses.
    const [, ...otherParts] = rest.parts;
    const [, ...otherGaps] = rest.gaps;
    return {
      whole: `${author} ${rest.whole}`,
      gaps: ["", ` ${rest.gaps[0] ?? ""}${rest.parts[0]?.marked ?? ""}${otherGaps[0] ?? ""}`, ...otherGaps.slice(1)],
      parts: [{ key: item.key, marked: author }, ...otherParts],
    };
  }

  function formatParenthetical(citationItems: readonly CitationItem[], keepFirst = false): MarkedCitation {
    const [head, ...tail] = citationItems;
    citationItems = keepFirst && head ? [head, ...ordered(tail)] : ordered(citationItems);
    const whole = cluster(citationItems.map(toCiteprocItem));
    const [only] = citationItems;
    if (only && citationItems.length === 1) {
      return { whole, gaps: ["(", ")"], parts: [{ key: only.key, marked: stripParentheses(whole) }] };
    }
    // Each work's text as it stands alone ("Knuth, 1986a") and without its author ("1986a"): APA
    // writes an author's works once, "Knuth, 1984, 1986a, 1986b" (8.12), and each year is its work.
    const singles = citationItems.map((item) => ({
      key: item.key,
      marked: stripParentheses(cluster([toCiteprocItem(item)])),
      year: stripParentheses(cluster([toCiteprocItem({ ...item, suppressAuthor: true })])),
    }));
    // Link each work where its text stands in the cluster; fall back to one link for all.
    const gaps: string[] = [];
    const located: Array<{ key: string; marked: string }> = [];
    let cursor = 0;
    for (const single of singles) {
      const found = whole.indexOf(single.marked, cursor);
      // The author is written once for several works: the later ones are found by their year.
      const yearAt = found === -1 && located.length > 0 ? whole.indexOf(single.year, cursor) : -1;
      const part =
        found !== -1
          ? { key: single.key, marked: single.marked, at: found }
          : { key: single.key, marked: single.year, at: yearAt };
      located.push(part);
      if (part.at < cursor) {
        const first = citationItems[0]?.key ?? "";
        return { whole, gaps: ["(", ")"], parts: [{ key: first, marked: stripParentheses(whole) }] };
      }
      gaps.push(whole.slice(cursor, part.at));
      cursor = part.at + part.marked.length;
    }
    gaps.push(whole.slice(cursor));
    return { whole, gaps, parts: located.map(({ key, marked }) => ({ key, marked })) };
  }

  function registerWorks(keys: readonly string[]): void {
    if (keys.length === 0) return;
    engine.updateItems([...keys]);
    // Citations made before the listed works were known may lack their disambiguation (initials, 2020a).
    clusters.clear();
    sortKeys.clear();
  }

  return {
    formatCitation(citation) {
      const [first] = citation.items;
      if (citation.kind === "narrative" && first) {
        return toFormatted(formatNarrative(first, citation.items.slice(1)));
      }
      return toFormatted(formatParenthetical(citation.items));
    },
    registerWorks,
    formatBibliography(keys) {
      if (keys.length === 0) return [];
      registerWorks(keys);
      const [meta, entries] = engine.makeBibliography() as [{ entry_ids: string[][] }, string[]];
      // The listed works stay registered, so later citations are disambiguated against them
      // (Smith, 2020a / Smith, 2020b; J. Smith / A. Smith) as APA asks.
      return entries.map((entry, index) => {
        const marked = withRangeDashes(withEtAl(entry, true)).trim();
        return { key: meta.entry_ids[index]?.[0] ?? "", nodes: citeprocTree(marked), text: citeprocText(marked) };
      });
    },
  };
}
