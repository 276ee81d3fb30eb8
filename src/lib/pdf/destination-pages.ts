import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFRef } from "pdf-lib";

/**
 * The page (1-based) of each named destination of a PDF, as Chromium writes them: one per element
 * id that a link points at, in the catalog's /Dests dictionary (or the /Names tree of PDF 1.2+).
 */
export function destinationPages(document: PDFDocument): Map<string, number> {
  const pageNumbers = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const pages = new Map<string, number>();
  const record = (name: string, destination: unknown) => {
    const array =
      destination instanceof PDFArray
        ? destination
        : destination instanceof PDFDict
          ? destination.lookupMaybe(PDFName.of("D"), PDFArray)
          : undefined;
    const page = array?.get(0);
    if (page instanceof PDFRef) {
      const number = pageNumbers.get(page.toString());
      if (number !== undefined) pages.set(name, number);
    }
  };
  const dests = document.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  for (const key of dests?.keys() ?? []) record(key.decodeText(), dests?.lookup(key));
  const tree = document.catalog.lookupMaybe(PDFName.of("Names"), PDFDict)?.lookupMaybe(PDFName.of("Dests"), PDFDict);
  const visit = (node: PDFDict | undefined) => {
    if (!node) return;
    const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
    for (let index = 0; names && index + 1 < names.size(); index += 2) {
      const key = names.lookup(index);
      const name = key && "decodeText" in key ? (key as { decodeText(): string }).decodeText() : undefined;
      if (name !== undefined) record(name, names.lookup(index + 1));
    }
    const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
    for (let index = 0; kids && index < kids.size(); index++) visit(kids.lookupMaybe(index, PDFDict));
  };
  visit(tree);
  return pages;
}
