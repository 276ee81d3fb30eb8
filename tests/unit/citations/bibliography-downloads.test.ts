import path from "node:path";
import { expect, test } from "vitest";
import { bibliographyDownloads } from "../../../src/lib/citations/bibliography-downloads.ts";
import { Cite } from "../../../src/lib/citations/citation-js.ts";
import { loadBibliography } from "../../../src/lib/citations/load-bibliography.ts";

const { items } = loadBibliography(path.resolve(import.meta.dirname, "../../fixtures/citations"));

test.each(bibliographyDownloads.map((download) => [download.fileName, download] as const))(
  "%s parses back into the same works, titles intact",
  (fileName, download) => {
    const text = download.format.render(items);
    const parsed = new Cite(fileName.endsWith(".json") ? JSON.parse(text) : text).data as Array<{
      title?: string;
      issued?: unknown;
    }>;
    expect(parsed.map((item) => item.title).sort()).toEqual(items.map((item) => item.title).sort());
    expect(parsed.map((item) => JSON.stringify(item.issued)).sort()).toEqual(
      items.map((item) => JSON.stringify(item["issued"])).sort(),
    );
  },
);

test("RIS keeps every long value on one tagged line", () => {
  const ris = bibliographyDownloads.find((download) => download.fileName.endsWith(".ris"))?.format.render(items) ?? "";
  for (const line of ris.split("\n").filter(Boolean)) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}-( |$)/);
});
