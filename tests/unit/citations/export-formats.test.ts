import { expect, test } from "vitest";
import { bibliographyDownloads } from "../../../src/lib/citations/bibliography-downloads.ts";
import { Cite, type CslItem } from "../../../src/lib/citations/citation-js.ts";
import { citationFormats } from "../../../src/lib/citations/cite-this.ts";
import { EXPORT_FORMATS } from "../../../src/lib/citations/export-formats.ts";

const item: CslItem = {
  id: "borkman2020",
  type: "book",
  title: "Self-help groups and mutual aid",
  author: [{ family: "Borkman", given: "Thomasina" }],
  issued: { "date-parts": [[2020]] },
};

test("formats differ in id, extension and content type", () => {
  for (const field of ["id", "extension", "contentType", "label"] as const) {
    expect(new Set(EXPORT_FORMATS.map((format) => format[field])).size).toBe(EXPORT_FORMATS.length);
  }
});

test.each(EXPORT_FORMATS.map((format) => [format.label, format] as const))(
  "%s: citation-js reads the rendered item back",
  (_label, format) => {
    const text = format.render([item]);
    const [back] = new Cite(format.id === "csl-json" ? JSON.parse(text) : text).data as CslItem[];
    expect(back?.title).toBe(item.title);
    expect(back?.author?.[0]?.family).toBe("Borkman");
  },
);

test("the references page's downloads and the cite-this box offer the same formats", () => {
  expect(bibliographyDownloads.map((download) => download.fileName)).toEqual([
    "references.bib",
    "references.ris",
    "references.json",
  ]);
  expect(Object.keys(citationFormats(item).files)).toEqual(EXPORT_FORMATS.map((format) => format.id));
});
