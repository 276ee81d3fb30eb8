import type { Element, ElementContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { describe, expect, test } from "vitest";
import {
  citationPreviewsHtml,
  PREVIEW_KEYS_FIELD,
  previewId,
  previewKeysOf,
} from "../../../src/lib/markdown/citation-previews.ts";

const italic = (text: string): ElementContent => ({
  type: "element",
  tagName: "i",
  properties: {},
  children: [{ type: "text", value: text }],
});
const text = (value: string): ElementContent => ({ type: "text", value });
const borkman = {
  key: "borkman2020",
  nodes: [
    text("Borkman, T. (2020). Self-help groups. "),
    italic("Voluntaristics Review"),
    text(", "),
    italic("5"),
    text("(2), 1–219."),
  ],
  text: "",
};
const odd = { key: 'odd:key&"1"', nodes: [text("Odd, A. (1999). "), italic("Title"), text(".")], text: "" };

/** The previews as a browser's parser reads them back. */
function previews(html: string): Element[] {
  const tree = fromHtml(html, { fragment: true });
  const list = tree.children[0] as Element;
  return list.children.filter((child): child is Element => child.type === "element");
}

describe("a page's citation previews", () => {
  test("hold each work's formatted reference once, as a hint popover hidden from screen readers", () => {
    const found = previews(citationPreviewsHtml([borkman, odd, borkman]));
    expect(found.map((element) => element.properties["id"])).toEqual([previewId(borkman.key), previewId(odd.key)]);
    for (const element of found) {
      expect(element.properties["popover"]).toBe("hint");
      expect(element.properties["ariaHidden"]).toBe("true");
      expect(element.properties["className"]).toEqual(["citation-preview"]);
    }
    expect(toText(found[0] as Element)).toBe(
      "Borkman, T. (2020). Self-help groups. Voluntaristics Review, 5(2), 1–219.",
    );
    expect((found[0] as Element).children.some((child) => child.type === "element" && child.tagName === "i")).toBe(
      true,
    );
  });

  test("a key with quotes and ampersands still names its preview exactly", () => {
    const [element] = previews(citationPreviewsHtml([odd]));
    expect(element?.properties["id"]).toBe(`preview-${odd.key}`);
  });

  test("a page that cites nothing gets no list", () => {
    expect(citationPreviewsHtml([])).toBe("");
  });

  test("the keys a rendered file lists are read back, and nothing else", () => {
    expect(previewKeysOf({ [PREVIEW_KEYS_FIELD]: ["a", 3, "b"] })).toEqual(["a", "b"]);
    expect(previewKeysOf({ title: "No citations" })).toEqual([]);
  });
});
