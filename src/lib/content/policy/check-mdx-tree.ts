import path from "node:path";
import type { Program } from "estree";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { Definition, Root } from "mdast";
import type {} from "mdast-util-mdx";
import type {
  MdxJsxAttribute,
  MdxJsxExpressionAttribute,
  MdxJsxFlowElement,
  MdxJsxTextElement,
} from "mdast-util-mdx-jsx";
import { find, html as htmlSchema } from "property-information";
import { visit } from "unist-util-visit";
import { resolveInside } from "../../build/read-gate.ts";
import type { ContentProblem } from "../content-error.ts";
import {
  ALLOWED_ELEMENTS,
  CONTENT_COMPONENTS,
  FORBIDDEN_ELEMENTS,
  forbiddenAttributeReason,
  isAllowedAttribute,
  LINK_ATTRIBUTES,
  LOADED_ATTRIBUTES,
} from "./allowlist.ts";
import { linkProblem, loadedResourceProblem } from "./url-policy.ts";

/** A place in a content file's tree that breaks the content policy. */
export type PolicyViolation = ContentProblem;

function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

interface Located {
  position?: { start: { line: number } } | undefined;
}

/** True when an MDX expression holds only comments (`{/* note *\/}`): it compiles to nothing. */
function isCommentOnly(node: { data?: { estree?: Program | null | undefined } | undefined; value: string }): boolean {
  const program = node.data?.estree;
  return program !== undefined && program !== null && program.body.length === 0 && node.value.trim() !== "";
}

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

function attributeValue(attribute: MdxJsxAttribute): string | undefined {
  return typeof attribute.value === "string" ? attribute.value : undefined;
}

function srcsetUrls(value: string): string[] {
  return value
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter((url) => url !== "");
}

/**
 * The elements a piece of raw HTML (an `html` node of a Markdown file) writes, in the shape of MDX
 * elements, so that one check reads both: names as written in HTML, attributes by their HTML names,
 * each at the line of the file it stands on. Comments and text carry no element.
 */
export function htmlElements(value: string, firstLine: number | undefined): JsxElement[] {
  const elements: JsxElement[] = [];
  visit(fromHtml(value, { fragment: true }), "element", (element: Element) => {
    const line = (firstLine ?? 1) + (element.position?.start.line ?? 1) - 1;
    const point = { line, column: 1 };
    elements.push({
      type: "mdxJsxFlowElement",
      name: element.tagName,
      attributes: Object.entries(element.properties).map(([property, raw]) => ({
        type: "mdxJsxAttribute",
        name: find(htmlSchema, property).attribute,
        value: Array.isArray(raw) ? raw.join(" ") : raw === true ? "" : String(raw),
      })),
      children: [],
      position: { start: point, end: point },
    });
  });
  return elements;
}

/**
 * Checks a parsed MDX tree against the content policy (see allowlist.ts) and returns every
 * violation, in document order. Lines are the tree's own: parse the body with its frontmatter
 * blanked out (as `parseFrontmatter(..., { frontmatter: "empty-with-spaces" })` does) to get the
 * file's lines.
 */
