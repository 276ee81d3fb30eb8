import type { Element, Root } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { describe, expect, test } from "vitest";
import { rehypeHeadingIdsAscii } from "../../../src/lib/content/heading-ids.ts";
import { rehypeHeadingAnchors } from "../../../src/lib/markdown/rehype-heading-anchors.ts";
import { renderHtml } from "./processor.ts";

/** Gives every heading an id from its text, h1 included, as a page's own markup might. */
function idsOnEveryHeading() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (/^h[1-6]$/.test(node.tagName)) node.properties["id"] = hastToString(node).toLowerCase();
    });
  };
}

describe("rehypeHeadingAnchors", () => {
  test("a heading with an id gets a wrapper and a link to itself named by its text", async () => {
    const html = await renderHtml("## Group *processes*\n\nText.\n", {
      rehype: [rehypeHeadingIdsAscii, rehypeHeadingAnchors],
    });
    expect(html).toBe(
      '<div class="heading-wrapper level-h2"><h2 id="group-processes">Group <em>processes</em></h2><a class="heading-anchor" href="#group-processes"><span aria-hidden="true">#</span><span class="visually-hidden">Link to the heading “Group processes”</span></a></div>\n<p>Text.</p>',
    );
  });

  test("every level from h2 to h6 gets one, each once", async () => {
    const html = await renderHtml("## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n", {
      rehype: [rehypeHeadingIdsAscii, rehypeHeadingAnchors],
    });
    expect([...html.matchAll(/class="heading-wrapper level-(h\d)"/g)].map((match) => match[1])).toEqual([
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
    ]);
    expect(html.match(/class="heading-anchor"/g)).toHaveLength(5);
  });

  test("a heading without an id, and the page's h1, are left alone", async () => {
    expect(await renderHtml("## No id\n", { rehype: [rehypeHeadingAnchors] })).toBe("<h2>No id</h2>");
    expect(await renderHtml("# Title\n", { rehype: [idsOnEveryHeading, rehypeHeadingAnchors] })).toBe(
      '<h1 id="title">Title</h1>',
    );
    // The same helper's h2 does get its anchor: the h1 is skipped for its level, not its id.
    expect(await renderHtml("## Part\n", { rehype: [idsOnEveryHeading, rehypeHeadingAnchors] })).toContain(
      'href="#part"',
    );
  });
});
