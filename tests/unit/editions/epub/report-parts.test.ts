import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, it } from "vitest";
import { findFirst } from "../../../../src/lib/editions/epub/hast-tools.ts";
import { adaptForReader, splitReportPage } from "../../../../src/lib/editions/epub/report-parts.ts";
import { toXhtml } from "../../../../src/lib/editions/epub/xhtml.ts";
import { renderMath } from "../../../../src/lib/markdown/math.ts";

describe("splitting the report page", () => {
  const page = fromHtml(`<main><article class="full-report">
    <header class="report-cover"><h1>Report</h1><ul class="report-downloads"><li>PDF</li></ul></header>
    <nav class="report-toc"><h2>Contents</h2></nav>
    <section class="report-section" aria-labelledby="intro"><h2 id="intro">Intro</h2>
      <div class="prose"><div class="heading-wrapper"><h3 id="sub">Sub</h3><a class="heading-anchor" href="#sub">#</a></div>
      <p id="p-a">Text<sup><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup> <span class="citation">(<a href="#ref-li2020" class="citation-link" interestfor="preview-li2020">Li, 2020</a>)</span><a class="paragraph-link" href="#p-a">¶</a></p>
      <ul class="contains-task-list"><li class="task-list-item"><span class="task-box" aria-hidden="true">☑︎</span><span class="visually-hidden">Done:</span> Write</li></ul>
      <section data-footnotes class="footnotes"><h2 id="footnote-label">Footnotes</h2><ol><li id="fn-1"><p>Note <a href="#fnref-1" data-footnote-backref>↩</a></p></li><li id="fn-2"><p>Two</p></li></ol></section></div>
    </section>
    <section class="report-section" aria-labelledby="timeline"><h2 id="timeline">Timeline</h2></section>
    <section class="report-section report-references" aria-labelledby="references"><h2 id="references">References</h2></section>
    <div class="citation-previews"><div id="preview-li2020" class="citation-preview" popover="hint" aria-hidden="true">Li, A. (2020).</div></div>
  </article></main>`);
  const timeline = fromHtml(
    '<article class="timeline-page"><h1>History timeline</h1><ol><li id="event-1">1935</li></ol></article>',
  );

  it("makes a cover, each section, the timeline page's list in the report's timeline place, and the references", () => {
    const parts = splitReportPage(page, timeline);
    // The hover previews of the web page belong to no part.
    for (const part of parts) expect(toXhtml(part.content), part.file).not.toContain("popover");
    expect(parts.map((part) => [part.kind, part.file, part.title])).toEqual([
      ["cover", "cover.xhtml", "Report"],
      ["section", "intro.xhtml", "Intro"],
      ["timeline", "timeline.xhtml", "History timeline"],
      ["references", "references.xhtml", "References"],
    ]);
  });

  it("drops hover previews and self-links, starts each document at h1 and marks footnotes for e-readers", () => {
    const section = splitReportPage(page, undefined)[1]?.content as Element;
    adaptForReader(section, -1);
    const xhtml = toXhtml(section);
    expect(xhtml).not.toMatch(/preview|interestfor|paragraph-link|heading-anchor|¶/);
    expect(xhtml).toContain('<a href="#ref-li2020" class="citation-link">Li, 2020</a>');
    expect(xhtml).toContain('<h1 id="intro">Intro</h1>');
    expect(xhtml).toContain('<h2 id="sub">Sub</h2>');
    expect(xhtml).toContain('epub:type="noteref" role="doc-noteref"');
    // Each note opens with its number: an aside has no list marker.
    expect(xhtml).toContain(
      '<aside id="fn-1" epub:type="footnote" role="doc-footnote"><p><span class="note-number">1. </span>Note',
    );
    expect(xhtml).toContain(
      '<aside id="fn-2" epub:type="footnote" role="doc-footnote"><p><span class="note-number">2. </span>Two',
    );
    // A task's box stays (its state is the hidden text beside it).
    expect(xhtml).toContain('<span class="task-box" aria-hidden="true">☑︎</span>');
    expect(xhtml).toContain('role="doc-backlink"');
    expect(findFirst(section, (element) => element.tagName === "ol")).toBeUndefined();
    expect(findFirst(section, (element) => element.tagName === "ul")).toBeDefined();
  });

  it("drops the cover's download list", () => {
    const cover = splitReportPage(page, undefined)[0]?.content as Element;
    adaptForReader(cover, 0);
    expect(toXhtml(cover)).toBe('<header class="report-cover"><h1>Report</h1></header>');
  });

  it("refuses a page that is not the report page", () => {
    expect(() => splitReportPage(fromHtml("<main><p>hi</p></main>"), undefined)).toThrow(/article\.full-report/);
  });
});

describe("math for e-readers", () => {
  it("gives a fraction within a script its scriptlevel from an <mstyle>, the one place MathML 3 allows it", () => {
    // Viejo, Girard & Khamassi (2016): the fraction in an exponent, which temml shrinks with scriptlevel.
    const math = renderMath("e^{-\\frac{(Q_2 - Q_1)^2}{2\\sigma^2}}", false, { file: "s.md", line: 1 });
    const paragraph: Element = { type: "element", tagName: "p", properties: {}, children: [math] };
    expect(toXhtml(paragraph)).toMatch(/<mrow scriptlevel="2">/);
    adaptForReader(paragraph, 0);
    const xhtml = toXhtml(paragraph);
    expect(xhtml).not.toMatch(/<(?!mstyle)[a-z]+ [^>]*scriptlevel/);
    expect(xhtml.match(/<mstyle scriptlevel="2">/g)?.length).toBeGreaterThanOrEqual(2);
    // The fraction keeps its two parts, each now one <mstyle>.
    expect(xhtml).toContain('<mfrac><mstyle scriptlevel="2"><msup>');
    expect(xhtml).toContain('</mstyle><mstyle scriptlevel="2"><mrow><mn>2</mn>');
    expect(xhtml).toContain("</mstyle></mfrac>");
  });

  it("drops the tabindex a wide inline formula has on the site, which EPUB's MathML 3 does not allow", () => {
    const math = renderMath("x", false, { file: "s.md", line: 1 });
    math.properties["tabIndex"] = 0;
    const paragraph: Element = { type: "element", tagName: "p", properties: {}, children: [math] };
    expect(toXhtml(paragraph)).toContain('tabindex="0"');
    adaptForReader(paragraph, 0);
    expect(toXhtml(paragraph)).not.toContain("tabindex");
  });
});