export function checkMdxTree(
  tree: Root,
  file: string,
  contentDir: string = path.dirname(path.dirname(path.resolve(file))),
): PolicyViolation[] {
  const problems: PolicyViolation[] = [];
  // A file the page loads is read by the build (images are copied, the editions embed them): the
  // read gate keeps it inside the content folder, however the path is written.
  const loadProblem = (url: string): string | undefined => {
    const problem = loadedResourceProblem(url);
    if (problem) return problem;
    const resolved = resolveInside(contentDir, path.dirname(path.resolve(file)), url);
    return "problem" in resolved ? `the image ${resolved.problem}` : undefined;
  };
  const add = (node: Located, problem: string, fix: string) =>
    problems.push({ file, line: node.position?.start.line, problem, fix });

  const checkAttribute = (
    element: JsxElement,
    tagName: string,
    attribute: MdxJsxAttribute | MdxJsxExpressionAttribute,
  ) => {
    if (attribute.type === "mdxJsxExpressionAttribute") {
      add(
        element,
        `<${tagName} {${excerpt(attribute.value, 30)}}> spreads a JavaScript expression into the element; content may not run code.`,
        `write each attribute as name="text".`,
      );
      return;
    }
    const name = attribute.name;
    if (attribute.value !== null && typeof attribute.value === "object") {
      add(
        element,
        `the attribute ${name}={${excerpt(attribute.value.value, 30)}} on <${tagName}> is a JavaScript expression; content may not run code.`,
        `write the value as text in quotes: ${name}="..."`,
      );
      return;
    }
    const component = CONTENT_COMPONENTS[tagName];
    if (component) {
      if (!component.attributes.includes(name)) {
        add(
          element,
          `<${tagName}> takes no attribute "${name}".`,
          component.attributes.length > 0
            ? `use only ${component.attributes.join(", ")}.`
            : `write <${tagName} /> without attributes.`,
        );
      }
    } else if (/^on/i.test(name)) {
      add(
        element,
        `the event-handler attribute ${name} on <${tagName}> would run JavaScript in the reader's browser (the site ships none, and its Content Security Policy blocks it).`,
        `remove ${name}="...".`,
      );
      return;
    } else if (!isAllowedAttribute(tagName, name)) {
      const reason = forbiddenAttributeReason(name);
      add(
        element,
        `the attribute ${name} is not allowed on <${tagName}>${reason ? `: ${reason}` : ""}.`,
        reason
          ? `remove ${name}="...".`
          : `remove ${name}="..." (allowed HTML attributes follow GitHub's sanitizer: href, src, alt, title, lang, dir, ...).`,
      );
      return;
    }
    const value = attributeValue(attribute) ?? "";
    const lower = name.toLowerCase();
    const urls = lower === "srcset" ? srcsetUrls(value) : [value];
    const isLoaded = LOADED_ATTRIBUTES.includes(lower) || (component?.imageAttributes ?? []).includes(name);
    const isLink = LINK_ATTRIBUTES.includes(lower) || (component?.urlAttributes ?? []).includes(name);
    for (const url of urls) {
      const problem = isLoaded ? loadProblem(url) : isLink ? linkProblem(url) : undefined;
      if (problem) {
        add(
          element,
          `${problem} (<${tagName} ${name}>).`,
          isLoaded
            ? "save the file in the site (public/ or next to the content) and use its path, or link to it instead of showing it."
            : "link to an http(s) address, a mailto: address or a path in this site.",
        );
      }
    }
  };

  const checkElement = (node: JsxElement) => {
    const name = node.name;
    if (name === null) {
      add(node, "an empty <> fragment.", "remove <> and </>, keeping what is between them.");
      return;
    }
    if (/[.:]/.test(name)) {
      add(node, `<${name}> is not an element or component the report knows.`, `remove <${name}>.`);
      return;
    }
    const isComponent = /^[A-Z]/.test(name);
    if (isComponent && !(name in CONTENT_COMPONENTS)) {
      const known = Object.keys(CONTENT_COMPONENTS);
      add(
        node,
        `<${name}> is not one of the report's components.`,
        `use one of ${known.map((known) => `<${known} />`).join(", ")}, or Markdown.`,
      );
      return;
    }
    const lower = name.toLowerCase();
    const forbidden = FORBIDDEN_ELEMENTS[lower];
    if (forbidden) {
      add(node, `<${name}> is not allowed in content: ${forbidden}.`, `remove the <${name}> element.`);
      return;
    }
    if (!isComponent && !ALLOWED_ELEMENTS.has(lower)) {
      add(
        node,
        `<${name}> is not an HTML element the report allows.`,
        "use Markdown, or an allowed element (p, em, strong, a, img, ul, ol, li, table, blockquote, details, sup, sub, abbr, ...).",
      );
      return;
    }
    for (const attribute of node.attributes) checkAttribute(node, name, attribute);
    return;
  };

  // An image reference loads whatever its definition names, wherever the definition stands.
  const definitions = new Map<string, Definition>();
  visit(tree, "definition", (definition: Definition) => {
    // CommonMark: the first definition of a label wins; later ones are ignored.
    if (!definitions.has(definition.identifier)) definitions.set(definition.identifier, definition);
  });

  visit(tree, (node) => {
    switch (node.type) {
      case "mdxjsEsm":
        add(
          node,
          `"${excerpt(node.value)}": import and export run code at build time, and content may not run code.`,
          "remove the line; the site's components (such as <Timeline />) are available without importing them.",
        );
        return;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        if (isCommentOnly(node)) return;
        add(
          node,
          `"{${excerpt(node.value)}}" is a JavaScript expression in braces; content may not run code (it could read the build's secrets).`,
          "to show braces as text, write them as \\{ and \\}; for a comment, write {/* ... */}.",
        );
        return;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement":
        checkElement(node);
        return;
      case "html":
        // Markdown (.md) files hold raw HTML: each element it writes meets the same allowlist.
        for (const element of htmlElements(node.value, node.position?.start.line)) checkElement(element);
        return;
      case "link":
      case "definition": {
        const problem = linkProblem(node.url);
        if (problem) {
          add(node, `${problem}.`, "link to an http(s) address, a mailto: address or a path in this site.");
        }
        return;
      }
      case "image": {
        const problem = loadProblem(node.url);
        if (problem) {
          add(
            node,
            `${problem}.`,
            "save the image in the site and use its path, or link to it instead: [description](https://...).",
          );
        }
        return;
      }
      case "imageReference": {
        const url = definitions.get(node.identifier)?.url;
        const problem = url === undefined ? undefined : loadProblem(url);
        if (problem) {
          add(
            node,
            `${problem}.`,
            "save the image in the site and use its path, or link to it instead: [description](https://...).",
          );
        }
        return;
      }
      default:
        return;
    }
  });
  return problems;
}
