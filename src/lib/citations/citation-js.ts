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
