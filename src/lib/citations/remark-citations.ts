import type { Element, ElementContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { PhrasingContent, Root, Text } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { ContentError } from "../content-error.ts";
import { nearestMatch } from "../nearest-match.ts";
import { loadReportContext, type ReportContext } from "../report-context.ts";
import type { FormattedCitation, FormattedEntry } from "./citation-engine.ts";
import { type Citation, parseCitations } from "./parse-citations.ts";

/** Options of {@link remarkCitations}. */
export interface CitationOptions {
  contentDir: string;
  /** URL of the references page, e.g. `/references/`. */
  referencesUrl: string;
}

/** The fragment id of a work's entry on the references page. */
export function referenceAnchor(key: string): string {
  return `ref-${key}`;
}

function htmlFragment(html: string): ElementContent[] {
  return fromHtml(html, { fragment: true }).children as ElementContent[];
}

function element(tagName: string, properties: Element["properties"], children: ElementContent[]): Element {
  return { type: "element", tagName, properties, children };
}

/** The hast of a formatted citation: each work links to its entry and previews it without JS. */
export function citationElement(
  formatted: FormattedCitation,
  entries: ReadonlyMap<string, FormattedEntry>,
  referencesUrl: string,
): Element {
  const children: ElementContent[] = [];
  formatted.parts.forEach((part, index) => {
    children.push(...htmlFragment(formatted.gaps[index] ?? ""));
    const entry = entries.get(part.key);
    const visible = htmlFragment(part.html);
    const label = entry ? `${formatted.text.replace(/^\(|\)$/g, "")} – ${entry.text}` : undefined;
    children.push(
      element(
        "a",
        { href: `${referencesUrl}#${referenceAnchor(part.key)}`, className: ["citation-link"], ariaLabel: label },
        visible,
      ),
    );
    if (entry) {
      children.push(element("span", { className: ["citation-preview"], ariaHidden: "true" }, htmlFragment(entry.html)));
    }
  });
  children.push(...htmlFragment(formatted.gaps.at(-1) ?? ""));
  return element(
    "span",
    { className: ["citation"], dataCitationKeys: formatted.parts.map((part) => part.key).join(" ") },
    children,
  );
}

function checkKeys(citation: Citation, context: ReportContext, file: VFile, line: number | undefined): void {
  for (const item of citation.items) {
    if (context.keys.has(item.key)) continue;
    const suggestion = nearestMatch(item.key, context.keys);
    const bibliography = context.bibliography.file ?? "content/references.bib";
    throw new ContentError({
      file: file.path,
      line,
      problem: `the citation key "@${item.key}" is not in the bibliography (${bibliography}).`,
      fix: suggestion
        ? `did you mean "@${suggestion}"? Otherwise add an entry with the key "${item.key}" to the bibliography.`
        : `add an entry with the key "${item.key}" to the bibliography, or correct the key.`,
    });
  }
}

/** Turns Pandoc-style citations (`[@key]`, `@key`, `[-@key]`, `[see @key, p. 3]`) into APA citations. */
export function remarkCitations({ contentDir, referencesUrl }: CitationOptions) {
  return (tree: Root, file: VFile) => {
    const context = loadReportContext(contentDir);
    visit(tree, "text", (node: Text, index, parent) => {
      if (!parent || index === undefined) return;
      const citations = parseCitations(node.value);
      if (citations.length === 0) return;
      const replacement: PhrasingContent[] = [];
      let cursor = 0;
      for (const citation of citations) {
        checkKeys(citation, context, file, node.position?.start.line);
        if (citation.start > cursor)
          replacement.push({ type: "text", value: node.value.slice(cursor, citation.start) });
        const hast = citationElement(context.engine.formatCitation(citation), context.entries, referencesUrl);
        replacement.push({
          type: "emphasis",
          children: [],
          data: { hName: hast.tagName, hProperties: hast.properties, hChildren: hast.children },
        });
        cursor = citation.end;
      }
      if (cursor < node.value.length) replacement.push({ type: "text", value: node.value.slice(cursor) });
      parent.children.splice(index, 1, ...replacement);
      return index + replacement.length;
    });
  };
}
