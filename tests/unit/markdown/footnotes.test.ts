import { describe, expect, test } from "vitest";
import { footnoteId, rehypeFootnotes } from "../../../src/lib/markdown/footnotes.ts";
import { type PluginRun, renderHtml } from "./processor.ts";

const notes = "A claim.[^source] Another.[^2]\n\n[^source]: Where it comes from.\n\n[^2]: A second note.\n";
const bySection = (slug: string): PluginRun => ({ rehype: [[rehypeFootnotes, { slugOf: () => slug }]] });

describe("rehypeFootnotes", () => {
  test("a section's footnote ids, links and heading carry its slug", async () => {
    const html = await renderHtml(notes, bySection("methods"));
    expect(html).toContain('<a href="#methods-fn-source" id="methods-fnref-source" data-footnote-ref');
    expect(html).toContain('aria-describedby="methods-footnotes"');
    expect(html).toContain('<h2 class="footnotes-heading" id="methods-footnotes">Notes</h2>');
    expect(html).toContain('<li id="methods-fn-source">');
    expect(html).toContain('href="#methods-fnref-source" data-footnote-backref=""');
    expect(html).toContain("↩\uFE0E");
    expect(html).not.toContain("user-content-");
    // Every in-page link finds its target.
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]));
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids, target).toContain(target);
  });

  test("two sections with the same labels share no id", async () => {
    const idsOf = async (slug: string) =>
      [...(await renderHtml(notes, bySection(slug))).matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    const methods = await idsOf("methods");
    const results = await idsOf("results");
    expect(methods.length).toBeGreaterThan(4);
    expect(methods.filter((id) => results.includes(id))).toEqual([]);
  });

  test("without it, remark-rehype gives every file the same ids", async () => {
    const html = await renderHtml(notes);
    expect(html).toContain('id="user-content-fnref-source"');
    expect(html).toContain('id="footnote-label"');
  });
});

describe("footnoteId", () => {
  test("renames remark-rehype's footnote ids and leaves other ids alone", () => {
    expect(footnoteId("user-content-fn-1", "methods")).toBe("methods-fn-1");
    expect(footnoteId("user-content-fnref-1-2", "methods")).toBe("methods-fnref-1-2");
    expect(footnoteId("footnote-label", "methods")).toBe("methods-footnotes");
    expect(footnoteId("user-content-other", "methods")).toBe("user-content-other");
    expect(footnoteId("intro", "methods")).toBe("intro");
  });
});
