import fc from "fast-check";
import type { ElementContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, test } from "vitest";
import { webAddress } from "../../../src/lib/build/url-gate.ts";
import { type CitationNodes, createCitationEngine } from "../../../src/lib/citations/citation-engine.ts";
import {
  CITEPROC_CLASSES,
  citeprocText,
  citeprocTree,
  isBalanced,
  nodesHtml,
  nodesText,
} from "../../../src/lib/citations/citeproc-tree.ts";
import { citationElement, plainCitationElement } from "../../../src/lib/markdown/remark-citations.ts";
import { hostileText } from "../../arbitraries/hostile-markup.ts";
import { trickyUrl } from "../../arbitraries/tricky-urls.ts";

const book = (fields: Record<string, unknown>) => ({
  id: "a",
  type: "book",
  author: [{ family: "Smith", given: "Jane" }],
  issued: { "date-parts": [[2020]] },
  ...fields,
});

/** Every element of formatted nodes, outermost first. */
function elements(nodes: readonly ElementContent[]) {
  const found: { tag: string; properties: Record<string, unknown> }[] = [];
  const walk = (node: {
    type: string;
    tagName?: string;
    properties?: Record<string, unknown>;
    children?: unknown[];
  }) => {
    if (node.type === "element") found.push({ tag: node.tagName ?? "", properties: node.properties ?? {} });
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  for (const node of nodes) walk(node);
  return found;
}

// Making an engine takes seconds on a loaded machine, formatting a work milliseconds.
describe("citeproc's output is a tree, safe by construction", { timeout: 120_000 }, () => {
  test("a quote in a bibliography URL stays inside the link's href", () => {
    const [entry] = createCitationEngine([
      book({ title: "T", URL: 'https://x.org/a"onmouseover="alert(1)' }),
    ]).formatBibliography(["a"]);
    const links = elements(entry?.nodes ?? []).filter((element) => element.tag === "a");
    expect(links).toHaveLength(1);
    expect(Object.keys(links[0]?.properties ?? {})).toEqual(["href"]);
  });

  test("a URL that is not http(s) never becomes a link of its scheme", () => {
    const [entry] = createCitationEngine([book({ title: "T", URL: "javascript:alert(1)" })]).formatBibliography(["a"]);
    for (const link of elements(entry?.nodes ?? []).filter((element) => element.tag === "a")) {
      expect(String(link.properties["href"])).toMatch(/^https?:\/\//);
    }
  });

  test("small capitals in a title become a class, never an inline style", () => {
    const [entry] = createCitationEngine([
      book({ title: 'The <span style="font-variant:small-caps;">nasa</span> years' }),
    ]).formatBibliography(["a"]);
    const found = elements(entry?.nodes ?? []);
    expect(found.some((element) => "style" in element.properties)).toBe(false);
    expect(found.some((element) => String(element.properties["className"]) === "csl-small-caps")).toBe(true);
  });
});

describe("property: every address in a reference passes the one URL gate", () => {
  /** A bibliography entry's HTML for a work whose URL or DOI field holds `value`. */
  const entryHtml = (field: "URL" | "DOI", value: string) =>
    createCitationEngine([book({ title: "T", [field]: value })]).formatBibliography(["a"])[0]?.nodes ?? [];

  test("a link is made only of an http(s) address, as the gate serializes it, and is one href", {
    timeout: 180_000,
  }, () => {
    // Many works per engine: making an engine takes seconds, formatting a work milliseconds.
    const works = fc.array(fc.tuple(fc.constantFrom("URL", "DOI"), fc.oneof(trickyUrl, fc.string())), {
      minLength: 40,
      maxLength: 40,
    });
    fc.assert(
      fc.property(works, (fields) => {
        const items = fields.map(([field, value], index) =>
          book({ id: `w${index}`, title: `T${index}`, [field]: value }),
        );
        const entries = createCitationEngine(items).formatBibliography(items.map((item) => item.id));
        for (const element of entries.flatMap((entry) => elements(entry.nodes))) {
          expect(Object.keys(element.properties).every((name) => ["href", "className"].includes(name))).toBe(true);
          if (element.tag !== "a") continue;
          const href = String(element.properties["href"]);
          expect(webAddress(href), href).toEqual({ href });
        }
      }),
      { numRuns: 4 },
    );
  });

  test("a DOI's # and ? stay part of its name in the link, and a DOI of any form links to doi.org only", {
    timeout: 120_000,
  }, () => {
    const links = (nodes: CitationNodes) => elements(nodes).filter((element) => element.tag === "a");
    expect(links(entryHtml("DOI", "10.1000/a#b?c")).map((link) => link.properties["href"])).toEqual([
      "https://doi.org/10.1000/a%23b%3Fc",
    ]);
    expect(links(entryHtml("DOI", 'https://doi.org/10.1/x"onclick="y'))[0]?.properties["href"]).toBe(
      "https://doi.org/10.1/x%22onclick=%22y",
    );
    for (const link of links(entryHtml("DOI", "javascript:alert(1)//10.1/x"))) {
      expect(String(link.properties["href"])).toMatch(/^https:\/\/doi\.org\//);
    }
  });
});

describe("property: the citation tree holds only its own elements whatever the data", () => {
  /** The elements the tree may hold: a link only from the URL gate, a span or div only with a csl class. */
  const TAGS = new Set(["i", "em", "b", "span", "a", "sup", "sub", "div"]);
  const CLASSES = new Set<string>(Object.values(CITEPROC_CLASSES));
  /** What the citations plugin adds around the tree (remark-citations.ts). */
  const PLUGIN_CLASSES = new Set(["citation", "citation-link"]);

  /** Asserts that nodes hold only the tree's own elements and gate-checked links. */
  function onlyTreeElements(nodes: readonly ElementContent[], where: string): void {
    for (const element of elements(nodes)) {
      expect(TAGS.has(element.tag), `<${element.tag}> in ${where}`).toBe(true);
      for (const [name, value] of Object.entries(element.properties)) {
        if (name === "href" && element.tag === "a") {
          // The plugin's own links point at the references page; every other is the URL gate's.
          if (String(value).startsWith("/references/#")) continue;
          expect(webAddress(String(value)), where).toEqual({ href: String(value) });
        } else if (name === "dataCites" || name === "interestfor") {
          expect(element.tag === "span" || element.tag === "a", where).toBe(true);
        } else {
          expect(name, `${name} on <${element.tag}> in ${where}`).toBe("className");
          for (const className of value as string[]) {
            expect(
              CLASSES.has(className) || PLUGIN_CLASSES.has(className) || /^csl-[a-z-]+$/.test(className),
              where,
            ).toBe(true);
          }
        }
      }
    }
  }

  /** Serialized and read back as a browser reads it: the same elements (nothing in a text became markup). */
  function sameWhenReadBack(nodes: readonly ElementContent[]): void {
    const html = nodesHtml(nodes);
    const readBack = fromHtml(html, { fragment: true }).children as ElementContent[];
    expect(elements(readBack).map((element) => element.tag)).toEqual(elements(nodes).map((element) => element.tag));
    // Text is compared by its words only: the HTML parser normalizes some characters of text (U+0000,
    // C1 controls, line ends), which changes no element.
    const words = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    expect(words(nodesText(readBack)).length).toBeGreaterThanOrEqual(words(nodesText(nodes)).length - 64);
  }

  test("every field, prefix, suffix and locator: entries, citations, each cut of a citation and the plugin's elements", {
    timeout: 180_000,
  }, () => {
    const name = fc.record({ family: hostileText, given: hostileText });
    const work = fc.record({
      type: fc.constantFrom("book", "article-journal", "chapter", "webpage", "report", "dataset"),
      title: hostileText,
      "container-title": hostileText,
      publisher: hostileText,
      note: hostileText,
      edition: hostileText,
      page: hostileText,
      author: fc.array(name, { minLength: 1, maxLength: 3 }),
      URL: fc.oneof(trickyUrl, hostileText),
      DOI: fc.oneof(trickyUrl, hostileText),
    });
    const cite = fc.record({ prefix: hostileText, suffix: hostileText, locator: hostileText });
    fc.assert(
      fc.property(
        fc.array(work, { minLength: 12, maxLength: 12 }),
        fc.array(cite, { minLength: 4, maxLength: 4 }),
        (works, cites) => {
          const items = works.map((fields, index) => ({
            ...fields,
            id: `w${index}`,
            issued: { "date-parts": [[2020]] },
          }));
          const engine = createCitationEngine(items);
          const entries = engine.formatBibliography(items.map((item) => item.id));
          const byKey = new Map(entries.map((entry) => [entry.key, entry]));
          const trees: CitationNodes[] = entries.map((entry) => entry.nodes);
          cites.forEach((asked, index) => {
            for (const kind of ["parenthetical", "narrative"] as const) {
              const formatted = engine.formatCitation({
                kind,
                items: [
                  {
                    key: `w${index}`,
                    prefix: asked.prefix,
                    suffix: asked.suffix,
                    locator: asked.locator,
                    label: "page",
                  },
                  { key: `w${index + 4}` },
                ],
              });
              expect(formatted.gaps).toHaveLength(formatted.parts.length + 1);
              // The whole, each cut the citation link is made of, and what the plugin puts in the page.
              trees.push(
                formatted.nodes,
                ...formatted.gaps,
                ...formatted.parts.map((part) => part.nodes),
                [citationElement(formatted, byKey, "/references/")],
                [plainCitationElement(formatted)],
              );
            }
          });
          trees.forEach((nodes, index) => {
            onlyTreeElements(nodes, `tree ${index}: ${nodesHtml(nodes)}`);
            sameWhenReadBack(nodes);
          });
        },
      ),
      // Each run makes an engine (seconds): a counterexample is reported as found, not shrunk for minutes.
      { numRuns: 6, endOnFailure: true },
    );
  });
});

describe("the tree format: data never makes structure", () => {
  /** The format's three structure characters, in every order, around text that looks like a link. */
  const forged = fc
    .array(fc.constantFrom("\uE000", "\uE001", "\uE002", "a javascript:alert(1)", "i", "x", "<b>", "&amp;"), {
      maxLength: 12,
    })
    .map((parts) => parts.join(""));

  test("a field holding the format's own characters stays text: no element, no link", { timeout: 120_000 }, () => {
    const engine = createCitationEngine([
      book({ id: "a", title: "\uE000a javascript:alert(1)\uE001click\uE002", publisher: "\uE002\uE002\uE000i\uE001" }),
    ]);
    const [entry] = engine.formatBibliography(["a"]);
    const found = elements(entry?.nodes ?? []);
    expect(found.filter((element) => element.tag === "a")).toEqual([]);
    expect(entry?.text).toContain("\uFFFDa javascript:alert(1)\uFFFDclick\uFFFD");
  });

  test("property: forged structure in any field reads as text; the tree's text is the entry's text", {
    timeout: 180_000,
  }, () => {
    fc.assert(
      fc.property(fc.array(forged, { minLength: 8, maxLength: 8 }), (titles) => {
        const items = titles.map((title, index) => book({ id: `w${index}`, title, publisher: title }));
        const entries = createCitationEngine(items).formatBibliography(items.map((item) => item.id));
        for (const entry of entries) {
          expect(elements(entry.nodes).filter((element) => element.tag === "a")).toEqual([]);
          expect(nodesText(entry.nodes)).toBe(entry.text);
        }
      }),
      { numRuns: 5 },
    );
  });

  test("the reader refuses output the format cannot write, and tells balanced cuts from split ones", () => {
    expect(() => citeprocTree("\uE000script\uE001x\uE002")).toThrow(/unbalanced/);
    expect(() => citeprocTree("\uE000i\uE001x")).toThrow(/unbalanced/);
    expect(() => citeprocTree("x\uE002")).toThrow(/unbalanced/);
    expect(citeprocTree("a \uE000i\uE001b\uE002 \uE000a https://x.org/\uE001c\uE002")).toEqual([
      { type: "text", value: "a " },
      { type: "element", tagName: "i", properties: {}, children: [{ type: "text", value: "b" }] },
      { type: "text", value: " " },
      {
        type: "element",
        tagName: "a",
        properties: { href: "https://x.org/" },
        children: [{ type: "text", value: "c" }],
      },
    ]);
    expect(citeprocText("a \uE000a https://x.org/\uE001c\uE002")).toBe("a c");
    expect(isBalanced("\uE000i\uE001b\uE002")).toBe(true);
    expect(isBalanced("\uE000i\uE001b")).toBe(false);
    expect(isBalanced("b\uE002\uE000i\uE001")).toBe(false);
  });
});
