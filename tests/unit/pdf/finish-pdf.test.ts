import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { finishPdf, publishedUrl } from "../../../src/lib/pdf/finish-pdf.ts";
import type { PdfMetadata } from "../../../src/lib/pdf/pdf-metadata.ts";

const rewrite = { localOrigin: "http://127.0.0.1:41234", siteOrigin: "https://example.edu" };

describe("publishedUrl", () => {
  it("points links to the print server at the published site, keeping path and fragment", () => {
    expect(publishedUrl("http://127.0.0.1:41234/reports/shg/timeline/#e-1935", rewrite)).toBe(
      "https://example.edu/reports/shg/timeline/#e-1935",
    );
  });

  it("leaves other links alone, including a look-alike port", () => {
    expect(publishedUrl("https://doi.org/10.1000/xyz", rewrite)).toBe("https://doi.org/10.1000/xyz");
    expect(publishedUrl("http://127.0.0.1:412345/x", rewrite)).toBe("http://127.0.0.1:412345/x");
  });
});

async function printedPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage([612, 792]);
  const link = (uri: string) =>
    document.context.register(
      document.context.obj({
        Type: "Annot",
        Subtype: "Link",
        Rect: [0, 0, 10, 10],
        A: { S: "URI", URI: PDFString.of(uri) },
      }),
    );
  page.node.set(
    PDFName.of("Annots"),
    document.context.obj([link("http://127.0.0.1:41234/timeline/"), link("https://doi.org/10.1/x")]),
  );
  // Stands in for Chromium's structure tree: it must survive.
  document.catalog.set(PDFName.of("StructTreeRoot"), document.context.obj({ Type: "StructTreeRoot" }));
  document.catalog.set(PDFName.of("MarkInfo"), document.context.obj({ Marked: true }));
  return document.save();
}

const metadata: PdfMetadata = {
  title: "Self-Help Group Report",
  author: undefined,
  subject: "Self-help groups are associations of people.",
  keywords: ["self-help groups", "Alcoholics Anonymous"],
  language: "en",
  creationDate: new Date("2026-11-26T00:00:00Z"),
  creator: "test",
};

describe("finishPdf", () => {
  it("sets the document information, title bar and language, and keeps the tags", async () => {
    const finished = await finishPdf(await printedPdf(), metadata, rewrite);
    const document = await PDFDocument.load(finished.bytes, { updateMetadata: false });
    expect(finished.pageCount).toBe(1);
    expect(document.getTitle()).toBe("Self-Help Group Report");
    expect(document.getSubject()).toBe("Self-help groups are associations of people.");
    expect(document.getKeywords()).toBe("self-help groups; Alcoholics Anonymous");
    expect(document.getAuthor()).toBeUndefined();
    expect(document.catalog.lookup(PDFName.of("Lang"))?.toString()).toContain("en");
    const preferences = document.catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict);
    expect(preferences.lookup(PDFName.of("DisplayDocTitle"))?.toString()).toBe("true");
    expect(document.catalog.lookup(PDFName.of("StructTreeRoot"))).toBeInstanceOf(PDFDict);
  });

  it("sets an author only when there is one", async () => {
    const finished = await finishPdf(await printedPdf(), { ...metadata, author: "Ada Lovelace" }, rewrite);
    expect((await PDFDocument.load(finished.bytes)).getAuthor()).toBe("Ada Lovelace");
  });

  it("rewrites links to the print server and keeps external ones", async () => {
    const finished = await finishPdf(await printedPdf(), metadata, rewrite);
    const document = await PDFDocument.load(finished.bytes);
    const annotations = document.getPage(0).node.lookup(PDFName.of("Annots"), PDFArray);
    const uris = annotations
      .asArray()
      .map((_, index) =>
        annotations
          .lookup(index, PDFDict)
          .lookup(PDFName.of("A"), PDFDict)
          .lookup(PDFName.of("URI"), PDFString)
          .decodeText(),
      );
    expect(uris).toEqual(["https://example.edu/timeline/", "https://doi.org/10.1/x"]);
  });
});

describe("finishPdf bookmarks", () => {
  it("gives bookmarks their heading's text where a line break swallowed a space", async () => {
    const document = await PDFDocument.load(await printedPdf());
    const outlines = document.context.nextRef();
    const wrapped = document.context.register(
      document.context.obj({ Title: PDFString.of("Group VersusPsychotherapeutic Group Therapy"), Parent: outlines }),
    );
    const other = document.context.register(
      document.context.obj({ Title: PDFString.of("Contents"), Parent: outlines, Prev: wrapped }),
    );
    document.context.lookup(wrapped, PDFDict).set(PDFName.of("Next"), other);
    document.context.assign(
      outlines,
      document.context.obj({ Type: "Outlines", First: wrapped, Last: other, Count: 2 }),
    );
    document.catalog.set(PDFName.of("Outlines"), outlines);

    const finished = await finishPdf(await document.save(), metadata, rewrite, [
      "Contents",
      "Self-Help Group Versus Psychotherapeutic Group Therapy",
      "Group Versus Psychotherapeutic Group Therapy",
    ]);
    const reloaded = await PDFDocument.load(finished.bytes);
    const first = reloaded.catalog.lookup(PDFName.of("Outlines"), PDFDict).lookup(PDFName.of("First"), PDFDict);
    expect(first.lookup(PDFName.of("Title"), PDFString, PDFHexString).decodeText()).toBe(
      "Group Versus Psychotherapeutic Group Therapy",
    );
    const second = first.lookup(PDFName.of("Next"), PDFDict);
    expect(second.lookup(PDFName.of("Title"), PDFString, PDFHexString).decodeText()).toBe("Contents");
  });
});
