// The one table of the formats reference managers import: the references page's downloads, each
// cite-this box and the report's /cite/ files all read it.
import { type CslItem, formatBibtex, formatRis } from "./citation-js.ts";

/** Identifies an export format. */
export type ExportFormatId = "bibtex" | "ris" | "csl-json";

/** A file format for references, made from CSL-JSON items by citation-js. */
export interface ExportFormat {
  id: ExportFormatId;
  /** Name of the format, as reference managers call it: "BibTeX". */
  label: string;
  /** File name extension, without the dot. */
  extension: string;
  /** HTTP Content-Type of the file. */
  contentType: string;
  /** The tools that read it, as a phrase: "Zotero, Pandoc and citation-js". */
  readers: string;
  /** Converts CSL-JSON items into the file's text. */
  render(items: readonly CslItem[]): string;
}

/** Every export format, in the order pages list them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: "bibtex",
    label: "BibTeX",
    extension: "bib",
    contentType: "application/x-bibtex; charset=utf-8",
    readers: "Zotero, JabRef, BibDesk and LaTeX",
    render: formatBibtex,
  },
  {
    id: "ris",
    label: "RIS",
    extension: "ris",
    contentType: "application/x-research-info-systems; charset=utf-8",
    readers: "EndNote, Mendeley, RefWorks and Zotero",
    render: formatRis,
  },
  {
    id: "csl-json",
    label: "CSL-JSON",
    extension: "json",
    contentType: "application/vnd.citationstyles.csl+json; charset=utf-8",
    readers: "Zotero, Pandoc and citation-js",
    render: (items) => `${JSON.stringify(items, null, 2)}\n`,
  },
];
