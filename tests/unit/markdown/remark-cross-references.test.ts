import path from "node:path";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { reportPluginOptions } from "../../../src/lib/markdown/pipeline.ts";
import { remarkCrossReferences } from "../../../src/lib/markdown/remark-cross-references.ts";
import { type PluginRun, renderError, renderHtml } from "./processor.ts";

// The rich fixture: Methods (order 1) holds @fig:attendance and @tbl:groups; Findings (order 2)
// holds @fig:cycle and @fig:room and its first heading, "The room".
const contentDir = path.resolve(import.meta.dirname, "../../fixtures/rich-report");
const inFindings: PluginRun = {
  remark: [[remarkCrossReferences, reportPluginOptions({ contentDir, base: "/course/" }).crossReferences]],
  path: path.join(contentDir, "sections/findings.mdx"),
};

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

  test("a citation key is left for the citations plugin", async () => {
    expect(await renderHtml("As @borkman2020 says.\n", inFindings)).toBe("<p>As @borkman2020 says.</p>");
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
