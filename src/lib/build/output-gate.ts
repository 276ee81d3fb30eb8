/**
 * THE final gate, the net under all the others: after every build, every HTML, XHTML and SVG file
 * the build wrote (the site, the single file, the EPUB's documents) is read back and checked
 * against the site's policy. No script but JSON-LD data, no event handler, no javascript:/data:
 * navigation, nothing loaded from another host, no inline style the Content-Security-Policy does
 * not allow by hash, and on every HTML page that policy itself.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import type { Element, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toString as hastToString } from "hast-util-to-string";
import { gateCodeHash, openPassedDocuments } from "./passed-documents.ts";
import { ALLOWED_LINK_SCHEMES, classifyUrl } from "./url-gate.ts";

/** One breach of the output policy: the file (an EPUB's document as `book.epub/OEBPS/x.xhtml`) and what is wrong. */
export interface OutputViolation {
  file: string;
  problem: string;
  /** The offending text as the output holds it (a URL, a handler's code), to find it in the content. */
  evidence?: string | undefined;
  /** The content file and line the offending text came from, when {@link locateInContent} finds it. */
  source?: { file: string; line: number } | undefined;
}

/** What kind of document a file is: what it may load and whether it must carry a CSP. */
export type DocumentKind = "page" | "single-file" | "epub-document" | "svg";

/** Elements that load or run something outside the document's own text, refused in any output. */
const FORBIDDEN_ELEMENTS = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"]);

/** Attributes a reader follows: javascript:, data: and every scheme but the allowed ones are refused. */
const NAVIGATION = new Set(["href", "action", "formAction", "xLinkHref", "cite", "longDesc"]);

/** A base64 raster image inlined as a data: URL (PNG, JPEG, GIF, WebP or AVIF; never SVG). */
const RASTER_DATA_URL = /^\s*data:image\/(?:png|jpeg|jpg|gif|webp|avif);base64,[A-Za-z0-9+/=\s]*$/i;

/** Attributes the browser loads as the document opens: the site's own files only (data: where allowed). */
const LOADED = new Set(["src", "srcSet", "poster", "data", "background", "xLinkHref", "href"]);

/** Elements whose `href` (or SVG `xlink:href`) loads rather than navigates; on `<a>` it navigates. */
const LOADING_HREF = new Set(["link", "use", "image", "feImage"]);

/**
 * Link types (HTML's `rel`) that name a page rather than fetch it: a `<link>` whose every type is one
 * of these (`rel="canonical"`, `rel="license"`) is a hyperlink, checked as a navigation; any other
 * type (`stylesheet`, `icon`, `preload`, or one unknown) counts as a load.
 */
const HYPERLINK_RELS = new Set([
  "alternate",
  "author",
  "bookmark",
  "canonical",
  "cite-as",
  "describedby",
  "help",
  "license",
  "me",
  "next",
  "prev",
  "privacy-policy",
  "search",
  "terms-of-service",
]);

/** True for a `<link>` that only names another page (see {@link HYPERLINK_RELS}). */
function isHyperlinkOnly(element: Element): boolean {
  const rel = element.properties["rel"];
  const types = (Array.isArray(rel) ? rel.map(String) : String(rel ?? "").split(/\s+/))
    .map((type) => type.toLowerCase())
    .filter((type) => type !== "");
  return types.length > 0 && types.every((type) => HYPERLINK_RELS.has(type));
}

function walk(node: Root | RootContent, visit: (element: Element) => void): void {
  if (node.type === "element") visit(node);
  if ("children" in node) for (const child of node.children) walk(child, visit);
}

function urlsOf(property: string, value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(property === "srcSet" ? ", " : " ") : String(value);
  if (property !== "srcSet") return [text];
  return text
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter((url) => url !== "");
}

function cspOf(tree: Root): string | undefined {
  let csp: string | undefined;
  walk(tree, (element) => {
    if (
      element.tagName === "meta" &&
      String(element.properties["httpEquiv"] ?? "").toLowerCase() === "content-security-policy"
    ) {
      csp = String(element.properties["content"] ?? "");
    }
  });
  return csp;
}

