import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { CHECKPOINTS, checkMatterhorn } from "../../pdf-ua/matterhorn.ts";

// The check must fail where a PDF breaks PDF/UA: an untagged PDF as pdf-lib writes it, with a link
// and a figure tag in a list that breaks the list rules.
async function untaggedPdf(): Promise<string> {
  const document = await PDFDocument.create();
  const page = document.addPage([612, 792]);
  page.drawText("Hello", { x: 72, y: 700, font: await document.embedFont(StandardFonts.Helvetica) });
  const link = document.context.register(
    document.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [0, 0, 10, 10],
      A: { S: "URI", URI: PDFString.of("https://example.org/") },
    }),
  );
  page.node.set(PDFName.of("Annots"), document.context.obj([link]));
  const figure = document.context.register(document.context.obj({ Type: "StructElem", S: "Figure" }));
  const item = document.context.register(document.context.obj({ Type: "StructElem", S: "LI", K: [figure] }));
  const list = document.context.register(document.context.obj({ Type: "StructElem", S: "L", K: [item] }));
  const heading = document.context.register(document.context.obj({ Type: "StructElem", S: "H3" }));
  document.catalog.set(
    PDFName.of("StructTreeRoot"),
    document.context.register(document.context.obj({ Type: "StructTreeRoot", K: [heading, list] })),
  );
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "matterhorn-")), "untagged.pdf");
  fs.writeFileSync(file, await document.save({ useObjectStreams: false }));
  return file;
}

describe("the Matterhorn check", () => {
  it("names every checkpoint once", () => {
    const ids = CHECKPOINTS.map((checkpoint) => checkpoint.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^\d{2}-\d{3}$/);
  });

  it("fails an untagged PDF on the checkpoints it breaks, and passes the ones it does not", async () => {
    const report = checkMatterhorn(await untaggedPdf());
    const failed = [...report].filter(([, problems]) => problems.length > 0).map(([id]) => id);
    expect(failed).toEqual(
      expect.arrayContaining([
        "01-005",
        "06-001",
        "07-001",
        "09-005",
        "11-001",
        "13-004",
        "14-002",
        "28-008",
        "28-011",
        "28-012",
      ]),
    );
    // Nothing encrypted, no optional content, no notes: those checkpoints hold.
    for (const id of ["26-001", "20-002", "19-003", "02-004"]) expect(report.get(id)).toEqual([]);
  });
});
