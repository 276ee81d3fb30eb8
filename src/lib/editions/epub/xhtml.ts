import type { ElementContent, Element as HastElement, Properties, Root, RootContent } from "hast";
import { find, html, svg } from "property-information";
import { HTML_VOID_ELEMENTS } from "../../content/html-void-elements.ts";

const NAMESPACES: Record<string, string> = {
  svg: "http://www.w3.org/2000/svg",
  math: "http://www.w3.org/1998/Math/MathML",
};

/** Escapes text for XML character data. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes text for a double-quoted XML attribute value. */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/"/g, "&quot;");
}

function attributes(properties: Properties, inSvg: boolean): string {
  let out = "";
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || value === null || value === false) continue;
    const info = find(inSvg ? svg : html, key);
    let text: string;
    if (value === true) text = "";
    else if (Array.isArray(value)) text = value.join(info.commaSeparated ? ", " : " ");
    else text = String(value);
    out += ` ${info.attribute}="${escapeXmlAttribute(text)}"`;
  }
  return out;
}

function serializeNode(node: RootContent | ElementContent, inSvg: boolean): string {
  switch (node.type) {
    case "text":
      return escapeXml(node.value);
    case "element":
      return serializeElement(node, inSvg);
    // Comments, doctypes and raw HTML have no place inside an XHTML body.
    default:
      return "";
  }
}

function serializeElement(node: HastElement, parentInSvg: boolean): string {
  const inSvg = parentInSvg || node.tagName === "svg";
  const properties = { ...node.properties };
  const namespace = NAMESPACES[node.tagName];
  if (namespace && !parentInSvg && properties["xmlns"] === undefined) properties["xmlns"] = namespace;
  const children = node.tagName === "template" ? [] : node.children;
  const open = `<${node.tagName}${attributes(properties, inSvg)}`;
  if (children.length === 0 && (HTML_VOID_ELEMENTS.has(node.tagName) || inSvg || node.tagName === "math"))
    return `${open}/>`;
  return `${open}>${children.map((child) => serializeNode(child, inSvg)).join("")}</${node.tagName}>`;
}

/**
 * Serializes a hast tree (as parsed from the built HTML) to well-formed XHTML: every attribute
 * quoted and escaped, void elements closed, SVG and MathML in their namespaces, comments dropped.
 */
export function toXhtml(node: Root | RootContent | ElementContent): string {
  if (node.type === "root") return node.children.map((child) => serializeNode(child, false)).join("");
  return serializeNode(node, false);
}
