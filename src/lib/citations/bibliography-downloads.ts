import { type CslItem, formatBibtex, formatRis } from "./citation-js.ts";

/** A file the references page offers, generated from the bibliography at build time. */
export interface BibliographyDownload {
  fileName: string;
  /** Name of the format, as reference managers call it. */
  format: string;
  /** Who reads it. */
  for: string;
  contentType: string;
  /** Converts CSL-JSON items into the file's text. */
  render(items: readonly CslItem[]): string;
}

/** Every bibliography download, in the order the page lists them. */
export const bibliographyDownloads: readonly BibliographyDownload[] = [
  {
    fileName: "references.bib",
    format: "BibTeX",
    for: "Zotero, JabRef, BibDesk and LaTeX",
    contentType: "application/x-bibtex; charset=utf-8",
    render: formatBibtex,
  },
  {
    fileName: "references.ris",
    format: "RIS",
    for: "EndNote, Mendeley, RefWorks and Zotero",
    contentType: "application/x-research-info-systems; charset=utf-8",
    render: formatRis,
  },
  {
    fileName: "references.json",
    format: "CSL-JSON",
    for: "Zotero, Pandoc and citation-js",
    contentType: "application/vnd.citationstyles.csl+json; charset=utf-8",
    render: (items) => `${JSON.stringify(items, null, 2)}\n`,
  },
];
