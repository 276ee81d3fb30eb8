import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import { describe, expect, test, vi } from "vitest";
import { readSectionFiles } from "../../../src/lib/content/section-sources.ts";
import { reportMarkdownPlugins, reportPluginOptions } from "../../../src/lib/markdown/pipeline.ts";
import { remarkParagraphAnchors } from "../../../src/lib/markdown/remark-paragraph-anchors.ts";
import { renderHtml } from "./processor.ts";

// Counts every search of a Markdown tree for citations, wherever in the code it is made.
const counts = vi.hoisted(() => ({ finds: 0 }));
vi.mock("../../../src/lib/citations/find-citations.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src/lib/citations/find-citations.ts")>();
  return {
    ...real,
    findCitations: (...args: Parameters<typeof real.findCitations>) => {
      counts.finds++;
      return real.findCitations(...args);
    },
  };
});

const contentDir = path.resolve(import.meta.dirname, "../../fixtures/citations");
const forms = readSectionFiles(contentDir).find((section) => section.slug === "forms");

describe("the report's Markdown pipeline finds a file's citations once", () => {
  test("a section's paragraph anchors and its citations share one find of Astro's tree", async () => {
    const processor = await createMarkdownProcessor({
      gfm: false,
      ...reportMarkdownPlugins({ contentDir, base: "/" }),
    });
    if (!forms) throw new Error("no fixture section forms");
    // The report's analysis (its own parse and find of every section) is made before any page renders.
    reportPluginOptions({ contentDir, base: "/" }).citations.citations();
    counts.finds = 0;
    const { code } = await processor.render(forms.body, { fileURL: pathToFileURL(forms.file) });
    expect(counts.finds).toBe(1);
    // Both plugins did their work from it: cited paragraphs are anchored, every citation rendered.
    expect(code).toContain('<p id="p-a-parenthetical-citation" class="report-paragraph">');
    expect(code).toContain('<span class="citation">');
    expect(code).not.toContain("[@");
  });

  test("a standalone page's citations are found once too", async () => {
    const processor = await createMarkdownProcessor({
      gfm: false,
      ...reportMarkdownPlugins({ contentDir, base: "/" }),
    });
    counts.finds = 0;
    const { code } = await processor.render("A page cites [@borkman2020].\n", {
      fileURL: pathToFileURL(path.join(contentDir, "pages/about.mdx")),
    });
    expect(counts.finds).toBe(1);
    expect(code).toContain('<span class="citation">');
  });
});

describe("a citation's mark", () => {
  test("without the citations plugin, the citation stays as written", async () => {
    if (!forms) throw new Error("no fixture section forms");
    const anchors = reportPluginOptions({ contentDir, base: "/" }).paragraphAnchors;
    const html = await renderHtml(forms.body, { remark: [[remarkParagraphAnchors, anchors]], path: forms.file });
    expect(html).toContain("<span>[@borkman2020]</span>");
  });
});