/** The style hashes a CSP allows (`'sha256-…'` in style-src). */
function styleHashes(csp: string | undefined): Set<string> {
  const directive = (csp ?? "").split(";").find((part) => part.trim().startsWith("style-src")) ?? "";
  return new Set([...directive.matchAll(/'sha256-([^']+)'/g)].map((match) => match[1] ?? ""));
}

/**
 * What a stylesheet loads from elsewhere: an @import, or a url() on another host or scheme (data:
 * aside). Strings are read as strings, so a title in a CSS string is never taken for a rule.
 */
export function cssLoadProblems(css: string): string[] {
  const problems: string[] = [];
  const strings: string[] = [];
  const code = css.replace(/"(?:\\[\s\S]|[^"\\])*"|'(?:\\[\s\S]|[^'\\])*'/g, (literal) => {
    strings.push(literal.slice(1, -1));
    return `"${strings.length - 1}"`;
  });
  if (/@import/i.test(code)) problems.push("imports another stylesheet (@import)");
  for (const match of code.matchAll(/url\(\s*(?:"(\d+)"|([^)\s]*))\s*\)/gi)) {
    const url = match[1] !== undefined ? (strings[Number(match[1])] ?? "") : (match[2] ?? "");
    const target = classifyUrl(url);
    if (target.kind === "remote" || (target.kind === "scheme" && target.scheme !== "data")) {
      problems.push(`loads ${url.slice(0, 60)} from another host or scheme (url())`);
    }
  }
  return problems;
}

/**
 * What an SVG must not hold beyond what every document must not: an SVG may be served as a document
 * of its own (hosts that ignore the site's headers), so it runs, loads and submits nothing.
 * `foreignObject` is allowed (draw.io writes its labels as HTML in one) and its content is checked
 * like everything else; the elements that act (SVG 1.2's handlers, HTML's forms) are not.
 */
const FORBIDDEN_IN_SVG = new Set(["handler", "listener", "form", "input", "button", "textarea", "select"]);

/** SVG's animation elements, which can set any attribute of another element (an href among them). */
const SVG_ANIMATION = new Set(["animate", "set", "animateMotion", "animateTransform", "animateColor"]);

/** Every `url(...)` target in CSS or an attribute value (`fill="url(#g)"`, `style="…url(x)…"`). */
function cssUrls(text: string): string[] {
  return [...text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/gi)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? "",
  );
}

/**
 * The SVG-only rules: no DOCTYPE internal subset or entity (expansion bombs, outside entities), no
 * xml-stylesheet instruction, no xml:base; a reference from one element to another (`<use href>`,
 * `<image href>`, `fill="url(...)"`, a `url()` in its styles) stays inside the drawing (`#id`),
 * bar an inlined raster image; no animation that sets a link or a handler.
 */
function svgProblems(text: string, tree: Root): Array<[problem: string, evidence?: string]> {
  const problems: Array<[problem: string, evidence?: string]> = [];
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>[]*\[/i.test(text)) {
    problems.push(["a DOCTYPE with its own declarations or entities, which an XML reader expands.", "<!ENTITY"]);
  }
  if (/<\?xml-stylesheet/i.test(text)) {
    problems.push(["an <?xml-stylesheet?> instruction, which loads a stylesheet.", "<?xml-stylesheet"]);
  }
  walk(tree, (element) => {
    const tag = element.tagName;
    if (FORBIDDEN_IN_SVG.has(tag.toLowerCase()))
      problems.push([`a <${tag}> element, which acts on its own.`, `<${tag}`]);
    if (SVG_ANIMATION.has(tag)) {
      const target = String(element.properties["attributeName"] ?? "").toLowerCase();
      if (/^(?:xlink:)?href$|^on/.test(target)) {
        problems.push([`an <${tag}> that sets ${target}, which would make a link or a handler of anything.`, target]);
      }
    }
    if (tag === "style") {
      for (const url of cssUrls(hastToString(element))) {
        if (!url.trim().startsWith("#"))
          problems.push([`a <style> element that refers to ${url.slice(0, 60)} (url()).`, url]);
      }
    }
    for (const [property, value] of Object.entries(element.properties)) {
      if (value === undefined || value === null || value === false) continue;
      const text = Array.isArray(value) ? value.join(" ") : String(value);
      if (property === "xmlBase")
        problems.push([`an xml:base on <${tag}>, which moves every reference elsewhere.`, text]);
      if ((property === "href" || property === "xLinkHref") && tag !== "a") {
        const inDrawing = text.trim().startsWith("#") || (tag === "image" && RASTER_DATA_URL.test(text));
        if (!inDrawing)
          problems.push([`<${tag} ${property}="${text.slice(0, 60)}">: refers outside the drawing.`, text]);
      }
      for (const url of cssUrls(text)) {
        if (!url.trim().startsWith("#")) {
          problems.push([
            `<${tag} ${property}="${text.slice(0, 60)}">: refers to ${url.slice(0, 60)} outside the drawing.`,
            url,
          ]);
        }
      }
    }
  });
  return problems;
}

