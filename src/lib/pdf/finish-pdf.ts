import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import type { PdfMetadata } from "./pdf-metadata.ts";
import { type AccessibilityRepairs, type AccessibilityText, makeAccessible } from "./pdf-ua.ts";

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

/** Letters only: how an outline title and a heading are matched whatever the line breaks did. */
function squeezed(text: string): string {
  return text.replace(/\s+/g, "");
}

/**
 * Chromium builds bookmark titles from the laid-out lines of a heading and drops the space where a
 * heading wraps ("Group VersusPsychotherapeutic"); each title is put back as the heading reads.
 */
function repairOutlineTitles(document: PDFDocument, headings: readonly string[]): number {
  const byLetters = new Map(headings.map((heading) => [squeezed(heading), heading]));
  let repaired = 0;
  const visit = (item: PDFDict | undefined) => {
    for (let node = item; node; node = node.lookupMaybe(PDFName.of("Next"), PDFDict)) {
      const title = node.lookupMaybe(PDFName.of("Title"), PDFString, PDFHexString)?.decodeText();
      const heading = title === undefined ? undefined : byLetters.get(squeezed(title));
      if (heading !== undefined && heading !== title) {
        node.set(PDFName.of("Title"), PDFHexString.fromText(heading));
        repaired++;
      }
      visit(node.lookupMaybe(PDFName.of("First"), PDFDict));
    }
  };
  visit(document.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.lookupMaybe(PDFName.of("First"), PDFDict));
  return repaired;
}

/** The finished PDF and what the site says about it. */
export interface FinishedPdf {
  bytes: Uint8Array;
  pageCount: number;
  repairs: AccessibilityRepairs;
}

/**
 * Sets the document information Chromium leaves out (author, subject, keywords, the title shown in
 * the viewer's title bar, the language), points links at the published site and gives bookmarks
 * the text of their `headings` (as printed, in any order), and repairs what PDF/UA-1 needs
 * ({@link makeAccessible}) from what the page `said` about its figures and links.
 */
export async function finishPdf(
  printed: Uint8Array,
  metadata: PdfMetadata,
  rewrite: LinkRewrite,
  headings: readonly string[] = [],
  said: AccessibilityText = { figures: [], links: new Map() },
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
  // Links are described by the targets the page had, before they point at the published site.
  const repairs = makeAccessible(document, metadata, said);
  rewriteLinks(document, rewrite);
  repairOutlineTitles(document, headings);
  return { bytes: await document.save(), pageCount: document.getPageCount(), repairs };
}
