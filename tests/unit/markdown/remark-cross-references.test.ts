import path from "node:path";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { reportPluginOptions } from "../../../src/lib/markdown/pipeline.ts";
import { remarkCitations } from "../../../src/lib/markdown/remark-citations.ts";
import { remarkCrossReferences } from "../../../src/lib/markdown/remark-cross-references.ts";
import { type PluginRun, renderError, renderHtml } from "./processor.ts";

// The rich fixture: Methods (order 1) holds @fig:attendance and @tbl:groups; Findings (order 2)
// holds @fig:cycle and @fig:room and its first heading, "The room".
const contentDir = path.resolve(import.meta.dirname, "../../fixtures/rich-report");
const inFindings: PluginRun = {
  remark: [[remarkCrossReferences, reportPluginOptions({ contentDir, base: "/course/" }).crossReferences]],
  path: path.join(contentDir, "sections/findings.mdx"),
};

const options = reportPluginOptions({ contentDir, base: "/course/" });
const withCitations: PluginRun = {
  remark: [
    [remarkCrossReferences, options.crossReferences],
    [remarkCitations, options.citations],
  ],
  path: path.join(contentDir, "sections/findings.mdx"),
};

/** The visible text of rendered HTML, without its tags (citeproc may turn a no-break space into a space). */
const visibleText = (html: string) => html.replace(/<[^>]+>/g, "").replaceAll("\u00a0", " ");

const link = (href: string, text: string) => `<a href="${href}" class="cross-reference">${text}</a>`;

describe("remarkCrossReferences", () => {
  test("each kind becomes linked text with its number; on its own page a link stays in the page", async () => {
    const html = await renderHtml(
      "See @fig:attendance, @tbl:groups, @sec:methods, @fig:cycle and @sec:the-room.\n",
      inFindings,
    );
    expect(html).toBe(
      `<p>See ${[
        link("/course/sections/methods/#fig-attendance", "Figure\u00a01"),
        link("/course/sections/methods/#tbl-groups", "Table\u00a01"),
        link("/course/sections/methods/", "Section\u00a01"),
        link("#fig-cycle", "Figure\u00a02"),
      ].join(", ")} and ${link("#the-room", "Section\u00a02.1")}.</p>`,
    );
  });

  test("Quarto's @fig-x names the same label as @fig:x; brackets read as pandoc-crossref and Quarto print them", async () => {
    const html = await renderHtml(
      [
        "A @fig-cycle.",
        "B [@fig:attendance; @fig-cycle; @fig:room].",
        "C [see @sec-methods].",
        "D [Figure @fig-cycle], [Fig. -@fig:room] and [-@tbl:groups].",
        "E [Appendix -@sec:methods, second part].",
      ].join("\n\n"),
      inFindings,
    );
    const paragraphs = html.split("\n").filter((line) => line.startsWith("<p>"));
    expect(paragraphs).toEqual([
      `<p>A ${link("#fig-cycle", "Figure\u00a02")}.</p>`,
      `<p>B Figures\u00a0${link("/course/sections/methods/#fig-attendance", "1")}, ${link("#fig-cycle", "2")} and ${link("#fig-room", "3")}.</p>`,
      `<p>C see ${link("/course/sections/methods/", "Section\u00a01")}.</p>`,
      `<p>D ${link("#fig-cycle", "Figure\u00a02")}, ${link("#fig-room", "Fig.\u00a03")} and ${link("/course/sections/methods/#tbl-groups", "1")}.</p>`,
      `<p>E ${link("/course/sections/methods/", "Appendix\u00a01")}, second part.</p>`,
    ]);
  });

  test("an unknown label in a bracket names the nearest ones", async () => {
    const error = await renderError("See [Figure @fig-cycl].\n", inFindings);
    expect(error).toBeInstanceOf(ContentError);
    expect(String(error)).toMatch(/findings\.mdx:1: the cross-reference "@fig:cycl" points to no figure/);
    expect(String(error)).toMatch(/did you mean "@fig:cycle"\?/);
  });

  test("a citation key is left for the citations plugin", async () => {
    const html = await renderHtml("As @borkman2020 says.\n", inFindings);
    expect(visibleText(html)).toBe("As @borkman2020 says.");
    expect(html).not.toContain("cross-reference");
  });

  test("inside a citation a label is named in plain text where it was written", async () => {
    const html = await renderHtml(
      [
        "One [@borkman2020, see @fig:room].",
        "Two [@borkman2020, p. 3; see @tbl:groups].",
        "Three [see @fig:cycle; @borkman2020].",
        "Four @borkman2020 [see @sec:methods].",
      ].join("\n\n"),
      withCitations,
    );
    expect(visibleText(html).split("\n")).toEqual([
      "One (Borkman et al., 2020, see Figure 3).",
      "Two (Borkman et al., 2020, p. 3; see Table 1).",
      "Three (see Figure 2; Borkman et al., 2020).",
      "Four Borkman et al. (2020, see Section 1).",
    ]);
    // The citation stays one link to the work: no cross-reference link nested inside it.
    expect(html).not.toContain("cross-reference");
  });

  test("an unknown label inside a citation is the same error, on the citation's line", async () => {
    const error = await renderError("Text.\n\nSee [@borkman2020; see @fig:rom].\n", withCitations);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem.line).toBe(3);
    expect(error.message).toMatch(/"@fig:rom" points to no figure of the report[\s\S]*did you mean "@fig:room"/);
  });

  test("an unknown label is an error with the file, the line and the nearest label", async () => {
    const error = await renderError("Text.\n\nSee @fig:atendance.\n", inFindings);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem.line).toBe(3);
    expect(error.message).toMatch(
      /"@fig:atendance" points to no figure of the report[\s\S]*did you mean "@fig:attendance"/,
    );
  });
});
