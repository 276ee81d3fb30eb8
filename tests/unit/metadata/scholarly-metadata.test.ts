import { describe, expect, test } from "vitest";
import type { CslItem } from "../../../src/lib/citations/citation-js.ts";
import {
  highwireReference,
  highwireTags,
  jsonLd,
  jsonLdText,
  type MetaTag,
  openGraphTags,
  type ScholarlyWork,
} from "../../../src/lib/metadata/scholarly-metadata.ts";

const borkman: CslItem = {
  id: "borkman2020",
  type: "article-journal",
  title: "Self-help/mutual aid groups and peer support: A literature review",
  author: [
    { family: "Borkman", given: "T." },
    { family: "Munn-Giddings", given: "C." },
  ],
  "container-title": "Voluntaristics Review",
  issued: { "date-parts": [[2020]] },
  volume: "5",
  issue: "2-3",
  page: "1-219",
};

const report: ScholarlyWork = {
  kind: "report",
  title: "Self-Help Group Report",
  url: "https://example.edu/shg/",
  authors: [],
  published: new Date("2026-11-26T00:00:00Z"),
  language: "en",
  description: "Self-help groups are associations of people meeting regularly to discuss common issues.",
  keywords: ["self-help groups", "mutual support"],
  pdfUrl: "https://example.edu/shg/self-help-group-report.pdf",
  references: [borkman],
  parts: [{ title: "Introduction", url: "https://example.edu/shg/sections/introduction/" }],
};

const section: ScholarlyWork = {
  ...report,
  kind: "section",
  title: "Introduction",
  url: "https://example.edu/shg/sections/introduction/",
  references: [],
  partOf: { title: "Self-Help Group Report", url: "https://example.edu/shg/" },
  position: 1,
  parts: undefined,
};

function values(tags: MetaTag[], key: string): string[] {
  return tags.filter((tag) => ("name" in tag ? tag.name : tag.property) === key).map((tag) => tag.content);
}

describe("highwireTags", () => {
  const tags = highwireTags(report);

  test("describe the report with Google Scholar's tags", () => {
    expect(values(tags, "citation_title")).toEqual(["Self-Help Group Report"]);
    expect(values(tags, "citation_publication_date")).toEqual(["2026/11/26"]);
    expect(values(tags, "citation_language")).toEqual(["en"]);
    expect(values(tags, "citation_pdf_url")).toEqual(["https://example.edu/shg/self-help-group-report.pdf"]);
    expect(values(tags, "citation_public_url")).toEqual(["https://example.edu/shg/"]);
    expect(values(tags, "citation_keywords")).toEqual(["self-help groups; mutual support"]);
  });

  test("invent no author when the report names none", () => {
    expect(values(tags, "citation_author")).toEqual([]);
  });

  test("give one citation_author per author, family name first, in byline order", () => {
    const authored = highwireTags({
      ...report,
      authors: [
        { family: "Li", given: "X." },
        { family: "Gold", given: "P. B." },
      ],
    });
    expect(values(authored, "citation_author")).toEqual(["Li, X.", "Gold, P. B."]);
  });

  test("leave out citation_pdf_url when the build made no PDF", () => {
    expect(values(highwireTags({ ...report, pdfUrl: undefined }), "citation_pdf_url")).toEqual([]);
  });

  test("type the report for Zotero with DC.type, a section with the report's title as its book", () => {
    expect(values(tags, "DC.type")).toEqual(["Report"]);
    const sectionTags = highwireTags(section);
    expect(values(sectionTags, "DC.type")).toEqual([]);
    expect(values(sectionTags, "citation_title")).toEqual(["Introduction"]);
    expect(values(sectionTags, "citation_inbook_title")).toEqual(["Self-Help Group Report"]);
    expect(values(sectionTags, "citation_reference")).toEqual([]);
  });

  test("list every cited work as a citation_reference", () => {
    expect(values(tags, "citation_reference")).toEqual([
      "citation_title=Self-help/mutual aid groups and peer support: A literature review; citation_author=Borkman, T.; " +
        "citation_author=Munn-Giddings, C.; citation_journal_title=Voluntaristics Review; citation_publication_date=2020; " +
        "citation_volume=5; citation_issue=2-3; citation_firstpage=1; citation_lastpage=219",
    ]);
  });
});

