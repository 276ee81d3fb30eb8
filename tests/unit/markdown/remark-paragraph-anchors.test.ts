import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { reportPluginOptions } from "../../../src/lib/markdown/pipeline.ts";
import { remarkParagraphAnchors } from "../../../src/lib/markdown/remark-paragraph-anchors.ts";
import { type PluginRun, renderHtml } from "./processor.ts";

const contentDir = path.resolve(import.meta.dirname, "../../fixtures/rich-report");
const file = path.join(contentDir, "sections/findings.mdx");
const body = fs.readFileSync(file, "utf8").replace(/^---\n[\s\S]*?\n---\n/, "");
const anchors: PluginRun = {
  remark: [[remarkParagraphAnchors, reportPluginOptions({ contentDir, base: "/" }).paragraphAnchors]],
};

describe("remarkParagraphAnchors", () => {
  test("every top-level paragraph of a section gets an id from its first words and a numbered link to itself", async () => {
    const html = await renderHtml(body, { ...anchors, path: file });
    const paragraphs = [...html.matchAll(/<p id="([^"]+)" class="report-paragraph">([\s\S]*?)<\/p>/g)];
    expect(paragraphs.length).toBeGreaterThan(1);
    paragraphs.forEach(([, id, inner], index) => {
      expect(id).toMatch(/^p-[a-z0-9-]+$/);
      expect(inner).toContain(
        `<a href="#${id}" class="paragraph-link"> <span aria-hidden="true">¶\u202f${index + 1}</span><span class="visually-hidden">Link to paragraph ${index + 1}</span></a>`,
      );
    });
    // The first paragraph's anchor is made from its first words ("As @tbl:groups shows ...").
    expect(paragraphs[0]?.[1]).toMatch(/^p-as-/);
    expect(new Set(paragraphs.map((match) => match[1])).size).toBe(paragraphs.length);
  });

  test("a file outside the sections (a standalone page) is left alone", async () => {
    expect(
      await renderHtml("Just a paragraph.\n", { ...anchors, path: path.join(contentDir, "pages/about.mdx") }),
    ).toBe("<p>Just a paragraph.</p>");
  });
});
