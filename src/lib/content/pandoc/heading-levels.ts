import type { Heading, Root } from "mdast";
import { visit } from "unist-util-visit";

/**
 * The outline of a Markdown section starts at its shallowest heading, as Pandoc's
 * `--shift-heading-level-by` reads it: a Quarto or MyST paper writes its top-level headings as `##`
 * (the title is the `#`), so when it is cut into a file per `##` heading, each file's headings start
 * at `###`. Those become the section's `##` (h2), the levels below follow, and a skip inside the file
 * (`###` then `#####`) still stops the build. A file whose headings start at `#` or `##` is unchanged.
 */
export function shiftHeadingsToTop(tree: Root): void {
  let shallowest = Number.POSITIVE_INFINITY;
  visit(tree, "heading", (heading: Heading) => {
    shallowest = Math.min(shallowest, heading.depth);
  });
  if (!Number.isFinite(shallowest) || shallowest <= 2) return;
  const shift = shallowest - 2;
  visit(tree, "heading", (heading: Heading) => {
    heading.depth = (heading.depth - shift) as Heading["depth"];
  });
}
