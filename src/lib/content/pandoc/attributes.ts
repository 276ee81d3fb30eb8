/**
 * Pandoc's attribute blocks, as Pandoc, Quarto and pandoc-crossref write them after a heading, an
 * image, a display equation, a table caption, a fenced div or a code fence:
 * `{#sec-intro .unnumbered width=60% fig-alt="A chart"}`.
 */

/** An attribute block read: its identifier, classes and key-value pairs, in the order written. */
export interface PandocAttributes {
  id: string | undefined;
  classes: string[];
  values: Map<string, string>;
}

const IDENTIFIER = /^#([\p{L}\p{N}_][\p{L}\p{N}_:.-]*)/u;
const CLASS = /^\.([\p{L}\p{N}_-][\p{L}\p{N}_:.-]*)/u;
const PAIR = /^([\p{L}\p{N}_][\p{L}\p{N}_:.-]*)=(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s"'}]+))/u;

/**
 * An attribute block that names an event handler (`{onclick="..."}`): Pandoc would write it into
 * its HTML, where it is code. Content is data, so it is refused, as the content policy refuses
 * `onclick` in HTML; the reader of the file (which knows its name) turns it into a content error.
 */
export class EventHandlerAttributeError extends Error {
  readonly attribute: string;
  /** The pair as written (`onclick="alert(1)"`), to find its line. */
  readonly written: string;
  constructor(attribute: string, written: string) {
    super(`the attribute ${attribute} is an event handler`);
    this.name = "EventHandlerAttributeError";
    this.attribute = attribute;
    this.written = written;
  }
}

/** Reads the part an attribute block starts with into `attributes`; its length, or undefined. */
function readPart(text: string, attributes: PandocAttributes): number | undefined {
  const identifier = IDENTIFIER.exec(text);
  if (identifier) {
    if (attributes.id !== undefined) return undefined;
    attributes.id = identifier[1];
    return identifier[0].length;
  }
  const name = CLASS.exec(text);
  if (name) {
    attributes.classes.push(name[1] ?? "");
    return name[0].length;
  }
  const pair = PAIR.exec(text);
  if (pair) {
    if (/^on/i.test(pair[1] ?? "")) throw new EventHandlerAttributeError(pair[1] ?? "", pair[0]);
    const value = pair[2] ?? pair[3] ?? pair[4] ?? "";
    attributes.values.set(pair[1] ?? "", value.replace(/\\(.)/g, "$1"));
    return pair[0].length;
  }
  if (/^-(?=\s|$)/.test(text)) {
    attributes.classes.push("unnumbered");
    return 1;
  }
  return undefined;
}

/**
 * Reads the inside of an attribute block (the text between `{` and `}`), or undefined when it is
 * not one (so that `{braces}` in text stay text). `-` is Pandoc's short form of `.unnumbered`.
 */
export function parseAttributes(inside: string): PandocAttributes | undefined {
  const attributes: PandocAttributes = { id: undefined, classes: [], values: new Map() };
  let rest = inside.trim();
  if (rest === "") return undefined;
  while (rest !== "") {
    const length = readPart(rest, attributes);
    if (length === undefined) return undefined;
    rest = rest.slice(length);
    if (rest !== "" && !/^\s/.test(rest)) return undefined;
    rest = rest.trimStart();
  }
  return attributes;
}

/** An attribute block at the end of a text: the text before it and the attributes. */
export interface TrailingAttributes {
  before: string;
  attributes: PandocAttributes;
  /** Length of the block as written, spaces before it included. */
  length: number;
}

/** Finds an attribute block that ends a text (`Title {#sec-x}`), or undefined. */
export function trailingAttributes(text: string): TrailingAttributes | undefined {
  const match = /\s*\{([^{}]*)\}\s*$/.exec(text);
  if (!match) return undefined;
  const attributes = parseAttributes(match[1] ?? "");
  if (!attributes) return undefined;
  return { before: text.slice(0, match.index), attributes, length: match[0].length };
}

/** An attribute block that starts a text (`{#fig-x width=50%} and more`), or undefined. */
export function leadingAttributes(text: string): { attributes: PandocAttributes; length: number } | undefined {
  const match = /^\{([^{}]*)\}/.exec(text);
  if (!match) return undefined;
  const attributes = parseAttributes(match[1] ?? "");
  return attributes ? { attributes, length: match[0].length } : undefined;
}
