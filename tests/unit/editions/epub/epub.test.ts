import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, it } from "vitest";
import { findFirst } from "../../../../src/lib/editions/epub/hast-tools.ts";
import { retargetHref } from "../../../../src/lib/editions/epub/link-targets.ts";
import {
  accessibilityMetadata,
  type EpubMetadata,
  modifiedStamp,
  navigationDocument,
  packageDocument,
  stableIdentifier,
} from "../../../../src/lib/editions/epub/package-document.ts";
import { adaptForReader, splitReportPage } from "../../../../src/lib/editions/epub/report-parts.ts";
import { toXhtml } from "../../../../src/lib/editions/epub/xhtml.ts";

const fragment = (html: string) => fromHtml(html, { fragment: true });

describe("toXhtml", () => {
  it("closes void elements, quotes and escapes every attribute and drops comments", () => {
    const xhtml = toXhtml(
      fragment('<p class="a b" title=\'say "hi" & <go>\'>x &amp; y<br><img src="i.png" alt=""><!-- note --></p>'),
    );
    expect(xhtml).toBe(
      '<p class="a b" title="say &quot;hi&quot; &amp; &lt;go&gt;">x &amp; y<br/><img src="i.png" alt=""/></p>',
    );
  });

  it("writes boolean attributes with a value and aria/data names as in HTML", () => {
    expect(toXhtml(fragment('<a href="#x" download aria-hidden="true" data-footnote-ref>1</a>'))).toBe(
      '<a href="#x" download="" aria-hidden="true" data-footnote-ref="">1</a>',
    );
  });

  it("puts SVG and MathML in their namespaces and keeps SVG's camel-case attributes", () => {
    const xhtml = toXhtml(fragment('<svg viewBox="0 0 2 2"><rect width="1"></rect></svg><math><mi>x</mi></math>'));
    expect(xhtml).toBe(
      '<svg viewBox="0 0 2 2" xmlns="http://www.w3.org/2000/svg"><rect width="1"/></svg><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>',
    );
  });

  it("is well-formed XML for a real page's worth of markup", () => {
    const xhtml = toXhtml(fragment("<ul><li>one<li>two</ul><p>a<p>b <input disabled>"));
    expect(xhtml).toBe('<ul><li>one</li><li>two</li></ul><p>a</p><p>b <input disabled=""/></p>');
  });
});

describe("retargetHref", () => {
  const targets = {
    base: "/r/",
    siteOrigin: "https://example.edu",
    fileOfId: new Map([
      ["p-one", "intro.xhtml"],
      ["ref-a", "references.xhtml"],
    ]),
    targetOfPath: new Map([
      ["sections/intro/", "intro.xhtml"],
      ["references/", "references.xhtml"],
    ]),
    currentFile: "intro.xhtml",
  };

  it("turns a fragment of the report page into a link to the document that holds it", () => {
    expect(retargetHref("#ref-a", targets)).toBe("references.xhtml#ref-a");
    expect(retargetHref("#p-one", targets)).toBe("#p-one");
  });

  it("maps site pages the edition holds to their document, with or without a fragment", () => {
    expect(retargetHref("/r/sections/intro/", targets)).toBe("intro.xhtml");
    expect(retargetHref("/r/references/#ref-a", targets)).toBe("references.xhtml#ref-a");
  });

  it("without the site's address, a page the edition does not hold is left unlinked, never guessed", () => {
    const siteless = { ...targets, siteOrigin: undefined };
    expect(retargetHref("/r/instructors/", siteless)).toBeUndefined();
    expect(retargetHref("/r/sections/intro/", siteless)).toBe("intro.xhtml");
    expect(retargetHref("https://doi.org/10.1/x", siteless)).toBe("https://doi.org/10.1/x");
  });

  it("percent-encodes ids that hold characters a URI may not, as citation keys can", () => {
    const odd = {
      ...targets,
      fileOfId: new Map([
        ["ref-mur%ray", "references.xhtml"],
        ["ref-glas#how", "references.xhtml"],
        ["ref-spring?er", "references.xhtml"],
        ["ref-a<b", "references.xhtml"],
      ]),
    };
    expect(retargetHref("#ref-mur%25ray", odd)).toBe("references.xhtml#ref-mur%25ray");
    expect(retargetHref("#ref-glas%23how", odd)).toBe("references.xhtml#ref-glas%23how");
    expect(retargetHref("/r/references/#ref-spring%3Fer", odd)).toBe("references.xhtml#ref-spring%3Fer");
    expect(retargetHref("#ref-a%3Cb", odd)).toBe("references.xhtml#ref-a%3Cb");
    expect(retargetHref("#100%", odd)).toBe("https://example.edu/r/report/#100%");
  });

  it("sends other site pages to the site and keeps links to other hosts", () => {
    expect(retargetHref("/r/instructors/", targets)).toBe("https://example.edu/r/instructors/");
    expect(retargetHref("/r/timeline/#event-1935", targets)).toBe("https://example.edu/r/timeline/#event-1935");
    expect(retargetHref("https://doi.org/10.1/x", targets)).toBe("https://doi.org/10.1/x");
    expect(retargetHref("mailto:a@b.c", targets)).toBe("mailto:a@b.c");
  });
});

