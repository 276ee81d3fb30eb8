import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { zipSync } from "fflate";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import sharp from "sharp";
import { BuiltFiles } from "../../build/read-gate.ts";
import type { ReportMetadata } from "../../content/schemas/report.ts";
import { formatByline } from "../../metadata/byline.ts";
import { MEDIA_TYPES, reportPagePathname } from "../built-files.ts";
import { findAll, rewrite, textOf } from "./hast-tools.ts";
import { type LinkTargets, retargetHref, setHref } from "./link-targets.ts";
import {
  CONTAINER_XML,
  type ContentFeatures,
  type EpubMetadata,
  type Landmark,
  type ManifestItem,
  navigationDocument,
  packageDocument,
  stableIdentifier,
  type TocEntry,
  xhtmlDocument,
} from "./package-document.ts";
import { fitTablesForReader, readerTableCss } from "./reader-tables.ts";
import { EPUB_CSS, EPUB_MATH_CSS, EPUB_MATH_FONT } from "./report-css.ts";
import { adaptForReader, idsOf, type ReportPart, readerSafeIds, splitReportPage } from "./report-parts.ts";
import { toXhtml } from "./xhtml.ts";

/** Options of {@link buildEpub}. */
const require = createRequire(import.meta.url);

/** The project's math font (STIX Two Math, OFL), read from its npm package: the whole font, MATH table included. */
function mathFont(): Uint8Array {
  return fs.readFileSync(require.resolve("@fontsource/stix-two-math/files/stix-two-math-latin-400-normal.woff2"));
}

export interface EpubOptions {
  /** The built site (Astro's outDir). */
  distDir: string;
  /** Astro's `base`. */
  base: string;
  /** The site's public URL, for links to pages the EPUB does not hold; undefined without SITE_URL. */
  site: string | undefined;
  report: ReportMetadata;
  /** The build's time (dcterms:modified). */
  modified: Date;
}

/** An EPUB made in memory, with what it holds. */
export interface BuiltEpub {
  bytes: Uint8Array;
  /** Paths inside the EPUB, in the order they are zipped. */
  files: string[];
  features: ContentFeatures;
}

/** Thrown when the built site lacks a file the EPUB needs (say, an image the page names). */
export class EpubBuildError extends Error {}

// Fonts are no images: an <img> naming one is refused.
const IMAGE_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(MEDIA_TYPES).filter(([, type]) => type.startsWith("image/")),
);

// Raster core media types of EPUB 3.2 (what EPUBCheck 4 and older readers accept); others become PNG.
const CORE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif"]);

function readPage(distDir: string, page: string): Root | undefined {
  const file = path.join(distDir, page, "index.html");
  return fs.existsSync(file) ? fromHtml(fs.readFileSync(file, "utf8")) : undefined;
}

const HEADING_SHIFT: Record<ReportPart["kind"], number> = { cover: 0, section: -1, timeline: 0, references: -1 };
const BODY_TYPE: Record<ReportPart["kind"], string> = {
  cover: "frontmatter",
  section: "bodymatter",
  timeline: "bodymatter",
  references: "backmatter",
};

function decorate(part: ReportPart): void {
  const { properties } = part.content;
  if (part.kind === "section") Object.assign(properties, { "epub:type": "chapter", role: "doc-chapter" });
  if (part.kind === "references") Object.assign(properties, { "epub:type": "bibliography", role: "doc-bibliography" });
  if (part.kind === "cover") properties["epub:type"] = "titlepage";
}

function subheadings(part: ReportPart): TocEntry[] {
  return findAll(
    part.content,
    (element) => element.tagName === "h2" && typeof element.properties["id"] === "string",
  ).map((heading) => ({
    title: textOf(heading),
    href: `${part.file}#${String(heading.properties["id"])}`,
    children: [],
  }));
}

/**
 * Makes the EPUB 3 of the report from the built site: the `/report/` page split into one XHTML
 * document per part, the timeline page's list, the images the pages use, a navigation document
 * and the accessibility metadata. Throws {@link EpubBuildError} when a file it needs is missing.
 */
