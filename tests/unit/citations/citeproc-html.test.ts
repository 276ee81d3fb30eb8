import fc from "fast-check";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, test } from "vitest";
import { webAddress } from "../../../src/lib/build/url-gate.ts";
import { createCitationEngine } from "../../../src/lib/citations/citation-engine.ts";
import { CITEPROC_CLASSES } from "../../../src/lib/citations/citeproc-html.ts";
import { hostileText } from "../../arbitraries/hostile-markup.ts";
import { trickyUrl } from "../../arbitraries/tricky-urls.ts";

const book = (fields: Record<string, unknown>) => ({
  id: "a",
  type: "book",
  author: [{ family: "Smith", given: "Jane" }],
  issued: { "date-parts": [[2020]] },
  ...fields,
});

function elements(html: string) {
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
  walk(fromHtml(html, { fragment: true }));
  return found;
}

// Making an engine takes seconds on a loaded machine, formatting a work milliseconds.
describe("citeproc's HTML is safe by construction", { timeout: 120_000 }, () => {
  test("a quote in a bibliography URL stays inside the link's href", () => {
    const [entry] = createCitationEngine([
      book({ title: "T", URL: 'https://x.org/a"onmouseover="alert(1)' }),
    ]).formatBibliography(["a"]);
    const links = elements(entry?.html ?? "").filter((element) => element.tag === "a");
    expect(links).toHaveLength(1);
    expect(Object.keys(links[0]?.properties ?? {})).toEqual(["href"]);
  });

  test("a URL that is not http(s) never becomes a link of its scheme", () => {
    const [entry] = createCitationEngine([book({ title: "T", URL: "javascript:alert(1)" })]).formatBibliography(["a"]);
    for (const link of elements(entry?.html ?? "").filter((element) => element.tag === "a")) {
      expect(String(link.properties["href"])).toMatch(/^https?:\/\//);
    }
  });

  test("small capitals in a title become a class, never an inline style", () => {
    const [entry] = createCitationEngine([
      book({ title: 'The <span style="font-variant:small-caps;">nasa</span> years' }),
    ]).formatBibliography(["a"]);
    const found = elements(entry?.html ?? "");
    expect(found.some((element) => "style" in element.properties)).toBe(false);
    expect(found.some((element) => String(element.properties["className"]) === "csl-small-caps")).toBe(true);
  });
});

describe("property: every address in a reference passes the one URL gate", () => {
  /** A bibliography entry's HTML for a work whose URL or DOI field holds `value`. */
  const entryHtml = (field: "URL" | "DOI", value: string) =>
    createCitationEngine([book({ title: "T", [field]: value })]).formatBibliography(["a"])[0]?.html ?? "";

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
        for (const element of entries.flatMap((entry) => elements(entry.html))) {
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
    const links = (html: string) => elements(html).filter((element) => element.tag === "a");
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

describe("property: citeproc's HTML strings are safe whatever the data (the string path's proof)", () => {
  /** The elements and classes citeproc's safe format writes; anything else came from data. */
  const TAGS = new Set(["i", "b", "span", "a", "sup", "sub", "div"]);
  const CLASSES = new Set<string>(Object.values(CITEPROC_CLASSES));

  /** Asserts that an HTML fragment, read as a browser reads it, holds only citeproc's own markup. */
  function onlyCiteprocMarkup(html: string): void {
    for (const element of elements(html)) {
      expect(TAGS.has(element.tag), `<${element.tag}> in ${html}`).toBe(true);
      for (const [name, value] of Object.entries(element.properties)) {
        if (name === "href" && element.tag === "a") {
          expect(webAddress(String(value)), html).toEqual({ href: String(value) });
        } else {
          expect(name, `${name} on <${element.tag}> in ${html}`).toBe("className");
          for (const className of value as string[]) {
            expect(CLASSES.has(className) || /^csl-[a-z-]+$/.test(className), html).toBe(true);
          }
        }
      }
    }
  }

  test("every field, prefix, suffix and locator: entries, citations and each cut of a citation hold only citeproc's own elements", {
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
          const texts: string[] = [];
          for (const entry of engine.formatBibliography(items.map((item) => item.id))) texts.push(entry.html);
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
              // The whole, and each cut the citation link is made of, read alone as the page reads it.
              texts.push(formatted.html, ...formatted.gaps, ...formatted.parts.map((part) => part.html));
            }
          });
          for (const html of texts) onlyCiteprocMarkup(html);
        },
      ),
      { numRuns: 6 },
    );
  });
});
