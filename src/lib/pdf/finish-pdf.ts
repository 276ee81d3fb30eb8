import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import type { PdfMetadata } from "./pdf-metadata.ts";

/** Where links printed from the local server should lead once the PDF is published. */
export interface LinkRewrite {
  /** Origin Chromium printed from, e.g. `http://127.0.0.1:41234`. */
  localOrigin: string;
  /** The site's public origin (`SITE_URL`), e.g. `https://example.edu`. */
  siteOrigin: string;
}

/** A link to the local print server, pointed at the published site instead; other URLs unchanged. */
export function publishedUrl(url: string, rewrite: LinkRewrite): string {
  if (url !== rewrite.localOrigin && !url.startsWith(`${rewrite.localOrigin}/`)) return url;
  return rewrite.siteOrigin.replace(/\/+$/, "") + url.slice(rewrite.localOrigin.length);
}

function rewriteLinks(document: PDFDocument, rewrite: LinkRewrite): number {
  let rewritten = 0;
  for (const page of document.getPages()) {
    const annotations = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    if (!annotations) continue;
    for (let index = 0; index < annotations.size(); index++) {
      const action = annotations.lookupMaybe(index, PDFDict)?.lookupMaybe(PDFName.of("A"), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of("URI"), PDFString, PDFHexString);
      if (!action || !uri) continue;
      const before = uri.decodeText();
      const after = publishedUrl(before, rewrite);
      if (after === before) continue;
      action.set(PDFName.of("URI"), PDFString.of(after));
      rewritten++;
    }
  }
  return rewritten;
}

/** The finished PDF and what the site says about it. */
export interface FinishedPdf {
  bytes: Uint8Array;
  pageCount: number;
}

/**
 * Sets the document information Chromium leaves out (author, subject, keywords, the title shown in
 * the viewer's title bar, the language) and points links at the published site. pdf-lib rewrites
 * only the catalog and info dictionaries, so the structure tree and the outline stay as printed.
 */
export async function finishPdf(
  printed: Uint8Array,
  metadata: PdfMetadata,
  rewrite: LinkRewrite,
): Promise<FinishedPdf> {
  const document = await PDFDocument.load(printed, { updateMetadata: false });
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  if (metadata.author) document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  // pdf-lib joins keywords with spaces, which merges multi-word keywords; readers split on ";" or ",".
  document.setKeywords([metadata.keywords.join("; ")]);
  document.setCreator(metadata.creator);
  document.setLanguage(metadata.language);
  document.setCreationDate(metadata.creationDate);
  rewriteLinks(document, rewrite);
  return { bytes: await document.save(), pageCount: document.getPageCount() };
}
