import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";

/** The prefix remark-rehype gives footnote ids (`user-content-fn-1`, `user-content-fnref-1`). */
const CLOBBER_PREFIX = "user-content-";
/** The id remark-rehype gives every file's footnotes heading. */
const LABEL_ID = "footnote-label";

/**
 * The id a footnote id of a file takes: `user-content-fn-1` becomes `<slug>-fn-1` and
 * `footnote-label` `<slug>-footnotes`, so that sections with the same note labels can share a page.
 */
export function footnoteId(id: string, slug: string): string {
  if (id === LABEL_ID) return `${slug}-footnotes`;
  if (id.startsWith(`${CLOBBER_PREFIX}fn`)) return `${slug}-${id.slice(CLOBBER_PREFIX.length)}`;
  return id;
}

function renameFragment(href: string, slug: string): string {
  return href.startsWith("#") ? `#${footnoteId(href.slice(1), slug)}` : href;
}

/** Options of {@link rehypeFootnotes}. */
export interface FootnoteOptions {
  /** The page slug of a file (its section's URL name), which prefixes its footnote ids. */
  slugOf: (file: VFile) => string;
}

/**
 * Makes a file's footnote ids its own (see {@link footnoteId}), so that the full report, which
 * holds every section, has unique ids and each note's links lead to its own section's note. The
 * notes' heading becomes visible ("Notes"), as in print.
 */
export function rehypeFootnotes({ slugOf }: FootnoteOptions) {
  return (tree: Root, file: VFile) => {
    const slug = slugOf(file);
    visit(tree, "element", (node: Element) => {
      const { id, href, ariaDescribedBy } = node.properties;
      if (typeof id === "string") node.properties["id"] = footnoteId(id, slug);
      if (typeof href === "string") node.properties["href"] = renameFragment(href, slug);
      if (Array.isArray(ariaDescribedBy)) {
        node.properties["ariaDescribedBy"] = ariaDescribedBy.map((value) => footnoteId(String(value), slug));
      }
      if (node.tagName === "section" && node.properties["dataFootnotes"] !== undefined) {
        const heading = node.children.find(
          (child): child is Element => child.type === "element" && child.tagName === "h2",
        );
        if (heading) {
          heading.properties["className"] = ["footnotes-heading"];
          heading.children = [{ type: "text", value: "Notes" }];
        }
      }
      if (node.properties["dataFootnoteBackref"] !== undefined) {
        // A text presentation selector keeps the arrow from turning into an emoji.
        node.children = node.children.map((child) =>
          child.type === "text" ? { ...child, value: child.value.replace("↩", "↩\uFE0E") } : child,
        );
      }
    });
  };
}