/** Checks one document (HTML, XHTML or SVG text) against the output policy. */
export function checkDocument(text: string, file: string, kind: DocumentKind): OutputViolation[] {
  const violations: OutputViolation[] = [];
  const add = (problem: string, evidence?: string) => violations.push({ file, problem, evidence });
  const tree = fromHtml(text, kind === "svg" ? { fragment: true, space: "svg" } : {});
  const csp = cspOf(tree);
  if ((kind === "page" || kind === "single-file") && !/<meta\s+http-equiv="refresh"/i.test(text)) {
    if (csp === undefined) add("the page carries no Content-Security-Policy (a <meta http-equiv> in its head).");
    else if (!/script-src 'none'/.test(csp) || !/default-src 'none'/.test(csp)) {
      add(`the page's Content-Security-Policy allows more than the site's: ${csp}`);
    }
  }
  const hashes = styleHashes(csp);
  if (kind === "svg") for (const [problem, evidence] of svgProblems(text, tree)) add(problem, evidence);
  walk(tree, (element) => {
    const tag = element.tagName;
    if (tag === "script") {
      const type = String(element.properties["type"] ?? "");
      if (type !== "application/ld+json" || kind === "svg" || element.properties["src"] !== undefined) {
        const code = hastToString(element).trim().split("\n")[0];
        add(`a <script${type ? ` type="${type}"` : ""}> element: the output runs no script (JSON-LD data only).`, code);
      }
      return;
    }
    if (FORBIDDEN_ELEMENTS.has(tag)) {
      add(
        `a <${tag}> element, which loads or runs content from elsewhere.`,
        String(element.properties["src"] ?? `<${tag}`),
      );
    }
    if (tag === "meta" && String(element.properties["httpEquiv"] ?? "").toLowerCase() === "refresh") {
      add("a <meta http-equiv=refresh>, which sends readers elsewhere.");
    }
    if (tag === "style") {
      const css = hastToString(element);
      const hash = createHash("sha256").update(css).digest("base64");
      if (kind !== "svg" && kind !== "epub-document" && !hashes.has(hash)) {
        add("a <style> element the Content-Security-Policy does not allow by its hash.", css.trim().split("\n")[0]);
      }
      for (const problem of cssLoadProblems(css)) add(`a <style> element that ${problem}.`, css.trim().split("\n")[0]);
    }
    for (const [property, value] of Object.entries(element.properties)) {
      if (value === undefined || value === null || value === false) continue;
      if (/^on/i.test(property)) {
        add(`an event handler (${property} on <${tag}>), which would run script.`, String(value));
        continue;
      }
      // An SVG is shown as an image, where its own styles apply: only HTML pages answer to the CSP.
      if (property === "style" && kind !== "svg") {
        add(`an inline style attribute on <${tag}>, which the Content-Security-Policy blocks.`, String(value));
        continue;
      }
      const isLinkHref = property === "href" || property === "xLinkHref";
      const loads =
        LOADED.has(property) &&
        (!isLinkHref || (LOADING_HREF.has(tag) && !(tag === "link" && isHyperlinkOnly(element))));
      const navigates = NAVIGATION.has(property) && !loads;
      if (!loads && !navigates) continue;
      for (const url of urlsOf(property, value)) {
        const target = classifyUrl(url);
        if (target.kind === "invalid") add(`<${tag} ${property}="${url}">: ${target.reason}.`, url);
        else if (navigates && target.kind === "scheme" && !ALLOWED_LINK_SCHEMES.includes(target.scheme)) {
          add(`<${tag} ${property}="${url.slice(0, 60)}">: a link with the ${target.scheme}: scheme.`, url);
        } else if (loads && target.kind === "remote") {
          add(`<${tag} ${property}="${url}">: loads a file from another host.`, url);
        } else if (loads && target.kind === "scheme") {
          // A page may inline an image or font; an SVG only a raster image (PlantUML's and matplotlib's
          // icons and bitmaps): pixels hold no markup, while a nested SVG or a font is a document of its own.
          const dataImage =
            target.scheme === "data" &&
            (kind === "svg" ? RASTER_DATA_URL.test(url) : /^\s*data:(image|font)\//i.test(url));
          if (!dataImage) add(`<${tag} ${property}="${url.slice(0, 60)}">: loads a ${target.scheme}: URL.`, url);
        }
      }
    }
  });
  return violations;
}

function kindOf(name: string): DocumentKind | undefined {
  if (/\.svg$/i.test(name)) return "svg";
  if (/\.xhtml$/i.test(name)) return "epub-document";
  if (/\.html?$/i.test(name)) return "page";
  return undefined;
}

/**
 * Checks everything a build wrote into `distDir`: every HTML page (the single file among them),
 * every SVG, and every XHTML and SVG document inside every EPUB. With `cacheDir`, a document whose
 * bytes passed the same gate code in the last build is not parsed again (src/lib/build/passed-documents.ts).
 */
export function checkBuiltOutput(distDir: string, options: { cacheDir?: string | undefined } = {}): OutputViolation[] {
  const violations: OutputViolation[] = [];
  const passed = openPassedDocuments(options.cacheDir, options.cacheDir === undefined ? null : gateCodeHash());
  const check = (bytes: Uint8Array, name: string, kind: DocumentKind) => {
    if (passed.has(kind, bytes)) return;
    const found = checkDocument(Buffer.from(bytes).toString("utf8"), name, kind);
    if (found.length === 0) passed.add(kind, bytes);
    violations.push(...found);
  };
  for (const entry of fs.readdirSync(distDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(distDir, file);
    // Hidden folders are Astro's leftovers of prerendering, not part of the site.
    if (relative.split(path.sep).some((segment) => segment.startsWith("."))) continue;
    if (/\.epub$/i.test(entry.name)) {
      for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(file)))) {
        const kind = kindOf(name);
        if (kind) check(bytes, `${relative}/${name}`, kind);
      }
      continue;
    }
    const kind = kindOf(entry.name);
    if (kind) check(fs.readFileSync(file), relative, kind);
  }
  passed.save();
  return violations;
}

