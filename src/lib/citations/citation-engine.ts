import CSL from "citeproc";
import { type CslItem, plugins } from "./citation-js.ts";
import type { Citation, CitationItem } from "./parse-citations.ts";

/** One cited work inside a formatted citation: its key and the text that names it. */
export interface FormattedCitationPart {
  key: string;
  /** HTML of this work's part of the citation, e.g. `Borkman et al., 2020`. */
  html: string;
}

/** A citation formatted in the report's style. */
export interface FormattedCitation {
  /** The whole citation as HTML, e.g. `(Borkman et al., 2020; Li et al., 2020)`. */
  html: string;
  /** The same as plain text. */
  text: string;
  /** HTML before, between and after the works, alternating with `parts` (`gaps.length === parts.length + 1`). */
  gaps: string[];
  parts: FormattedCitationPart[];
}

/** A formatted bibliography entry. */
export interface FormattedEntry {
  key: string;
  /** Inner HTML of the entry (italics, links), without the wrapping element. */
  html: string;
  text: string;
}

/** Formats citations and bibliographies with one citeproc engine for the whole build. */
export interface CitationEngine {
  formatCitation(citation: Pick<Citation, "kind" | "items">): FormattedCitation;
  formatBibliography(keys: readonly string[]): FormattedEntry[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Turns citeproc's HTML into plain text (tags dropped, entities decoded). */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_match, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&(\w+);/g, (match, name: string) => ENTITIES[name] ?? match)
    .replace(/\s+/g, " ")
    .trim();
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
  if (item.prefix !== undefined) result.prefix = `${item.prefix} `;
  if (item.suffix !== undefined) result.suffix = item.suffix.startsWith(",") ? item.suffix : `, ${item.suffix}`;
  if (item.suppressAuthor) result["suppress-author"] = true;
  return result;
}

function stripParentheses(html: string): string {
  return html.replace(/^\(/, "").replace(/\)$/, "");
}

/** Creates the engine from CSL-JSON items; `style` and `locale` name citation-js's bundled ones. */
export function createCitationEngine(items: readonly CslItem[], style = "apa", locale = "en-US"): CitationEngine {
  const byKey = new Map(items.map((item) => [item.id, item]));
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
    config.styles.get(style),
    locale,
    true,
  );
  engine.setOutputFormat("html");
  engine.opt.development_extensions.wrap_url_and_doi = true;

  // Reports cite the same work in the same way again and again: each distinct cluster is made once.
  const clusters = new Map<string, string>();
  const cluster = (citeItems: CiteprocItem[]): string => {
    const key = JSON.stringify(citeItems);
    let html = clusters.get(key);
    if (html === undefined) {
      html = engine.makeCitationCluster(citeItems);
      clusters.set(key, html);
    }
    return html;
  };

  function formatNarrative(item: CitationItem): FormattedCitation {
    // APA 7 joins two authors with "and" in running text, "&" only inside parentheses.
    const author = cluster([{ id: item.key, "author-only": true }]).replace(/ (?:&#38;|&amp;|&) /g, " and ");
    const rest = cluster([{ ...toCiteprocItem(item), "suppress-author": true }]);
    const html = `${author} ${rest}`;
    return { html, text: htmlToText(html), gaps: ["", ` ${rest}`], parts: [{ key: item.key, html: author }] };
  }

  function formatParenthetical(citationItems: readonly CitationItem[]): FormattedCitation {
    const html = cluster(citationItems.map(toCiteprocItem));
    const [only] = citationItems;
    if (only && citationItems.length === 1) {
      return {
        html,
        text: htmlToText(html),
        gaps: ["(", ")"],
        parts: [{ key: only.key, html: stripParentheses(html) }],
      };
    }
    const singles = citationItems.map((item) => ({
      key: item.key,
      html: stripParentheses(cluster([toCiteprocItem(item)])),
    }));
    // Link each work where its text stands in the sorted cluster; fall back to one link for all.
    const located = singles.map((single) => ({ ...single, at: html.indexOf(single.html) })).sort((a, b) => a.at - b.at);
    const gaps: string[] = [];
    let cursor = 0;
    for (const part of located) {
      if (part.at < cursor) {
        const inner = stripParentheses(html);
        const first = citationItems[0]?.key ?? "";
        return { html, text: htmlToText(html), gaps: ["(", ")"], parts: [{ key: first, html: inner }] };
      }
      gaps.push(html.slice(cursor, part.at));
      cursor = part.at + part.html.length;
    }
    gaps.push(html.slice(cursor));
    return {
      html,
      text: htmlToText(html),
      gaps,
      parts: located.map(({ key, html: partHtml }) => ({ key, html: partHtml })),
    };
  }

  return {
    formatCitation(citation) {
      const [first] = citation.items;
      if (citation.kind === "narrative" && first && citation.items.length === 1) return formatNarrative(first);
      return formatParenthetical(citation.items);
    },
    formatBibliography(keys) {
      if (keys.length === 0) return [];
      engine.updateItems([...keys]);
      const [meta, entries] = engine.makeBibliography() as [{ entry_ids: string[][] }, string[]];
      // The listed works stay registered, so later citations are disambiguated against them
      // (Smith, 2020a / Smith, 2020b; J. Smith / A. Smith) as APA asks.
      return entries.map((entryHtml, index) => {
        const html = entryHtml
          .trim()
          .replace(/^<div[^>]*>/, "")
          .replace(/<\/div>$/, "")
          .trim();
        return { key: meta.entry_ids[index]?.[0] ?? "", html, text: htmlToText(html) };
      });
    },
  };
}