describe("package document", () => {
  const metadata: EpubMetadata = {
    identifier: stableIdentifier("https://example.edu/r/report"),
    title: "A & B",
    language: "en-GB",
    date: "2026-11-26",
    creators: [],
    description: "Summary.",
    subjects: ["one"],
    rights: undefined,
    modified: new Date("2026-11-27T15:19:29.123Z"),
  };

  it("gives the same name-based UUID for the same report, another for another", () => {
    expect(stableIdentifier("https://example.edu/r/report")).toBe(metadata.identifier);
    expect(metadata.identifier).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(stableIdentifier("https://example.edu/other/report")).not.toBe(metadata.identifier);
  });

  it("writes dcterms:modified in whole UTC seconds", () => {
    expect(modifiedStamp(metadata.modified)).toBe("2026-11-27T15:19:29Z");
  });

  it("names no creator when the report names no author, and each author when it does", () => {
    const features = { images: false, math: false, footnotes: false };
    expect(packageDocument(metadata, features, [])).not.toContain("dc:creator");
    const named = packageDocument({ ...metadata, creators: ["Ada Lovelace", "Alan Turing"] }, features, []);
    expect(named).toContain('<dc:creator id="creator-1">Ada Lovelace</dc:creator>');
    expect(named).toContain('<dc:creator id="creator-2">Alan Turing</dc:creator>');
    expect(named).toContain("<dc:title>A &amp; B</dc:title>");
    expect(named).toContain('xml:lang="en-GB"');
  });

  it("claims visual content, alternative text and MathML only when the content has them", () => {
    const plain = accessibilityMetadata({ images: false, math: false, footnotes: false });
    expect(plain.filter(([key]) => key === "schema:accessMode").map(([, value]) => value)).toEqual(["textual"]);
    expect(plain.some(([, value]) => value === "alternativeText" || value === "MathML")).toBe(false);
    const rich = accessibilityMetadata({ images: true, math: true, footnotes: true });
    expect(rich.filter(([key]) => key === "schema:accessMode").map(([, value]) => value)).toEqual([
      "textual",
      "visual",
    ]);
    expect(rich.filter(([key]) => key === "schema:accessibilityFeature").map(([, value]) => value)).toEqual(
      expect.arrayContaining(["alternativeText", "MathML"]),
    );
    expect(rich).toContainEqual(["schema:accessibilityHazard", "none"]);
  });

  it("has no page-list in the navigation document", () => {
    const nav = navigationDocument({
      language: "en",
      title: "T",
      toc: [{ title: "A", href: "a.xhtml", children: [] }],
      landmarks: [],
    });
    expect(nav).toContain('<nav epub:type="toc"');
    expect(nav).not.toContain("page-list");
  });
});

describe("splitting the report page", () => {
  const page = fromHtml(`<main><article class="full-report">
    <header class="report-cover"><h1>Report</h1><ul class="report-downloads"><li>PDF</li></ul></header>
    <nav class="report-toc"><h2>Contents</h2></nav>
    <section class="report-section" aria-labelledby="intro"><h2 id="intro">Intro</h2>
      <div class="prose"><div class="heading-wrapper"><h3 id="sub">Sub</h3><a class="heading-anchor" href="#sub">#</a></div>
      <p id="p-a">Text<sup><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup><span class="citation-preview" aria-hidden="true">preview</span><a class="paragraph-link" href="#p-a">¶</a></p>
      <section data-footnotes class="footnotes"><h2 id="footnote-label">Footnotes</h2><ol><li id="fn-1"><p>Note <a href="#fnref-1" data-footnote-backref>↩</a></p></li></ol></section></div>
    </section>
    <section class="report-section" aria-labelledby="timeline"><h2 id="timeline">Timeline</h2></section>
    <section class="report-section report-references" aria-labelledby="references"><h2 id="references">References</h2></section>
  </article></main>`);
  const timeline = fromHtml(
    '<article class="timeline-page"><h1>History timeline</h1><ol><li id="event-1">1935</li></ol></article>',
  );

  it("makes a cover, each section, the timeline page's list in the report's timeline place, and the references", () => {
    const parts = splitReportPage(page, timeline);
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
    expect(xhtml).not.toMatch(/preview|paragraph-link|heading-anchor|¶/);
    expect(xhtml).toContain('<h1 id="intro">Intro</h1>');
    expect(xhtml).toContain('<h2 id="sub">Sub</h2>');
    expect(xhtml).toContain('epub:type="noteref" role="doc-noteref"');
    expect(xhtml).toContain('<aside id="fn-1" epub:type="footnote" role="doc-footnote">');
    expect(xhtml).toContain('role="doc-backlink"');
    expect(findFirst(section, (element) => element.tagName === "ol")).toBeUndefined();
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

describe("the EPUB of a built site with a missing image", () => {
  it("fails naming the section and the image", async () => {
    const { buildEpub, EpubBuildError } = await import("../../../../src/lib/editions/epub/build-epub.ts");
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "epub-dist-"));
    fs.mkdirSync(path.join(dist, "report"));
    fs.writeFileSync(
      path.join(dist, "report/index.html"),
      '<article class="full-report"><header class="report-cover"><h1>R</h1></header><section class="report-section" aria-labelledby="s"><h2 id="s">Methods</h2><p><img src="/_astro/gone.png" alt="A chart"></p></section></article>',
    );
    const report = {
      title: "R",
      authors: [],
      published: new Date("2026-01-01"),
      language: "en",
      summary: "S",
      keywords: [],
      pageSize: "A4" as const,
      pdfName: "r",
      furtherReading: [],
    };
    const attempt = buildEpub({ distDir: dist, base: "/", site: "https://example.edu", report, modified: new Date() });
    await expect(attempt).rejects.toBeInstanceOf(EpubBuildError);
    await expect(attempt).rejects.toThrow(/gone\.png in "Methods" is not in the built site/);
    fs.rmSync(dist, { recursive: true, force: true });
  });
});
