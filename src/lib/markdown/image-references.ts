import type { Definition, Image, Root } from "mdast";
import { visit } from "unist-util-visit";

/**
 * Pandoc and CommonMark read `![alt][ref]` as the image `ref`'s definition names. Made an ordinary
 * image before any other step, it meets every image rule (the read gate, figures and captions, PDF
 * figures, sizes) in one place instead of slipping past the rules written for `image` nodes.
 * CommonMark takes the first of two definitions with one label, and so does this.
 */
export function remarkImageReferences() {
  return (tree: Root): void => {
    const definitions = new Map<string, Definition>();
    visit(tree, "definition", (node) => {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
    });
    visit(tree, "imageReference", (node, index, parent) => {
      const definition = definitions.get(node.identifier);
      if (!definition || !parent || index === undefined) return;
      const image: Image = {
        type: "image",
        url: definition.url,
        alt: node.alt ?? "",
        title: definition.title ?? null,
        ...(node.position ? { position: node.position } : {}),
      };
      parent.children.splice(index, 1, image);
    });
  };
}
