import { EXPORT_FORMATS, type ExportFormat } from "./export-formats.ts";

/** A file the references page offers, generated from the bibliography at build time. */
export interface BibliographyDownload {
  /** `references.<extension>`, served at the site's root. */
  fileName: string;
  format: ExportFormat;
}

/** Every bibliography download, one per export format, in the order the page lists them. */
export const bibliographyDownloads: readonly BibliographyDownload[] = EXPORT_FORMATS.map((format) => ({
  fileName: `references.${format.extension}`,
  format,
}));
