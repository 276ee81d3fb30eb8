import fs from "node:fs";
import path from "node:path";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { BuiltFiles, sitePathOf } from "../build/read-gate.ts";
import { PRINT_FONT_FAMILIES } from "../pdf/shipped-fonts.ts";
import { MEDIA_TYPES } from "./built-files.ts";
import { findAll, findFirst, hasClass, rewrite } from "./epub/hast-tools.ts";
import { type LinkTargets, retargetHref, setHref } from "./epub/link-targets.ts";
import { parsedStyleText, styleElement, styleHashSource } from "./inline-styles.ts";

/** Options of {@link buildSingleFileHtml}. */
export interface SingleFileOptions {
  /** The built site (Astro's outDir). */
  distDir: string;
  /** Astro's `base`. */
  base: string;
  /** The site's public URL: links to pages the file does not hold lead there; undefined without SITE_URL. */
  site: string | undefined;
}

/** Thrown when the built site lacks a file the single-file edition needs. */
export class SingleFileError extends Error {}

// Only files the build wrote are embedded (the read gate's manifest): a path in the page that
// climbs out of the output folder, or names a symlink, finds nothing.
function siteFile(built: BuiltFiles, url: string, pageUrl: string, where: string): string {
  const file = built.fileOf(url, pageUrl);
  if (file === undefined) {
    throw new SingleFileError(
      `Single-file HTML: ${url} (${where}) is not a file the build wrote.\n  Fix: name images by paths relative to the section file (./images/chart.png) that stay inside the content folder, or build again.`,
    );
  }
  return file;
}

function dataUri(file: string): string {
  const type = MEDIA_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  return `data:${type};base64,${fs.readFileSync(file).toString("base64")}`;
}

function isLocal(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("//") && !url.startsWith("#");
}

/** The family of the project's math font (global.css's @font-face), which only MathML uses. */
export const MATH_FONT_FAMILY = "STIX Two Math";

/**
 * The stylesheet with the @font-face rules only of fonts the document can show on screen: a
 * self-contained file carries a font only where its text can use it. The math font goes when the
 * document has no math (the whole font is some 500 KB, which would make a report without math fifteen
 * times its size); the print fonts always go (the PDF is the printed edition; a printed single file
 * falls back to the reader's fonts).
 */
export function withoutUnusedFonts(css: string, hasMath: boolean): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, (rule) => {
    const family = /font-family:\s*["']?([^;"'}]+)/.exec(rule)?.[1]?.trim() ?? "";
    if (PRINT_FONT_FAMILIES.includes(family)) return "";
    return !hasMath && family === MATH_FONT_FAMILY ? "" : rule;
  });
}

// Fonts and images a stylesheet names travel inside it, so the file asks no host for them.
function inlineCssUrls(css: string, cssUrl: string, built: BuiltFiles): string {
  return css.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, _quote: string, url: string) => {
    if (!isLocal(url)) return whole;
    return `url("${dataUri(siteFile(built, url, cssUrl, cssUrl))}")`;
  });
}

// The hash alone, as singleFileCsp takes it: 'sha256-<hash>'.
const hashOf = (css: string): string => styleHashSource(css).slice("'sha256-".length, -1);

// A style's text exactly as written (textOf would fold its white space).
const rawText = (element: Element): string =>
  element.children.map((child) => (child.type === "text" ? child.value : "")).join("");

const mediaOf = (element: Element): string | undefined =>
  element.properties["media"] === undefined ? undefined : String(element.properties["media"]);

/** A stylesheet as a page that needs nothing else carries it: its text and the media it applies to. */
export interface SelfContainedStyle {
  css: string;
  media: string | undefined;
}

/**
 * A `<style>` or stylesheet `<link>` of the built page at `pageUrl` (read from `pageFile`) as a
 * style that needs nothing else: a link's file read (only a file the build wrote), the fonts and
 * images its rules name inlined as data URIs. Undefined for any other element.
 */
