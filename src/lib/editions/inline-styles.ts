import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { BuiltFiles } from "../build/read-gate.ts";
import { builtPagePaths } from "./built-files.ts";
import { findAll, findFirst } from "./epub/hast-tools.ts";
import { writeAtomically } from "./write-atomically.ts";

/**
 * A page's stylesheets inside the page: one request per page, as a bare Pandoc page makes, so the
 * first paint waits for no second file. The site and the single-file edition share these helpers.
 */

/**
 * A stylesheet's text as an HTML parser will read it inside `<style>` (line breaks as "\n", NUL as
 * U+FFFD): the browser hashes that text, so the hash must be of it.
 */
export function parsedStyleText(css: string): string {
  return css.replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD");
}

/** The CSP source that allows one `<style>` element's text: `'sha256-…'`. */
export function styleHashSource(css: string): string {
  return `'sha256-${createHash("sha256").update(css).digest("base64")}'`;
}

/**
 * A `<style>` element holding a stylesheet's text (with the link's `media`, if it had one). Throws
 * when the text holds `</style`, which would end the element early.
 */
export function styleElement(css: string, media: string | undefined, origin: string): Element {
  if (/<\/style/i.test(css)) {
    throw new Error(
      `${origin}: the stylesheet holds "</style", so it cannot be written inside the page.\n  Fix: write that text as "\\3C/style" in the CSS.`,
    );
  }
  return {
    type: "element",
    tagName: "style",
    properties: media ? { media } : {},
    children: [{ type: "text", value: css }],
  };
}

/**
 * A Content-Security-Policy with its `style-src` replaced by the given sources (sorted and without
 * repeats, so that every page states a set the same way); the other directives keep their order.
 */
export function withStyleSources(policy: string, sources: Iterable<string>): string {
  const styleSrc = `style-src ${[...new Set(sources)].sort().join(" ")}`;
  const directives = policy
    .split(";")
    .map((directive) => directive.trim())
    .filter(Boolean);
  const at = directives.findIndex((directive) => /^style-src\b/i.test(directive));
  if (at === -1) throw new Error(`The Content-Security-Policy "${policy}" has no style-src to replace.`);
  directives[at] = styleSrc;
  return directives.join("; ");
}

const isStylesheetLink = (element: Element): boolean =>
  element.tagName === "link" &&
  Array.isArray(element.properties["rel"]) &&
  element.properties["rel"].map(String).includes("stylesheet");

const isPolicyMeta = (element: Element): boolean =>
  element.tagName === "meta" &&
  String(element.properties["httpEquiv"] ?? "").toLowerCase() === "content-security-policy";

/** A built page with its stylesheets inside it. */
export interface InlinedPage {
  /** The page's HTML. */
  html: string;
  /** The CSP sources of its `<style>` elements. */
  styleSources: string[];
}

/**
 * Writes each stylesheet link of a page's head as a `<style>` with the file's text, in the link's
 * place (so the cascade's order stays), and sets its CSP's `style-src` to those styles' hashes.
 * Only the head is parsed and rewritten; the body's bytes stay as they were.
 * @param readStylesheet the text of a stylesheet by its `href` as written in the page
 * @param origin names the page in errors
 */
export function inlinePageStyles(html: string, readStylesheet: (href: string) => string, origin: string): InlinedPage {
  const headEnd = html.indexOf("</head>");
  if (headEnd === -1) throw new Error(`${origin}: no </head>, so its stylesheets cannot be written into it.`);
  // Parsed up to </head>: the offsets of the head's elements are offsets into the page.
  const tree = fromHtml(html.slice(0, headEnd));
  const head = findFirst(tree, (element) => element.tagName === "head");
  if (!head) throw new Error(`${origin}: no <head>.`);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const styleSources: string[] = [];
  const place = (element: Element, replacement: Element): void => {
    const start = element.position?.start.offset;
    const end = element.position?.end.offset;
    if (start === undefined || end === undefined) throw new Error(`${origin}: a <${element.tagName}> has no position.`);
    // Inside a double-quoted value only " and & need a reference: the policy's quotes stay as rendered.
    edits.push({ start, end, text: toHtml(replacement, { allowDangerousCharacters: true }) });
  };
  for (const link of findAll(head, isStylesheetLink)) {
    const href = String(link.properties["href"] ?? "");
    const media = link.properties["media"] === undefined ? undefined : String(link.properties["media"]);
    const css = parsedStyleText(readStylesheet(href));
    styleSources.push(styleHashSource(css));
    place(link, styleElement(css, media, `${origin}: ${href}`));
  }
  const metas = findAll(head, isPolicyMeta);
  for (const meta of metas) {
    const policy = withStyleSources(String(meta.properties["content"] ?? ""), styleSources);
    place(meta, { ...meta, properties: { ...meta.properties, content: policy }, children: [] });
  }
  let out = html;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return { html: out, styleSources };
}

/** What {@link inlineSiteStyles} did. */
export interface InlinedSite {
  /** Pages rewritten. */
  pages: number;
  /** The CSP sources of every page's styles, the set the hosts' header policy allows. */
  styleSources: string[];
}

/**
 * Writes every built page's stylesheets into the page ({@link inlinePageStyles}) and gives the hosts'
 * header policy (`_headers`, when the site has one) the union of the pages' style hashes: a header
 * and a meta policy both apply, so the header must allow what any page's meta allows.
 */
export function inlineSiteStyles({ distDir, base }: { distDir: string; base: string }): InlinedSite {
  const texts = new Map<string, string>();
  const all = new Set<string>();
  const built = new BuiltFiles(distDir, base);
  const pages = builtPagePaths(distDir);
  for (const pagePath of pages) {
    const file = path.join(distDir, pagePath.endsWith("/") ? `${pagePath}index.html` : pagePath);
    const pageUrl = `${base}${pagePath.slice(1)}`;
    // Only a stylesheet the build wrote is read (the read gate's manifest), never a path out of the output.
    const readStylesheet = (href: string): string => {
      const cssFile = built.fileOf(href, pageUrl);
      if (cssFile === undefined) {
        throw new Error(`${file}: its stylesheet ${href} is not a file the build wrote.\n  Fix: build again.`);
      }
      let text = texts.get(cssFile);
      if (text === undefined) {
        // Vite's end-of-file marker comment is of no use inside a page, which every byte weighs on.
        text = fs.readFileSync(cssFile, "utf8").replace(/\s*\/\*\$vite\$:\d+\*\/\s*$/, "");
        texts.set(cssFile, text);
      }
      return text;
    };
    const page = inlinePageStyles(fs.readFileSync(file, "utf8"), readStylesheet, file);
    for (const source of page.styleSources) all.add(source);
    writeAtomically(file, page.html);
  }
  const styleSources = [...all].sort();
  const headersFile = path.join(distDir, "_headers");
  if (fs.existsSync(headersFile)) {
    const headers = fs.readFileSync(headersFile, "utf8");
    const updated = headers.replace(
      /^(\s*Content-Security-Policy:\s*)(.+)$/gm,
      (_line, name: string, policy: string) => `${name}${withStyleSources(policy, styleSources)}`,
    );
    fs.writeFileSync(headersFile, updated);
  }
  return { pages: pages.length, styleSources };
}
