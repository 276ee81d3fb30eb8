import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadReportMetadata } from "../../../src/lib/content/report-file.ts";
import { orcidChecksumValid } from "../../../src/lib/content/schemas/report.ts";
import { bylineAuthors } from "../../../src/lib/metadata/byline.ts";
import { highwireTags, jsonLd, type ScholarlyWork } from "../../../src/lib/metadata/scholarly-metadata.ts";

function metadataError(authorsYaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "authors-"));
  fs.writeFileSync(
    path.join(dir, "report.yaml"),
    `title: T\npublished: 2026-01-01\nlanguage: en\nsummary: S\n${authorsYaml}`,
  );
  try {
    loadReportMetadata(dir);
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("authors in report.yaml", () => {
  test("ORCID iDs are checked with ORCID's own check digit (ISO 7064 MOD 11-2)", () => {
    // Examples from ORCID's documentation: one ends in a digit, one in X.
    expect(orcidChecksumValid("0000-0002-1825-0097")).toBe(true);
    expect(orcidChecksumValid("0000-0002-1694-233X")).toBe(true);
    expect(orcidChecksumValid("0000-0002-1825-0098")).toBe(false);
  });

  test("a missing family name names the author and shows the expected shape with an example", () => {
    const message = metadataError("authors:\n  - given: Ada\n");
    expect(message).toMatch(/report\.yaml:5: authors\[0\]\.family is missing\./);
    expect(message).toContain("- given: Ada\n      family: Lovelace");
    expect(message).not.toMatch(/as the message says|received undefined/);
  });

  test("a single 'name' field is reported as the unknown field it is, with the shape", () => {
    const message = metadataError("authors:\n  - name: Ada Lovelace\n");
    expect(message).toMatch(/authors\[0\]: unknown field "name"/);
    expect(message).toContain("family: Lovelace");
  });

  test("a mistyped ORCID iD says so", () => {
    expect(metadataError("authors:\n  - family: Lovelace\n    orcid: 0000-0002-1825-0098\n")).toMatch(
      /authors\[0\]\.orcid: .*check digit/,
    );
  });

  test("affiliation and ORCID reach the byline, Highwire tags and JSON-LD", () => {
    const authors = [
      { given: "Josiah", family: "Carberry", affiliation: "Brown University", orcid: "0000-0002-1825-0097" },
      { family: "Li" },
    ];
    expect(bylineAuthors(authors)).toEqual([
      { name: "Josiah Carberry", affiliation: "Brown University", orcid: "https://orcid.org/0000-0002-1825-0097" },
      { name: "Li", affiliation: undefined, orcid: undefined },
    ]);
    const work: ScholarlyWork = {
      kind: "report",
      title: "T",
      url: "https://example.org/",
      authors,
      published: new Date("2026-01-01"),
      language: "en",
      description: "D",
      keywords: [],
      references: [],
    };
    expect(highwireTags(work).filter((tag) => "name" in tag && tag.name.startsWith("citation_author"))).toEqual([
      { name: "citation_author", content: "Carberry, Josiah" },
      { name: "citation_author_institution", content: "Brown University" },
      { name: "citation_author_orcid", content: "https://orcid.org/0000-0002-1825-0097" },
      { name: "citation_author", content: "Li" },
    ]);
    expect(jsonLd(work)["author"]).toEqual([
      {
        "@type": "Person",
        name: "Josiah Carberry",
        familyName: "Carberry",
        givenName: "Josiah",
        affiliation: { "@type": "Organization", name: "Brown University" },
        identifier: "https://orcid.org/0000-0002-1825-0097",
        sameAs: "https://orcid.org/0000-0002-1825-0097",
      },
      { "@type": "Person", name: "Li", familyName: "Li" },
    ]);
  });
});
