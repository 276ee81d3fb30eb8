import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fullReportElement, fullReportHtml } from "../../../src/lib/report/full-report-elements.ts";

const targets = {
  referencesUrl: "/base/references/",
  sectionIds: new Map([
    ["/base/sections/methods/", "methods"],
    ["/base/sections/results/", "results"],
  ]),
  headingIds: new Map([["/base/sections/results/", new Set(["figures"])]]),
};
const section = { sectionId: "methods", headingIds: new Set(["background", "data-and-code"]) };

describe("fullReportHtml (a Markdown section on the full report)", () => {
  it("demotes headings under the section's h2 and gives them the section's id", () => {
    const html = '<h2 id="background">Background</h2><p>Text</p><h3 id="data-and-code">Data</h3><h6>Deep</h6>';
    expect(fullReportHtml(html, targets, section)).toBe(
      '<h3 id="methods--background">Background</h3><p>Text</p><h4 id="methods--data-and-code">Data</h4><h6>Deep</h6>',
    );
  });

  it("keeps links on the page: to its own headings, other sections' headings, citations", () => {
    const html =
      '<p><a href="#background">a</a> <a href="/base/sections/results/#figures">b</a> ' +
      '<a href="/base/references/#ref-x" class="citation">c</a> <a href="https://example.org/">d</a> ' +
      '<a href="#fig-x" class="cross-reference">e</a></p>';
    expect(fullReportHtml(html, targets, section)).toBe(
      '<p><a href="#methods--background">a</a> <a href="#results--figures">b</a> ' +
        '<a href="#ref-x" class="citation">c</a> <a href="https://example.org/">d</a> ' +
        '<a href="#fig-x" class="cross-reference">e</a></p>',
    );
  });

  it("leaves ids that are not headings, and ids already carrying the section's id, as they are", () => {
    const html = '<h2 id="methods-fn-1">Note</h2><figure id="fig-x"><figcaption>F</figcaption></figure>';
    expect(fullReportHtml(html, targets, section)).toBe(
      '<h3 id="methods-fn-1">Note</h3><figure id="fig-x"><figcaption>F</figcaption></figure>',
    );
  });

  it("keeps MathML, tables and code as they were", () => {
    const html =
      '<math display="block"><mrow><mi>x</mi><mo>=</mo><mn>1</mn></mrow></math>' +
      "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1 &#x3C; 2</td></tr></tbody></table>" +
      "<pre><code>a &#x3C; b\n  c</code></pre>";
    expect(fullReportHtml(html, targets, section)).toBe(html);
  });

  it("changes each element exactly as the MDX components do (one rule for both formats)", () => {
    const tag = fc.constantFrom("h2", "h3", "h4", "h5", "h6") as fc.Arbitrary<"h2" | "h3" | "h4" | "h5" | "h6">;
    const id = fc.constantFrom("background", "data-and-code", "other", "methods-fn-2");
    const href = fc.constantFrom(
      "#background",
      "#other",
      "/base/sections/results/#figures",
      "/base/sections/results/",
      "/base/references/#ref-y",
      "https://example.org/#background",
    );
    fc.assert(
      fc.property(tag, id, href, (tagName, headingId, link) => {
        const heading = fullReportElement(tagName, { id: headingId }, targets, section);
        const anchor = fullReportElement("a", { href: link }, targets, section);
        expect(
          fullReportHtml(`<${tagName} id="${headingId}">T</${tagName}><a href="${link}">L</a>`, targets, section),
        ).toBe(
          `<${heading.tagName} id="${String(heading.props["id"])}">T</${heading.tagName}><a href="${String(anchor.props["href"])}">L</a>`,
        );
      }),
    );
  });
});
