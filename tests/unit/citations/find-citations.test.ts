import { describe, expect, test } from "vitest";
import { citingBlockOf, findCitations } from "../../../src/lib/citations/find-citations.ts";
import { markersToCiteproc } from "../../../src/lib/citations/parse-citations.ts";
import { parseMdx } from "../../../src/lib/content/mdx-tree.ts";

/** Parses MDX as the site does and finds its citations: key lists, places and block kinds. */
function found(source: string) {
  const tree = parseMdx(source);
  return findCitations(tree, source).map((citation) => ({
    keys: citation.citation.items.map((item) => item.key),
    place: citation.place,
    block: citingBlockOf(citation).kind,
  }));
}

describe("findCitations over MDX's own syntax tree", () => {
  test("emphasis inside a bracket stays in the prefix and suffix", () => {
    const source = "Text [*see* @kullback, p. 32, **my** emphasis].";
    const [citation] = findCitations(parseMdx(source), source);
    const [item] = citation?.citation.items ?? [];
    expect(item).toMatchObject({ key: "kullback", label: "page", locator: "32" });
    expect(markersToCiteproc(item?.prefix ?? "")).toBe("<i>see</i>");
    expect(markersToCiteproc(item?.suffix ?? "")).toBe(", <b>my</b> emphasis");
  });

  test("a citation inside emphasis is found in the emphasis", () => {
    expect(found("*as [@kullback] says*")).toEqual([{ keys: ["kullback"], place: "text", block: "paragraph" }]);
  });

  test("an escaped \\@ is text; a key after a letter is an e-mail address", () => {
    expect(found("write \\@kullback or me@kullback.org, but cite @doody.")).toEqual([
      { keys: ["doody"], place: "text", block: "paragraph" },
    ]);
  });

  test("a key escaped for MDX (`\\<`, `\\{`) is read as Pandoc reads it", () => {
    const keys = found("[@wein\\<berg] and @\\{aksin.2006.\\}").map((citation) => citation.keys);
    expect(keys).toEqual([["wein<berg"], ["aksin.2006."]]);
  });

  test("citations in every kind of block, each with its place and the block its back-link leads to", () => {
    const source = [
      "## What @doody found",
      "",
      "- an item [@sarfraz]",
      "",
      "> a quote [@companion]",
      "",
      "| a | b |",
      "| - | - |",
      "| [@kullback] | c |",
      "",
      "A note.[^n] A [@kullback](https://example.org) link and ![alt after @doody](x.png).",
      "",
      "[^n]: The note cites [@sarfraz].",
    ].join("\n");
    expect(found(source)).toEqual([
      { keys: ["doody"], place: "heading", block: "heading" },
      { keys: ["sarfraz"], place: "text", block: "list item" },
      { keys: ["companion"], place: "text", block: "block quote" },
      { keys: ["kullback"], place: "text", block: "table" },
      { keys: ["kullback"], place: "link", block: "paragraph" },
      { keys: ["doody"], place: "alt", block: "paragraph" },
      { keys: ["sarfraz"], place: "text", block: "footnote" },
    ]);
  });

  test("a caption of a labelled <Figure> leads to the figure's id", () => {
    const source = '<Figure id="fig:one" src="./a.png" alt="A.">\n  Drawn by @sarfraz [p. 800].\n</Figure>';
    const [citation] = findCitations(parseMdx(source), source);
    expect(citation && citingBlockOf(citation)).toMatchObject({ kind: "figure", anchor: "fig-one" });
  });

  test("code and cross-references are never citations", () => {
    expect(found("`[@kullback]` and @fig:one and [@tbl:two]\n\n```\n@doody\n```")).toEqual([]);
  });
});