export function selfContainedStyle(
  element: Element,
  built: BuiltFiles,
  pageUrl: string,
  pageFile: string,
  hasMath: boolean,
): SelfContainedStyle | undefined {
  // A style the site's page already carries inside it: its text is kept.
  if (element.tagName === "style") {
    const css = withoutUnusedFonts(rawText(element), hasMath);
    return { css: parsedStyleText(inlineCssUrls(css, pageUrl, built)), media: mediaOf(element) };
  }
  const rel = element.properties["rel"];
  if (element.tagName !== "link" || !Array.isArray(rel) || !rel.map(String).includes("stylesheet")) return undefined;
  const href = String(element.properties["href"] ?? "");
  const cssFile = siteFile(built, href, pageUrl, `a stylesheet of ${pageFile}`);
  const cssUrl = sitePathOf(href, pageUrl) ?? pageUrl;
  return {
    css: parsedStyleText(inlineCssUrls(withoutUnusedFonts(fs.readFileSync(cssFile, "utf8"), hasMath), cssUrl, built)),
    media: mediaOf(element),
  };
}

/** The Content-Security-Policy of the file: nothing from anywhere, its own styles by hash. */
export function singleFileCsp(styleHashes: string[]): string {
  const styles = styleHashes.map((hash) => `'sha256-${hash}'`).join(" ");
  return `default-src 'none'; style-src ${styles}; img-src data:; font-src data:; script-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'`;
}

/**
 * Makes the whole report one HTML file that works from a disk or a course site: the built
 * `/report/` page with its stylesheets (screen, dark and print) inlined and allowed by hash in the
 * CSP, images as data URIs, links to other sections as in-page anchors and other site links as
 * absolute links to the site. Throws {@link SingleFileError} when a file it needs is missing.
 */
export function buildSingleFileHtml({ distDir, base, site }: SingleFileOptions): string {
  const pageFile = path.join(distDir, "report", "index.html");
  if (!fs.existsSync(pageFile)) throw new SingleFileError(`${pageFile} is missing; build the site first.`);
  const tree: Root = fromHtml(fs.readFileSync(pageFile, "utf8"));
  const built = new BuiltFiles(distDir, base);
  const pageUrl = `${base}report/`;
  const head = findFirst(tree, (element) => element.tagName === "head");
  if (!head) throw new SingleFileError(`${pageFile} has no head`);

  const styleHashes: string[] = [];
  const hasMath = findFirst(tree, (element) => element.tagName === "math") !== undefined;
  rewrite(head, (element): Element | null => {
    const rel = element.properties["rel"];
    const rels = Array.isArray(rel) ? rel.map(String) : [];
    // Every style of the page, inside it and allowed by hash.
    const style = selfContainedStyle(element, built, pageUrl, pageFile, hasMath);
    if (style) {
      styleHashes.push(hashOf(style.css));
      return styleElement(style.css, style.media, pageFile);
    }
    if (element.tagName !== "link") return element;
    if (rels.includes("sitemap")) return null;
    return element;
  });
  for (const meta of findAll(head, (element) => element.tagName === "meta")) {
    if (String(meta.properties["httpEquiv"] ?? "").toLowerCase() === "content-security-policy") {
      meta.properties["content"] = singleFileCsp(styleHashes);
    }
  }

  const body = findFirst(tree, (element) => element.tagName === "body");
  if (!body) throw new SingleFileError(`${pageFile} has no body`);
  const ids = findAll(body, (element) => typeof element.properties["id"] === "string").map((element) =>
    String(element.properties["id"]),
  );
  const targetOfPath = new Map<string, string>([
    ["report/", "#main"],
    ["references/", "#references"],
  ]);
  for (const section of findAll(body, (element) => hasClass(element, "report-section"))) {
    const id = String(section.properties["ariaLabelledBy"] ?? "");
    if (id && id !== "references") targetOfPath.set(`sections/${id}/`, `#${id}`);
  }
  const targets: LinkTargets = {
    base,
    siteOrigin: site === undefined ? undefined : new URL(site).origin,
    fileOfId: new Map(ids.map((id) => [id, ""])),
    targetOfPath,
    currentFile: "",
  };
  rewrite(body, (element): Element | null => {
    // The site's navigation leads to pages this file does not hold; its own contents list stays.
    if (element.tagName === "nav" && element.properties["ariaLabel"] === "Site") return null;
    const { properties } = element;
    if (element.tagName === "a" && typeof properties["href"] === "string") {
      setHref(element, retargetHref(properties["href"], targets));
    }
    if (element.tagName === "source" && properties["srcSet"] !== undefined) return null;
    if (element.tagName === "img") {
      const src = String(properties["src"] ?? "");
      if (isLocal(src)) properties["src"] = dataUri(siteFile(built, src, pageUrl, "an image of the report"));
      delete properties["srcSet"];
      delete properties["sizes"];
    }
    return element;
  });
  return toHtml(tree, { upperDoctype: true });
}