export async function buildEpub({ distDir, base, site, report, modified }: EpubOptions): Promise<BuiltEpub> {
  const reportPage = readPage(distDir, "report");
  if (!reportPage)
    throw new EpubBuildError(`${path.join(distDir, "report", "index.html")} is missing; build the site first.`);
  const parts = splitReportPage(reportPage, readPage(distDir, "timeline"));
  const tableWidths = new Set<number | "always">();
  for (const part of parts) {
    adaptForReader(part.content, HEADING_SHIFT[part.kind]);
    decorate(part);
    for (const width of fitTablesForReader(part.content)) tableWidths.add(width);
  }

  const fileOfId = new Map<string, string>();
  for (const part of parts) for (const id of idsOf(part.content)) if (!fileOfId.has(id)) fileOfId.set(id, part.file);
  const renamedIds = readerSafeIds(parts.map((part) => part.content));
  const targetOfPath = new Map<string, string>([
    ["", "cover.xhtml"],
    ["report/", "cover.xhtml"],
  ]);
  for (const part of parts) {
    if (part.kind === "section") targetOfPath.set(`sections/${part.file.replace(/\.xhtml$/, "")}/`, part.file);
    if (part.kind === "references" || part.kind === "timeline") targetOfPath.set(`${part.kind}/`, part.file);
  }
  const siteOrigin = site === undefined ? undefined : new URL(site).origin;

  const images = new Map<string, PackedImage>();
  const built = new BuiltFiles(distDir, base);
  const features: ContentFeatures = {
    images: false,
    math: false,
    footnotes: false,
    timeline: parts.some((part) => part.kind === "timeline"),
  };
  const documents: { part: ReportPart; xhtml: string; properties: string[] }[] = [];
  for (const part of parts) {
    const targets: LinkTargets = { base, siteOrigin, fileOfId, targetOfPath, currentFile: part.file, renamedIds };
    rewrite(part.content, (element) => {
      const href = element.properties["href"];
      if (element.tagName === "a" && typeof href === "string") setHref(element, retargetHref(href, targets));
      if (element.tagName === "img") element.properties["src"] = packImage(element, part, images, built, base);
      return element;
    });
    const has = (tag: string): boolean => findAll(part.content, (element) => element.tagName === tag).length > 0;
    const properties = [...(has("svg") ? ["svg"] : []), ...(has("math") ? ["mathml"] : [])];
    features.images ||= has("img") || has("svg");
    features.math ||= has("math");
    features.footnotes ||=
      findAll(part.content, (element) => element.properties["epub:type"] === "footnote").length > 0;
    const body = `<main>${toXhtml(part.content)}</main>`;
    const title = part.kind === "cover" ? report.title : `${part.title} · ${report.title}`;
    documents.push({
      part,
      xhtml: xhtmlDocument({ language: report.language, title, bodyType: BODY_TYPE[part.kind], body }),
      properties,
    });
  }

  for (const image of images.values()) await toCoreFormat(image);

  const toc: TocEntry[] = parts.map((part) => ({
    title: part.title,
    href: part.file,
    children: part.kind === "section" ? subheadings(part) : [],
  }));
  const firstSection = parts.find((part) => part.kind === "section");
  const referencesPart = parts.find((part) => part.kind === "references");
  const landmarks: Landmark[] = [
    { type: "titlepage", title: "Title page", href: "cover.xhtml" },
    { type: "toc", title: "Contents", href: "nav.xhtml#toc" },
    ...(firstSection ? [{ type: "bodymatter", title: "Start of the report", href: firstSection.file }] : []),
    ...(referencesPart ? [{ type: "bibliography", title: referencesPart.title, href: referencesPart.file }] : []),
  ];
  const nav = navigationDocument({ language: report.language, title: `Contents · ${report.title}`, toc, landmarks });

  const items: ManifestItem[] = [
    { id: "cover", href: "cover.xhtml", mediaType: "application/xhtml+xml", spine: true },
    { id: "nav", href: "nav.xhtml", mediaType: "application/xhtml+xml", properties: "nav", spine: true },
    ...documents
      .filter((document) => document.part.kind !== "cover")
      .map((document, index) => ({
        id: `part-${index + 1}`,
        href: document.part.file,
        mediaType: "application/xhtml+xml",
        spine: true,
        ...(document.properties.length > 0 ? { properties: document.properties.join(" ") } : {}),
      })),
    { id: "css", href: "report.css", mediaType: "text/css" },
    ...(features.math ? [{ id: "math-font", href: EPUB_MATH_FONT, mediaType: "font/woff2" }] : []),
    ...[...images.values()].map((image, index) => ({
      id: `image-${index + 1}`,
      href: image.href,
      mediaType: image.mediaType,
    })),
  ];
  const coverDocument = documents.find((document) => document.part.kind === "cover");
  if (coverDocument && coverDocument.properties.length > 0)
    (items[0] as ManifestItem).properties = coverDocument.properties.join(" ");

  const byline = formatByline(report.authors, report.language);
  const metadata: EpubMetadata = {
    // Stable across builds: from where the report lives, or from its name alone when that is not known.
    identifier: stableIdentifier(
      site === undefined ? `report:${report.pdfName}` : `${new URL(base, site).href}${report.pdfName}`,
    ),
    title: report.title,
    language: report.language,
    date: report.published.toISOString().slice(0, 10),
    creators: byline ? report.authors.map((author) => [author.given, author.family].filter(Boolean).join(" ")) : [],
    description: report.summary,
    subjects: report.keywords,
    rights: report.license,
    modified,
  };

  const encoder = new TextEncoder();
  const entries: [string, Uint8Array][] = [
    ["META-INF/container.xml", encoder.encode(CONTAINER_XML)],
    ["EPUB/content.opf", encoder.encode(packageDocument(metadata, features, items))],
    ["EPUB/nav.xhtml", encoder.encode(nav)],
    ...documents.map((document): [string, Uint8Array] => [
      `EPUB/${document.part.file}`,
      encoder.encode(document.xhtml),
    ]),
    [
      "EPUB/report.css",
      encoder.encode(`${EPUB_CSS}${readerTableCss(tableWidths)}${features.math ? EPUB_MATH_CSS : ""}`),
    ],
    ...(features.math ? [[`EPUB/${EPUB_MATH_FONT}`, mathFont()] as [string, Uint8Array]] : []),
    ...[...images.values()].map((image): [string, Uint8Array] => [`EPUB/${image.href}`, image.bytes]),
  ];
  // OCF: "mimetype" first and stored, so a reader can identify the file from its first bytes.
  const zipped: Record<string, [Uint8Array, { level: 0 | 9; mtime: Date }]> = {
    mimetype: [encoder.encode("application/epub+zip"), { level: 0, mtime: modified }],
  };
  for (const [name, bytes] of entries) zipped[name] = [bytes, { level: 9, mtime: modified }];
  return { bytes: zipSync(zipped), files: Object.keys(zipped), features };
}