describe("highwireReference", () => {
  test("turns semicolons inside values into commas, since a semicolon ends a field", () => {
    const reference = highwireReference({
      id: "x",
      type: "book",
      title: "Groups; or, mutual aid",
      issued: { "date-parts": [[1999]] },
    });
    expect(reference).toBe("citation_title=Groups, or, mutual aid; citation_publication_date=1999");
  });
});

describe("openGraphTags", () => {
  test("describe the page for link previews", () => {
    const tags = openGraphTags(report, "https://example.edu/shg/references/", "Self-Help Group Report");
    expect(values(tags, "og:url")).toEqual(["https://example.edu/shg/references/"]);
    expect(values(tags, "og:title")).toEqual(["Self-Help Group Report"]);
    expect(values(tags, "og:type")).toEqual(["article"]);
    expect(values(tags, "og:description")).toEqual([report.description]);
    expect(values(tags, "article:tag")).toEqual(["self-help groups", "mutual support"]);
    expect(values(tags, "article:published_time")).toEqual(["2026-11-26"]);
  });
});

describe("jsonLd", () => {
  test("describes the report as a schema.org Report with its citations and sections", () => {
    const data = jsonLd(report);
    expect(data["@context"]).toBe("https://schema.org");
    expect(data["@type"]).toBe("Report");
    expect(data["datePublished"]).toBe("2026-11-26");
    expect(data["inLanguage"]).toBe("en");
    expect(data).not.toHaveProperty("author");
    expect(data["citation"]).toEqual([
      {
        "@type": "ScholarlyArticle",
        name: "Self-help/mutual aid groups and peer support: A literature review",
        author: [
          { "@type": "Person", name: "T. Borkman", familyName: "Borkman", givenName: "T." },
          { "@type": "Person", name: "C. Munn-Giddings", familyName: "Munn-Giddings", givenName: "C." },
        ],
        datePublished: "2020",
        isPartOf: { "@type": "Periodical", name: "Voluntaristics Review" },
        volumeNumber: "5",
        issueNumber: "2-3",
        pagination: "1-219",
      },
    ]);
    expect(data["hasPart"]).toEqual([
      {
        "@type": "Chapter",
        "@id": "https://example.edu/shg/sections/introduction/",
        name: "Introduction",
        url: "https://example.edu/shg/sections/introduction/",
        position: 1,
      },
    ]);
  });

  test("describes a section as a Chapter that is part of the report", () => {
    const data = jsonLd(section);
    expect(data["@type"]).toBe("Chapter");
    expect(data["isPartOf"]).toEqual({
      "@type": "Report",
      "@id": "https://example.edu/shg/",
      name: "Self-Help Group Report",
      url: "https://example.edu/shg/",
    });
    expect(data["position"]).toBe(1);
    expect(data).not.toHaveProperty("citation");
  });

  test("names authors as Persons when there are any", () => {
    const data = jsonLd({ ...report, authors: [{ family: "Li", given: "X." }] });
    expect(data["author"]).toEqual([{ "@type": "Person", name: "X. Li", familyName: "Li", givenName: "X." }]);
  });

  test("escapes < so that no value can end the script element", () => {
    const text = jsonLdText(jsonLd({ ...report, title: "A </script> title" }));
    expect(text).not.toContain("</script>");
    expect((JSON.parse(text) as { name: string }).name).toBe("A </script> title");
  });
});

describe("authors with affiliation and ORCID", () => {
  test("reach the Highwire tags and JSON-LD", () => {
    const authors = [
      { given: "Josiah", family: "Carberry", affiliation: "Brown University", orcid: "0000-0002-1825-0097" },
      { family: "Li" },
    ];
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
