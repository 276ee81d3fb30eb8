import { describe, expect, it } from "vitest";
import {
  accessibilityMetadata,
  type EpubMetadata,
  modifiedStamp,
  navigationDocument,
  packageDocument,
  stableIdentifier,
} from "../../../../src/lib/editions/epub/package-document.ts";

describe("package document", () => {
  const metadata: EpubMetadata = {
    identifier: stableIdentifier("https://example.edu/r/report"),
    title: "A & B",
    language: "en-GB",
    date: "2026-11-26",
    creators: [],
    description: "Summary.",
    subjects: ["one"],
    rights: undefined,
    modified: new Date("2026-11-27T15:19:29.123Z"),
  };

  it("gives the same name-based UUID for the same report, another for another", () => {
    expect(stableIdentifier("https://example.edu/r/report")).toBe(metadata.identifier);
    expect(metadata.identifier).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(stableIdentifier("https://example.edu/other/report")).not.toBe(metadata.identifier);
  });

  it("writes dcterms:modified in whole UTC seconds", () => {
    expect(modifiedStamp(metadata.modified)).toBe("2026-11-27T15:19:29Z");
  });

  it("names no creator when the report names no author, and each author when it does", () => {
    const features = { images: false, math: false, footnotes: false, timeline: false };
    expect(packageDocument(metadata, features, [])).not.toContain("dc:creator");
    const named = packageDocument({ ...metadata, creators: ["Ada Lovelace", "Alan Turing"] }, features, []);
    expect(named).toContain('<dc:creator id="creator-1">Ada Lovelace</dc:creator>');
    expect(named).toContain('<dc:creator id="creator-2">Alan Turing</dc:creator>');
    expect(named).toContain("<dc:title>A &amp; B</dc:title>");
    expect(named).toContain('xml:lang="en-GB"');
  });

  it("claims visual content, alternative text and MathML only when the content has them", () => {
    const plain = accessibilityMetadata({ images: false, math: false, footnotes: false, timeline: false });
    expect(plain.filter(([key]) => key === "schema:accessMode").map(([, value]) => value)).toEqual(["textual"]);
    expect(plain.some(([, value]) => value === "alternativeText" || value === "MathML")).toBe(false);
    const rich = accessibilityMetadata({ images: true, math: true, footnotes: true, timeline: true });
    expect(rich.filter(([key]) => key === "schema:accessMode").map(([, value]) => value)).toEqual([
      "textual",
      "visual",
    ]);
    expect(rich.filter(([key]) => key === "schema:accessibilityFeature").map(([, value]) => value)).toEqual(
      expect.arrayContaining(["alternativeText", "MathML"]),
    );
    expect(rich).toContainEqual(["schema:accessibilityHazard", "none"]);
  });

  it("mentions a timeline only when there is one, and claims no conformance nobody certified", () => {
    const summary = (metadata: [string, string][]) =>
      metadata.find(([key]) => key === "schema:accessibilitySummary")?.[1] ?? "";
    const none = { images: false, math: false, footnotes: false, timeline: false };
    expect(summary(accessibilityMetadata(none))).not.toMatch(/timeline/i);
    expect(summary(accessibilityMetadata({ ...none, timeline: true }))).toMatch(/The timeline is a list\./);
    expect(accessibilityMetadata(none).map(([key]) => key)).not.toContain("dcterms:conformsTo");
  });

  it("has no page-list in the navigation document", () => {
    const nav = navigationDocument({
      language: "en",
      title: "T",
      toc: [{ title: "A", href: "a.xhtml", children: [] }],
      landmarks: [],
    });
    expect(nav).toContain('<nav epub:type="toc"');
    expect(nav).not.toContain("page-list");
  });
});