/** An image carried inside the EPUB. */
interface PackedImage {
  href: string;
  mediaType: string;
  bytes: Uint8Array;
}

// WebP and AVIF (what Astro makes of a content image) are not EPUB 3.2 core media types, and an
// SVG from a drawing tool often holds what EPUB forbids (a DOCTYPE with external entities, HTML in
// foreignObject): as PNG (SVG drawn at twice its size), every reading system shows them. Sharp is
// the image library Astro itself uses.
async function toCoreFormat(image: PackedImage): Promise<void> {
  if (CORE_IMAGE_TYPES.has(image.mediaType)) return;
  const density = image.mediaType === "image/svg+xml" ? { density: 192 } : {};
  image.bytes = await sharp(image.bytes, density).png().toBuffer();
  image.mediaType = "image/png";
}

function packImage(
  image: Element,
  part: ReportPart,
  images: Map<string, PackedImage>,
  built: BuiltFiles,
  base: string,
): string {
  const src = String(image.properties["src"] ?? "");
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith("data:")) {
    throw new EpubBuildError(
      `EPUB: the image ${src} in "${part.title}" is on another host; an EPUB must carry its images.\n  Fix: put the image in the content folder and reference it by a relative path.`,
    );
  }
  if (src.startsWith("data:")) return src;
  const pathname = reportPagePathname(base, src);
  const known = images.get(pathname);
  if (known) return known.href;
  // Only a file the build wrote (the read gate's manifest), never a path joined from the page.
  const file = built.fileOf(src, `${base}report/`);
  const mediaType = file === undefined ? undefined : IMAGE_TYPES[path.extname(file).toLowerCase()];
  if (file === undefined || !mediaType) {
    throw new EpubBuildError(
      `EPUB: the image ${src} in "${part.title}" ${file !== undefined ? "has a format EPUB readers do not support" : "is not a file the build wrote"}.\n  Fix: use a PNG, JPEG, GIF, WebP, AVIF or SVG image that exists in the content folder, named by a path relative to the section file.`,
    );
  }
  const name = CORE_IMAGE_TYPES.has(mediaType) ? path.basename(file) : `${path.basename(file, path.extname(file))}.png`;
  const href = `images/${images.size + 1}-${name}`;
  images.set(pathname, { href, mediaType, bytes: fs.readFileSync(file) });
  return href;
}
