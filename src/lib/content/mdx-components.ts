/** A label's element id: `fig:growth` becomes `fig-growth`. */
export function labelToId(label: string): string {
  return label.replace(/:/g, "-");
}

/** Names of the MDX components that number their content. */
export const FIGURE_COMPONENT = "Figure";
export const TABLE_COMPONENT = "Table";
/** A numbered code listing: a caption and one fenced code block (`lst-cap`, MyST `:caption:`). */
export const LISTING_COMPONENT = "Listing";
/** A numbered algorithm: a caption and its pseudo-code lines (LaTeX's algorithm float, read). */
export const ALGORITHM_COMPONENT = "Algorithm";

interface JsxNode {
  type: string;
  name?: string | null;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  position?: { start: { line: number } };
}

/** The string value of a JSX attribute, or undefined when absent or not a plain string. */
export function jsxAttribute(node: JsxNode, name: string): string | undefined {
  const attribute = node.attributes?.find((item) => item.type === "mdxJsxAttribute" && item.name === name);
  return typeof attribute?.value === "string" ? attribute.value : undefined;
}

/** True for an MDX element (block or inline) with the given component name. */
export function isComponent(node: { type: string }, name: string): node is JsxNode {
  return (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") && (node as JsxNode).name === name;
}
