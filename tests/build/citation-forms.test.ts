import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { visit } from "unist-util-visit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { citationFormsContent } from "../unit/citations/citation-forms-fixture.ts";
import { type BuildResult, buildSite, projectRoot } from "./build-helpers.ts";

const APA_CSL = "/usr/share/citation-style-language/styles/apa.csl";
const fixture = path.join(projectRoot, "tests/fixtures/citation-forms");
let content = "";
let build: BuildResult;

beforeAll(async () => {
  content = citationFormsContent();
  build = await buildSite(content);
}, 180_000);

afterAll(() => {
  fs.rmSync(content, { recursive: true, force: true });
  if (build) fs.rmSync(build.outDir, { recursive: true, force: true });
});

const page = (file: string): Root => fromHtml(fs.readFileSync(path.join(build.outDir, file), "utf8"));

function classes(element: Element): string[] {
  const value = element.properties["className"];
  return Array.isArray(value) ? value.map(String) : [];
}

/** The text a reader sees: without the hidden preview and the "¶ N" paragraph link. */
function visibleText(element: Element): string {
  const copy = structuredClone(element);
  visit(copy, "element", (node: Element, index, parent) => {
    const hidden = classes(node).some((name) => name === "citation-preview" || name === "paragraph-link");
    if (hidden && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
    return undefined;
  });
  return toText(copy);
}

/** Only whitespace and typographic quotes are normalised: both sides are otherwise compared as text. */
const normalise = (text: string) => text.replace(/\s+/g, " ").replace(/[’‘]/g, "'").trim();

function paragraphsOf(tree: Root): Element[] {
  const found: Element[] = [];
  visit(tree, "element", (node: Element) => {
    if (node.tagName === "p" && classes(node).includes("report-paragraph")) found.push(node);
  });
  return found;
}

/** Pandoc with the official APA style, on the same Markdown (MDX's escapes of `{ } <` undone). */
function pandocParagraphs(): string[] {
  const body = fs
    .readFileSync(path.join(content, "sections/forms.mdx"), "utf8")
    .replace(/^---[\s\S]*?---\n/, "")
    .replace(/\\([{}<])/g, "$1");
  const output = execFileSync(
    "pandoc",
    [
      "-f",
      "markdown",
      "-t",
      "plain",
      "--wrap=none",
      "--citeproc",
      "--csl",
      APA_CSL,
      "--bibliography",
      path.join(content, "references.json"),
      "-M",
      "suppress-bibliography=true",
    ],
    { input: body, encoding: "utf8" },
  );
  return output
    .split(/\n\s*\n/)
    .map(normalise)
    .filter(Boolean);
}

interface KnownDifference {
  pandoc: string;
  site: string;
  rule: string;
}

/** The documented differences: rows of the table in the fixture's pandoc-differences.md. */
function knownDifferences(): KnownDifference[] {
  const table = fs.readFileSync(path.join(fixture, "pandoc-differences.md"), "utf8");
  return table
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Pandoc") && !line.startsWith("| ---"))
    .map((line) => {
      const [pandoc = "", site = "", rule = ""] = line
        .slice(2, -2)
        .split(" | ")
        .map((cell) => cell.trim().replace(/`/g, ""));
      return { pandoc, site, rule };
    });
}

describe("Pandoc's citation grammar, with Pandoc and apa.csl as the oracle", () => {
  test("the fixture builds", () => {
    expect(build.exitCode, build.output).toBe(0);
  });

  test("every form renders as Pandoc renders it, or differs as the table documents with an APA rule", () => {
    const site = paragraphsOf(page("sections/forms/index.html")).map((paragraph) => normalise(visibleText(paragraph)));
    const pandoc = pandocParagraphs();
    expect(site).toHaveLength(pandoc.length);
    const known = knownDifferences();
    const unexplained: string[] = [];
    let matches = 0;
    site.forEach((text, index) => {
      const expected = pandoc[index] ?? "";
      if (text === expected) matches++;
      else if (!known.some((row) => row.pandoc === expected && row.site === text && row.rule !== ""))
        unexplained.push(`Pandoc: ${expected}\nsite:   ${text}`);
    });
    expect(unexplained, unexplained.join("\n\n")).toEqual([]);
    // Most forms must match outright; the table is for the style's documented APA rules.
    expect(matches).toBeGreaterThanOrEqual(pandoc.length - known.length);
    console.info(`citation forms: ${matches} of ${pandoc.length} match Pandoc outright`);
  });

  test("every documented difference still occurs (the table holds no stale rows)", () => {
    const site = new Set(
      paragraphsOf(page("sections/forms/index.html")).map((paragraph) => normalise(visibleText(paragraph))),
    );
    for (const row of knownDifferences()) expect(site, row.site).toContain(row.site);
  });

  test("an escaped \\@key is literal text, not a citation", () => {
    const escaped = paragraphsOf(page("sections/forms/index.html")).find((paragraph) =>
      toText(paragraph).startsWith("Escaped"),
    );
    expect(escaped && visibleText(escaped)).toContain("write to @kullback for this one");
    const links: string[] = [];
    if (escaped) visit(escaped, "element", (node: Element) => void (node.tagName === "a" && links.push(toText(node))));
    expect(links.filter((text) => !text.includes("¶"))).toEqual([]);
  });

  test("a citation as a link's text stays inside the author's link, with no link nested in it", () => {
    const tree = page("sections/forms/index.html");
    const outer: Element[] = [];
    visit(tree, "element", (node: Element) => {
      if (node.tagName === "a" && node.properties["href"] === "https://example.org/kullback") outer.push(node);
    });
    expect(outer).toHaveLength(1);
    const [link] = outer;
    expect(link && toText(link)).toBe("Kullback (1959)");
    const nested: Element[] = [];
    if (link)
      visit(link, "element", (node: Element) => void (node.tagName === "a" && node !== link && nested.push(node)));
    expect(nested).toEqual([]);
  });

  test("every citation link's accessible name is its balanced visible text, never the whole reference", () => {
    const names: string[] = [];
    visit(page("sections/forms/index.html"), "element", (node: Element) => {
      if (!classes(node).includes("citation-link")) return;
      expect(node.properties["ariaLabel"]).toBeUndefined();
      names.push(toText(node));
    });
    expect(names.length).toBeGreaterThan(50);
    for (const name of names) {
      const open = name.split("(").length;
      expect(open, name).toBe(name.split(")").length);
    }
    expect(names).toContain("Kullback (1959)");
  });
});

describe("citations anywhere in the Markdown tree", () => {
  const anywhere = () => page("sections/anywhere/index.html");

  test("every work cited anywhere is on the references page, with back-links that land on a citing block", () => {
    const references = page("references/index.html");
    const expected = ["kullback", "doody", "sarfraz", "companion", "glas#how", "aristotle:poetics", "baez/article"];
    const section = anywhere();
    const ids = new Map<string, Element>();
    visit(section, "element", (node: Element) => {
      if (typeof node.properties["id"] === "string") ids.set(node.properties["id"], node);
    });
    for (const key of expected) {
      let entry: Element | undefined;
      visit(references, "element", (node: Element) => {
        if (node.properties["id"] === `ref-${key}`) entry = node;
      });
      expect(entry, key).toBeDefined();
      const backLinks: string[] = [];
      if (entry)
        visit(entry, "element", (node: Element) => {
          const href = node.properties["href"];
          if (node.tagName === "a" && typeof href === "string" && href.includes("/sections/anywhere/#"))
            backLinks.push(href);
        });
      expect(backLinks, key).not.toEqual([]);
      for (const href of backLinks) {
        const target = ids.get(decodeURIComponent(href.split("#")[1] ?? ""));
        expect(target, href).toBeDefined();
        if (!target) continue;
        // The image's alt text cites as plain text: its back-link lands on the paragraph holding it.
        const cites =
          key === "aristotle:poetics"
            ? JSON.stringify(target).includes('"alt":"A figure after Aristotle (1968)"')
            : JSON.stringify(target).includes(`#${encodeURIComponent(`ref-${key}`)}`);
        expect(cites, `${href} cites ${key}`).toBe(true);
      }
    }
  });

  test("back-links name the kind of block", () => {
    const text = toText(page("references/index.html"));
    for (const label of [
      "Citations anywhere, paragraph 1",
      "Citations anywhere, heading 1",
      "Citations anywhere, list item 1",
      "Citations anywhere, block quote 1",
      "Citations anywhere, table 1",
      "Citations anywhere, footnote 1",
      "Citations anywhere, figure 1",
      "Citations anywhere, table 2",
    ])
      expect(text).toContain(label);
  });

  test("a heading that cites has the plain citation text in its id and its link's text", () => {
    const headings: Element[] = [];
    visit(anywhere(), "element", (node: Element) => {
      if (node.tagName === "h2" && toText(node).startsWith("What")) headings.push(node);
    });
    const [heading] = headings;
    expect(heading && toText(heading)).toBe("What Doody (1974) found");
    expect(heading?.properties["id"]).toBe("what-doody-1974-found");
    const anchors: string[] = [];
    visit(anywhere(), "element", (node: Element) => {
      if (classes(node).includes("heading-anchor") && node.properties["href"] === "#what-doody-1974-found")
        anchors.push(toText(node));
    });
    expect(anchors).toEqual(["#Link to the heading “What Doody (1974) found”"]);
  });

  test("an image's alt text gets the plain citation text", () => {
    const alts: string[] = [];
    visit(anywhere(), "element", (node: Element) => {
      if (node.tagName === "img") alts.push(String(node.properties["alt"]));
    });
    expect(alts).toContain("A figure after Aristotle (1968)");
  });

  test("every citation in running text points at its own work's preview on the same page, held there once", () => {
    const pages = ["sections/anywhere/index.html", "sections/forms/index.html", "report/index.html"];
    for (const file of pages) {
      const pointed = new Map<string, string>();
      const previews: Array<{ id: string; text: string }> = [];
      visit(page(file), "element", (node: Element) => {
        const target = node.properties["interestfor"];
        if (node.tagName === "a" && typeof target === "string") {
          const fragment = decodeURIComponent(String(node.properties["href"]).split("#")[1] ?? "");
          pointed.set(target, fragment.replace(/^ref-/, ""));
        }
        if (classes(node).includes("citation-preview")) {
          expect(node.properties["popover"], file).toBe("hint");
          previews.push({ id: String(node.properties["id"]), text: toText(node) });
        }
      });
      expect(pointed.size, file).toBeGreaterThan(3);
      // Exactly one preview per work the page's citations point at, and none for any other work.
      expect(previews.map((preview) => preview.id).sort(), file).toEqual([...pointed.keys()].sort());
      for (const [id, key] of pointed) expect(id, file).toBe(`preview-${key}`);
    }
    // Keys that a URL must escape (glas#how, baez/article) name their previews as written.
    const ids = new Set<string>();
    visit(anywhere(), "element", (node: Element) => {
      if (classes(node).includes("citation-preview")) ids.add(String(node.properties["id"]));
    });
    expect(ids).toContain("preview-glas#how");
    expect(ids).toContain("preview-baez/article");
  });

  test("no work is named cited nowhere", () => {
    expect(build.output).not.toMatch(/cited nowhere/);
  });
});
