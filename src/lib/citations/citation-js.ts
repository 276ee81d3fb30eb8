// The one place citation-js is set up: core plus the BibTeX, CSL and RIS plugins.
import { Cite, plugins } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-csl";
import "@citation-js/plugin-ris";

export { Cite, plugins };

/** A bibliography entry in CSL-JSON, the form every format is converted through. */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: Array<{ family?: string; given?: string; literal?: string }>;
  [field: string]: unknown;
}

/**
 * RIS for CSL-JSON items. citation-js breaks every value after 70 characters, which RIS readers
 * (citation-js's own among them) take as a new, tagless line: values are joined back here.
 */
export function formatRis(items: readonly CslItem[]): string {
  const wrapped = new Cite([...items]).format("ris", { format: "text" });
  return wrapped.replace(/\n(?![A-Z][A-Z0-9] {2}-( |$))/g, "");
}

/** BibTeX for CSL-JSON items. */
export function formatBibtex(items: readonly CslItem[]): string {
  return new Cite([...items]).format("bibtex", { format: "text" });
}
