import type { Element, ElementContent, Parent, Root } from "hast";
import { toString as hastToString } from "hast-util-to-string";

/** Whether an element has a class name. */
export function hasClass(node: Element, name: string): boolean {
  const classes = node.properties["className"];
  return Array.isArray(classes) && classes.includes(name);
}

/** Every element under a node (depth first, document order) that passes a test. */
export function findAll(node: Root | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (parent: Parent): void => {
    for (const child of parent.children) {
      if (child.type !== "element") continue;
      if (test(child)) found.push(child);
      walk(child);
    }
  };
  walk(node);
  return found;
}

/** The first element under a node that passes a test. */
export function findFirst(node: Root | Element, test: (element: Element) => boolean): Element | undefined {
  return findAll(node, test)[0];
}

/**
 * Rewrites a tree in place: `edit` returns the node to keep (possibly changed), an array to put in
 * its place (unwrapping), or null to drop it. Children are rewritten before their parent.
 */
export function rewrite(node: Root | Element, edit: (element: Element) => Element | ElementContent[] | null): void {
  const next: ElementContent[] = [];
  for (const child of node.children as ElementContent[]) {
    if (child.type !== "element") {
      next.push(child);
      continue;
    }
    rewrite(child, edit);
    const result = edit(child);
    if (result === null) continue;
    if (Array.isArray(result)) next.push(...result);
    else next.push(result);
  }
  (node as Parent).children = next;
}

/** The text of a node with runs of white space collapsed. */
export function textOf(node: Element | Root): string {
  return hastToString(node).replace(/\s+/g, " ").trim();
}

/** A deep copy of a hast subtree, so one built page can feed several editions. */
export function cloneTree<T extends Element | Root>(node: T): T {
  return structuredClone(node);
}
