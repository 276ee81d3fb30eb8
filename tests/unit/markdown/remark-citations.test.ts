import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { readSectionFiles } from "../../../src/lib/content/section-sources.ts";
import { previewKeysOf } from "../../../src/lib/markdown/citation-previews.ts";
import { reportMarkdownPlugins, reportPluginOptions } from "../../../src/lib/markdown/pipeline.ts";
import { remarkCitations } from "../../../src/lib/markdown/remark-citations.ts";
import { type PluginRun, renderHtml } from "./processor.ts";

const contentDir = path.resolve(import.meta.dirname, "../../fixtures/citations");
const processor = await createMarkdownProcessor({
  gfm: false,
  ...reportMarkdownPlugins({ contentDir, base: "/course/" }),
});
const sections = new Map(readSectionFiles(contentDir).map((section) => [section.slug, section]));

async function renderSection(slug: string): Promise<string> {
  const section = sections.get(slug);
  if (!section) throw new Error(`no fixture section ${slug}`);
  return (await processor.render(section.body, { fileURL: pathToFileURL(section.file) })).code;
}

/** The text and link targets of every rendered citation, read back from the HTML. */
function citationsIn(html: string): Array<{ text: string; hrefs: string[]; labels: string[] }> {
  const tree = fromHtml(html, { fragment: true });
  const found: Array<{ text: string; hrefs: string[]; labels: string[] }> = [];
  const visit = (node: {
    type: string;
    tagName?: string;
    properties?: Record<string, unknown>;
    children?: unknown[];
  }) => {
    if (node.type === "element" && (node.properties?.["className"] as string[] | undefined)?.includes("citation")) {
      const links: Array<{ href: string; label: string }> = [];
      let text = "";
      const collect = (inner: typeof node) => {
        if (inner.type === "text") text += (inner as unknown as { value: string }).value;
        if (inner.tagName === "a")
          links.push({ href: String(inner.properties?.["href"]), label: String(inner.properties?.["ariaLabel"]) });
        for (const child of inner.children ?? []) collect(child as typeof node);
      };
      collect(node);
      found.push({ text, hrefs: links.map((link) => link.href), labels: links.map((link) => link.label) });
      return;
    }
    for (const child of node.children ?? []) visit(child as typeof node);
  };
  visit(tree as unknown as Parameters<typeof visit>[0]);
  return found;
}

describe("remarkCitations through a real Markdown processor", () => {
  test("every Pandoc citation form renders as its APA citation", async () => {
    const citations = citationsIn(await renderSection("forms"));
    expect(citations.map((citation) => citation.text)).toEqual([
      "(Borkman et al., 2020)",
      "(Borkman et al., 2020; Li et al., 2020)",
      "(see Christiansen et al., 2021, p. 135)",
      "Li et al. (2020)",
      "(2020)",
      "(Smith & Jones, 2019, Chapter 3)",
    ]);
  });

  test("each cited work links to its entry on the references page, under the base path", async () => {
    const [single, multiple] = citationsIn(await renderSection("forms"));
    expect(single?.hrefs).toEqual(["/course/references/#ref-borkman2020"]);
    expect(multiple?.hrefs).toEqual(["/course/references/#ref-borkman2020", "/course/references/#ref-li2020"]);
  });

  test("a citation link is named by its own text, balanced, not by the whole reference", async () => {
    const citations = citationsIn(await renderSection("forms"));
    expect(citations.flatMap((citation) => citation.labels)).toEqual(
      citations.flatMap((citation) => citation.labels.map(() => "undefined")),
    );
    const narrative = fromHtml(await renderSection("forms"), { fragment: true });
    const names: string[] = [];
    const walk = (node: {
      type: string;
      tagName?: string;
      children?: unknown[];
      properties?: Record<string, unknown>;
    }) => {
      if (node.tagName === "a" && (node.properties?.["className"] as string[] | undefined)?.includes("citation-link"))
        names.push(toText(node as Parameters<typeof toText>[0]));
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(narrative as unknown as Parameters<typeof walk>[0]);
    expect(names).toContain("Li et al. (2020)");
    for (const name of names) expect(name.split("(").length, name).toBe(name.split(")").length);
  });

  test("each citation points at its work's one preview on the page, and the file lists those works", async () => {
    const section = sections.get("forms");
    if (!section) throw new Error("no fixture section forms");
    const { code, metadata } = await processor.render(section.body, { fileURL: pathToFileURL(section.file) });
    // No citation carries the full reference any more: the page's preview list holds it once.
    expect(code).not.toContain("citation-preview");
    expect(code).not.toContain("Voluntaristics Review");
    expect(code).toContain(
      '<a href="/course/references/#ref-borkman2020" class="citation-link" interestfor="preview-borkman2020">',
    );
    const pointed = [...code.matchAll(/interestfor="preview-([^"]+)"/g)].map((match) => match[1]);
    const listed = previewKeysOf(metadata.frontmatter);
    // Each work once, in first-cited order, and exactly the works the citations point at.
    expect(listed).toEqual([...new Set(pointed)]);
    expect(listed.slice(0, 2)).toEqual(["borkman2020", "li2020"]);
  });

  test("an email address is left alone", async () => {
    expect(await renderSection("forms")).toContain("someone@example.org");
  });

  test("paragraphs get stable anchors and self-links", async () => {
    const html = await renderSection("forms");
    expect(html).toContain('<p id="p-a-parenthetical-citation" class="report-paragraph">');
    expect(html).toContain('<a href="#p-a-parenthetical-citation" class="paragraph-link">');
  });

  test("an unknown key stops with the file, the line and the nearest key", async () => {
    const error = await renderSection("unknown").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem).toMatchObject({
      file: sections.get("unknown")?.file,
      line: 8,
      problem: `the citation key "@borkman2002" is not in the bibliography (${path.join(contentDir, "references.bib")}).`,
      fix: 'did you mean "@borkman2020"? Otherwise add an entry with the key "borkman2002" to the bibliography, or write \\@borkman2002 if the @ is meant literally.',
    });
  });
});

describe("remarkCitations alone, after the parsers", () => {
  const alone: PluginRun = {
    remark: [
      [remarkCitations, { ...reportPluginOptions({ contentDir, base: "/" }).citations, referencesUrl: "/refs/" }],
    ],
    path: path.join(contentDir, "sections/forms.mdx"),
  };

  test("a citation becomes its APA text, linked to its entry on the references page", async () => {
    const html = await renderHtml("A parenthetical citation [@borkman2020] and @li2020 narratively.\n", alone);
    expect(citationsIn(html).map(({ text, hrefs }) => ({ text, hrefs }))).toEqual([
      { text: "(Borkman et al., 2020)", hrefs: ["/refs/#ref-borkman2020"] },
      { text: "Li et al. (2020)", hrefs: ["/refs/#ref-li2020"] },
    ]);
    expect(html).not.toContain("[@");
  });

  test("an escaped @ and an e-mail address stay text", async () => {
    const html = await renderHtml("Write \\@borkman2020 or mail someone@example.org.\n", alone);
    // remark-gfm makes the address a mailto: link; no citation either way.
    expect(html).toBe(
      '<p>Write @borkman2020 or mail <a href="mailto:someone@example.org">someone@example.org</a>.</p>',
    );
  });
});