/** Content files worth searching for an offending text: the report's text, data and drawings. */
const CONTENT_TEXT = /\.(?:mdx?|ya?ml|bib|json|svg|html?|txt|csv)$/i;

/**
 * Finds where in the content each violation's offending text came from: the first content file
 * and line holding it as written. Best effort (the build may have rewritten the text on its way),
 * read only when a build has already failed. `limit` bounds the violations looked up.
 */
export function locateInContent(
  violations: readonly OutputViolation[],
  contentDir: string,
  limit = 20,
): OutputViolation[] {
  const wanted = violations.slice(0, limit).filter((violation) => (violation.evidence?.trim().length ?? 0) >= 4);
  if (wanted.length === 0 || !fs.existsSync(contentDir)) return [...violations];
  const found = new Map<string, { file: string; line: number }>();
  const files = fs
    .readdirSync(contentDir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && CONTENT_TEXT.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !path
          .relative(contentDir, file)
          .split(path.sep)
          .some((part) => part.startsWith(".")),
    )
    .sort();
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const violation of wanted) {
      const evidence = (violation.evidence ?? "").trim();
      if (found.has(evidence)) continue;
      const at = text.indexOf(evidence);
      if (at >= 0) found.set(evidence, { file, line: text.slice(0, at).split("\n").length });
    }
  }
  return violations.map((violation) => {
    const source = found.get((violation.evidence ?? "").trim());
    return source ? { ...violation, source } : violation;
  });
}

/** Thrown when the built output breaks the policy: names every file, what is wrong and, where found, the content line. */
export class OutputPolicyError extends Error {
  constructor(distDir: string, violations: readonly OutputViolation[]) {
    const shown = violations
      .slice(0, 20)
      .map(
        (violation) =>
          `  ${path.join(distDir, violation.file)}: ${violation.problem}${violation.source ? ` (from ${violation.source.file}:${violation.source.line})` : ""}`,
      );
    super(
      `the built output breaks the site's security policy (${violations.length} problem${violations.length === 1 ? "" : "s"}):\n${shown.join("\n")}${violations.length > 20 ? "\n  …" : ""}\n  Fix: this is a gap in the build's checks, not in your content alone: look at the content the named file was made from, and report the case (see "Security model" in the README).`,
    );
    this.name = "OutputPolicyError";
    this.stack = `${this.name}: ${this.message}`;
  }
}
