import { fromHtml } from "hast-util-from-html";
import { describe, expect, test } from "vitest";
import { createCitationEngine } from "../../../src/lib/citations/citation-engine.ts";

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

describe("citeproc's HTML is safe by construction", () => {
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
