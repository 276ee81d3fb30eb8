import { describe, expect, it } from "vitest";
import {
  contentOperations,
  demoteDrawingToArtifacts,
  dropSoftHyphenGlyphs,
  markUntaggedAsArtifacts,
} from "../../../src/lib/pdf/content-artifacts.ts";

const bytes = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const text = (data: Uint8Array) => Buffer.from(data).toString("latin1");

describe("content stream operations", () => {
  it("reads operators with strings, hex strings, arrays and dictionaries as operands", () => {
    const operations = contentOperations(
      bytes("/P <</MCID 0 >>BDC BT /F1 12 Tf [(a\\) b) -20 <0041>] TJ (x (nested)) Tj ET EMC 0 0 10 10 re f"),
    );
    expect(operations.map((operation) => operation.operator)).toEqual([
      "BDC",
      "BT",
      "Tf",
      "TJ",
      "Tj",
      "ET",
      "EMC",
      "re",
      "f",
    ]);
  });

  it("refuses inline images rather than misreading their data", () => {
    expect(() => contentOperations(bytes("BI /W 1 /H 1 ID \x00\xff EI"))).toThrow(/inline image/);
  });
});

describe("marking untagged drawing as artifacts", () => {
  it("wraps runs outside marked content, keeps tagged content as it was", () => {
    const source = "q 1 1 1 rg 0 0 612 792 re f Q\n/P <</MCID 0 >>BDC BT (Hi) Tj ET EMC\nBT (1 of 4) Tj ET";
    const marked = text(markUntaggedAsArtifacts(bytes(source)).bytes);
    expect(marked).toContain("/P <</MCID 0 >>BDC BT (Hi) Tj ET EMC");
    expect(marked).toMatch(/\/Artifact BMC\nq 1 1 1 rg 0 0 612 792 re f Q\nEMC/);
    // Inside the text object, so that marked content and BT/ET nest.
    expect(marked).toMatch(/BT\/Artifact BMC\n \(1 of 4\) Tj\nEMC\n ET$/);
    expect(markUntaggedAsArtifacts(bytes(source)).runs).toBe(2);
  });

  it("leaves a stream with nothing untagged unchanged, and ignores runs that paint nothing", () => {
    const source = "q 2 0 0 2 0 0 cm /Artifact BMC 0 0 1 1 re f EMC /Span <</MCID 3>> BDC (x) Tj EMC Q";
    const result = markUntaggedAsArtifacts(bytes(source));
    expect(result.runs).toBe(0);
    expect(text(result.bytes)).toBe(source);
  });
});

describe("soft hyphens that did not break a line", () => {
  it("drops the invisible glyph and its ActualText, keeping every position", () => {
    const source =
      "BT 1 0 0 -1 0 10 Tm <0044> Tj\n/Span<</ActualText <feff00ad> >> BDC\n7.3 0 Td <0003> Tj\nEMC\n0 0 Td <0045> Tj ET";
    const result = dropSoftHyphenGlyphs(bytes(source));
    expect(result.dropped).toBe(1);
    const cleaned = text(result.bytes);
    expect(cleaned).not.toContain("ActualText");
    expect(cleaned).not.toContain("<0003>");
    expect(cleaned).toMatch(/7\.3 0 Td\s+0 0 Td <0045> Tj ET$/);
  });

  it("marks the hyphen drawn where a soft hyphen broke the line as a hyphen-minus, so the word is rejoined", () => {
    // Chromium's own output for "Organi-" at a line's end, then "zations" on the next line.
    const source = [
      "/P <</MCID 0 >>BDC BT /F4 16 Tf 1 0 0 -1 8 22 Tm <00320055> Tj",
      "/Span<</ActualText <feff00ad> >> BDC <0003> Tj EMC ET",
      "BT /F4 16 Tf 1 0 0 -1 52.14 22 Tm <0206> Tj ET",
      "BT /F4 16 Tf 1 0 0 -1 8 40 Tm <005d0044> Tj ET EMC",
    ].join("\n");
    const result = dropSoftHyphenGlyphs(bytes(source));
    expect(result).toMatchObject({ dropped: 1, marked: 1 });
    const cleaned = text(result.bytes);
    expect(cleaned).not.toContain("<0003>");
    expect(cleaned).toContain("52.14 22 Tm /Span<</ActualText <feff002d>>> BDC\n<0206> Tj\nEMC ET");
    // The next line's text is untouched.
    expect(cleaned).toContain("<005d0044> Tj ET EMC");
  });

  it("leaves a hyphen alone where the soft hyphen did not end the line", () => {
    const source =
      "BT /Span<</ActualText <feff00ad> >> BDC <0003> Tj EMC 7.3 0 Td <0045> Tj ET BT 1 0 0 1 0 0 Tm <0206> Tj ET";
    const result = dropSoftHyphenGlyphs(bytes(source));
    expect(result).toMatchObject({ dropped: 1, marked: 0 });
  });

  it("keeps a glyph whose removal would move the text after it", () => {
    const source = "BT /Span<</ActualText <feff00ad> >> BDC <0003> Tj EMC <0045> Tj ET";
    expect(dropSoftHyphenGlyphs(bytes(source)).dropped).toBe(0);
  });
});

describe("an ActualText span outside tagged content", () => {
  it("is drawn inside an artifact with the run around it, not left neither tagged nor artifact", () => {
    const source = "/P <</MCID 0 >>BDC BT (a) Tj ET EMC BT /Span<</ActualText <feff00ad> >> BDC <0003> Tj EMC ET";
    const result = markUntaggedAsArtifacts(bytes(source));
    expect(result.runs).toBe(1);
    expect(text(result.bytes)).toMatch(
      /EMC BT\s*\/Artifact BMC\s+\/Span<<\/ActualText <feff00ad> >> BDC <0003> Tj EMC\s+EMC\s+ET$/,
    );
  });
});

describe("drawing tagged as a table's own content", () => {
  it("becomes an artifact when it draws no text, and says which MCIDs it turned", () => {
    const source = "/Table <</MCID 7 >>BDC\n0 0 112 1 re\nf\nEMC\n/Table <</MCID 8 >>BDC BT (cell) Tj ET EMC";
    const result = demoteDrawingToArtifacts(bytes(source), new Set([7, 8]));
    expect(result.demoted).toEqual([7]);
    expect(text(result.bytes)).toBe(
      "\n/Artifact BMC\n0 0 112 1 re\nf\nEMC\n/Table <</MCID 8 >>BDC BT (cell) Tj ET EMC",
    );
  });
});
