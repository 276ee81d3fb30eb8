import { describe, expect, test } from "vitest";
import { Cite, type CslItem } from "../../../src/lib/citations/citation-js.ts";
import { citationFormats, reportCslItem, sectionCslItem, sentenceCase } from "../../../src/lib/citations/cite-this.ts";
import { nodesHtml } from "../../../src/lib/citations/citeproc-tree.ts";

const report = {
  title: "Self-Help Group Report",
  authors: [],
  published: new Date("2026-11-26T00:00:00Z"),
  language: "en",
  keywords: ["self-help groups", "mutual support"],
  url: "https://example.edu/reports/shg/",
};

function parsedBack(text: string): CslItem {
  const [item] = new Cite(text).data as CslItem[];
  if (!item) throw new Error(`citation-js read nothing from:\n${text}`);
  return item;
}

describe("sentenceCase", () => {
  test.each([
    ["Self-Help Group Report", "Self-help group report"],
    ["Reflections on Attending Three Groups", "Reflections on attending three groups"],
    [
      "What Was That Session Like? An Empirically-Derived Typology",
      "What was that session like? An empirically-derived typology",
    ],
    ["Coping With PTSD: The McDonald Study", "Coping with PTSD: The McDonald study"],
    ["Introduction", "Introduction"],
  ])("%s -> %s", (title, expected) => {
    expect(sentenceCase(title)).toBe(expected);
  });
});

describe("the report's citation", () => {
  const item = reportCslItem(report);
  const formats = citationFormats(item);

  test("APA 7 puts the title first when there is no author, in italics, with the year only", () => {
    expect(formats.apaText).toBe("Self-help group report. (2026). https://example.edu/reports/shg/");
    expect(nodesHtml(formats.apa)).toBe("<i>Self-help group report</i>. (2026). https://example.edu/reports/shg/");
  });

  test("APA 7 names authors as Family, I. before the year when there are authors", () => {
    const authored = citationFormats(
      reportCslItem({
        ...report,
        authors: [
          { family: "Borkman", given: "Thomasina" },
          { family: "Boyce", given: "Mary" },
        ],
      }),
    );
    expect(authored.apaText).toBe(
      "Borkman, T., & Boyce, M. (2026). Self-help group report. https://example.edu/reports/shg/",
    );
  });

  test("names no author when the metadata names none", () => {
    expect(item.author).toBeUndefined();
    expect(formats.files.bibtex).not.toMatch(/author/i);
    expect(formats.files.ris).not.toMatch(/^A[U1]\s/m);
  });

  test("BibTeX reads back as the same report", () => {
    expect(formats.files.bibtex).toMatch(/^@techreport\{selfhelp2026,/);
    const back = parsedBack(formats.files.bibtex);
    expect(back.type).toBe("report");
    expect(back.title).toBe("Self-help group report");
    expect(back["URL"]).toBe("https://example.edu/reports/shg/");
    expect(back["issued"]).toEqual({ "date-parts": [[2026, 11, 26]] });
    expect(back["citation-key"]).toBe("selfhelp2026");
  });

  test("RIS reads back as the same report, keywords and language included", () => {
    expect(formats.files.ris).toMatch(/^TY {2}- RPRT$/m);
    const back = parsedBack(formats.files.ris);
    expect(back.type).toBe("report");
    expect(back.title).toBe("Self-help group report");
    expect(back["URL"]).toBe("https://example.edu/reports/shg/");
    expect(back["issued"]).toEqual({ "date-parts": [[2026, 11, 26]] });
    expect(back["language"]).toBe("en");
    expect(formats.files.ris).toMatch(/^KW {2}- self-help groups$/m);
    expect(formats.files.ris).toMatch(/^KW {2}- mutual support$/m);
  });

  test("CSL-JSON is a one-item array citation-js reads", () => {
    const parsed = JSON.parse(formats.files["csl-json"]) as CslItem[];
    expect(parsed).toHaveLength(1);
    expect(parsedBack(formats.files["csl-json"])).toMatchObject({ type: "report", title: "Self-help group report" });
  });
});

describe("a section's citation", () => {
  const reportItem = reportCslItem(report);
  const section = sectionCslItem(reportItem, {
    title: "Self-Help Group Versus Psychotherapeutic Group Therapy",
    slug: "versus-group-therapy",
    url: "https://example.edu/reports/shg/sections/versus-group-therapy/",
  });
  const formats = citationFormats(section);

  test("APA 7 cites it as a chapter in the report, with its own URL", () => {
    expect(formats.apaText).toBe(
      "Self-help group versus psychotherapeutic group therapy. (2026). In Self-help group report. https://example.edu/reports/shg/sections/versus-group-therapy/",
    );
    expect(nodesHtml(formats.apa)).toContain("In <i>Self-help group report</i>.");
  });

  test("BibTeX and RIS read back with the section's title, the report as container and the section's URL", () => {
    for (const text of [formats.files.bibtex, formats.files.ris]) {
      const back = parsedBack(text);
      expect(back.type).toBe("chapter");
      expect(back.title).toBe("Self-help group versus psychotherapeutic group therapy");
      expect(back["container-title"]).toBe("Self-help group report");
      expect(back["URL"]).toBe("https://example.edu/reports/shg/sections/versus-group-therapy/");
      expect((back["issued"] as { "date-parts": number[][] })["date-parts"][0]?.[0]).toBe(2026);
    }
    expect(parsedBack(formats.files.bibtex)["citation-key"]).toBe("selfhelp2026_versus_group_therapy");
  });
});
