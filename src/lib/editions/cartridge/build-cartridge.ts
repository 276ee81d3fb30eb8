import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type ZipOptions, zipSync } from "fflate";
import type { ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import { BuiltFiles } from "../../build/read-gate.ts";
import { reportSectionId } from "../../content/heading-ids.ts";
import type { ReportMetadata } from "../../content/schemas/report.ts";
import { isoDate, readableDate } from "../../metadata/dates.ts";
import { pageTitle } from "../../metadata/page-head.ts";
import { MEDIA_TYPES } from "../built-files.ts";
import { findAll, findFirst, rewrite } from "../epub/hast-tools.ts";
import { type LinkTargets, retargetHref, setHref } from "../epub/link-targets.ts";
import { adaptForReader, type ReportPart, splitReportPage } from "../epub/report-parts.ts";
import { selfContainedStyle } from "../single-file-html.ts";
import { cartridgePage, type PageStyle } from "./cartridge-page.ts";
import {
  type CartridgeItem,
  type CartridgeResource,
  discussionTopicXml,
  manifestXml,
  webLinkXml,
} from "./cartridge-xml.ts";

/** A file the cartridge carries as it is (the PDF, the EPUB, the single file). */
export interface CartridgeDownload {
  /** The file in the built site. */
  file: string;
  /** How the course outline names it. */
  title: string;
}

/** What the cartridge needs to know of a section besides its text on the report page. */
export interface CartridgeSection {
  slug: string;
  questions: readonly string[];
}

/** Options of {@link buildCartridge}. */
export interface CartridgeOptions {
  /** The built site (Astro's outDir). */
  distDir: string;
  /** Astro's `base`. */
  base: string;
  /** The site's public URL: the cartridge links to it when known; undefined without SITE_URL. */
  site: string | undefined;
  report: ReportMetadata;
  /** The sections in reading order: each one's slug and discussion questions (`questions:` of its frontmatter). */
  sections: readonly CartridgeSection[];
  /** The take-away editions this build made, in the order the outline lists them. */
  downloads: readonly CartridgeDownload[];
}

/** A cartridge made in memory, with what it holds. */
export interface BuiltCartridge {
  bytes: Uint8Array;
  /** Paths inside the cartridge, in the order they are zipped. */
  files: string[];
  /** The manifest's text. */
  manifest: string;
}

/** Thrown when the built site lacks a file the cartridge needs. */
export class CartridgeBuildError extends Error {}

/** Folder of the web-content pages (and their images) inside the cartridge. */
export const PAGES_FOLDER = "pages";

const HEADING_SHIFT: Record<ReportPart["kind"], number> = { cover: 0, section: -1, timeline: 0, references: -1 };
// Formats that are compressed already: deflating them again costs time and saves nothing.
const STORED = /\.(pdf|epub|png|jpe?g|gif|webp|avif|woff2?)$/i;

function readPage(distDir: string, page: string): Root | undefined {
  const file = path.join(distDir, page, "index.html");
  return fs.existsSync(file) ? fromHtml(fs.readFileSync(file, "utf8")) : undefined;
}

/** A name-based identifier, the same for every build of the same report (an XML ID: a letter first). */
function stableIdentifier(site: string | undefined, base: string, report: ReportMetadata): string {
  const name = site === undefined ? `report:${report.pdfName}` : `${new URL(base, site).href}${report.pdfName}`;
  return `cartridge-${createHash("sha1").update(`imscc:${name}`).digest("hex").slice(0, 20)}`;
}

/** The styles of the built report page (inside it or linked), each made self-contained, in their order. */
function pageStyles(reportPage: Root, built: BuiltFiles, base: string, pageFile: string): PageStyle[] {
  const head = findFirst(reportPage, (element) => element.tagName === "head");
  const elements = head ? findAll(head, (element) => element.tagName === "style" || element.tagName === "link") : [];
  const hasMath = findFirst(reportPage, (element) => element.tagName === "math") !== undefined;
  return elements.flatMap((element) => selfContainedStyle(element, built, `${base}report/`, pageFile, hasMath) ?? []);
}

function colorSchemeOf(reportPage: Root): string | undefined {
  const meta = findFirst(
    reportPage,
    (element) => element.tagName === "meta" && element.properties["name"] === "color-scheme",
  );
  return meta ? String(meta.properties["content"] ?? "") || undefined : undefined;
}

/** The images of the pages: each built file packed once, under `pages/images/`. */
class ImageFolder {
  readonly files = new Map<string, { href: string; bytes: Uint8Array }>();
  readonly built: BuiltFiles;
  readonly pageUrl: string;
  // Plain fields, not parameter properties: Node runs this file by stripping types only.
  constructor(built: BuiltFiles, base: string) {
    this.built = built;
    this.pageUrl = `${base}report/`;
  }

  /** The image's path relative to the pages; throws when it is not an image the build wrote. */
  pack(src: string, partTitle: string): string {
    if (src.startsWith("data:")) return src;
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
      throw new CartridgeBuildError(
        `Course package: the image ${src} in "${partTitle}" is on another host; a cartridge must carry its images.\n  Fix: put the image in the content folder and reference it by a relative path.`,
      );
    }
    // Only a file the build wrote (the read gate's manifest), never a path joined from the page.
    const file = this.built.fileOf(src, this.pageUrl);
    const known = file === undefined ? undefined : this.files.get(file);
    if (known) return known.href;
    const type = file === undefined ? undefined : MEDIA_TYPES[path.extname(file).toLowerCase()];
    if (file === undefined || !type?.startsWith("image/")) {
      throw new CartridgeBuildError(
        `Course package: the image ${src} in "${partTitle}" ${file === undefined ? "is not a file the build wrote" : "is not an image browsers show"}.\n  Fix: use a PNG, JPEG, GIF, WebP, AVIF or SVG image that exists in the content folder, named by a path relative to the section file.`,
      );
    }
    const href = `images/${this.files.size + 1}-${path.basename(file)}`;
    this.files.set(file, { href, bytes: fs.readFileSync(file) });
    return href;
  }
}

function licenceSentence(report: ReportMetadata): ElementContent[] {
  if (!report.license) return [{ type: "text", value: "No license has been stated for this text." }];
  const name: ElementContent = report.licenseUrl
    ? h("a", { href: report.licenseUrl }, report.license)
    : { type: "text", value: report.license };
  return [{ type: "text", value: "Licensed under " }, name, { type: "text", value: "." }];
}

function footerOf(report: ReportMetadata, online: string | undefined): ElementContent[] {
  return [
    { type: "text", value: "From " },
    h("cite", report.title),
    { type: "text", value: ", " },
    h("time", { dateTime: isoDate(report.published) }, readableDate(report.published, report.language)),
    { type: "text", value: ". " },
    ...licenceSentence(report),
    ...(online
      ? [
          { type: "text" as const, value: " " },
          h("a", { href: online }, "Read it online"),
          { type: "text" as const, value: "." },
        ]
      : []),
  ];
}

/**
 * Whether LOM's copyrightAndOtherRestrictions is "yes": a text is under copyright unless its licence
 * gives it to the public domain (CC0, Public Domain Mark); a licence with conditions is a restriction.
 */
export function isRestricted(license: string | undefined): boolean {
  return !(license !== undefined && /^\s*(cc0|cc[- ]zero|public[- ]domain)\b/i.test(license));
}

/** The web address of a page of the site, or undefined without SITE_URL. */
function onlineUrl(site: string | undefined, base: string, page: string): string | undefined {
  return site === undefined ? undefined : new URL(`${base}${page}`, site).href;
}

/** The opening post of a discussion topic: the question, and where in the report it comes from. */
function topicHtml(question: string, sectionTitle: string, report: ReportMetadata): string {
  const fragment: Root = {
    type: "root",
    children: [
      h("p", question),
      h("p", ["A question on the section “", sectionTitle, "” of ", h("cite", report.title), "."]),
    ],
  };
  return toHtml(fragment);
}

/** How the outline names the discussion of a question: by its section, numbered when there are several. */
export function topicTitle(sectionTitle: string, index: number, count: number): string {
  return count === 1 ? `Discussion: ${sectionTitle}` : `Discussion: ${sectionTitle} (${index + 1} of ${count})`;
}

/**
 * Makes the IMS Common Cartridge 1.1 of the report from the built site: one self-contained web page
 * per part of the `/report/` page (each section, the timeline, the references) in reading order,
 * a discussion topic per discussion question, the take-away editions as files, a web link to the
 * site when its address is known, and the manifest with the report's metadata. Throws
 * {@link CartridgeBuildError} when a file it needs is missing.
 */
export function buildCartridge({ distDir, base, site, report, sections, downloads }: CartridgeOptions): BuiltCartridge {
  const reportPage = readPage(distDir, "report");
  if (!reportPage) {
    throw new CartridgeBuildError(`${path.join(distDir, "report", "index.html")} is missing; build the site first.`);
  }
  const parts = splitReportPage(reportPage, readPage(distDir, "timeline")).filter((part) => part.kind !== "cover");
  const pageName = (part: ReportPart): string => part.file.replace(/\.xhtml$/, ".html");

  const fileOfId = new Map<string, string>();
  for (const part of parts) {
    adaptForReader(part.content, HEADING_SHIFT[part.kind], "web");
    for (const element of findAll(part.content, (node) => typeof node.properties["id"] === "string")) {
      const id = String(element.properties["id"]);
      if (!fileOfId.has(id)) fileOfId.set(id, pageName(part));
    }
  }
  // The report page names a section by its id (its slug, unless the slug is one the page uses itself).
  const sectionOfId = new Map(sections.map((section) => [reportSectionId(section.slug), section]));
  const sitePageOf = (part: ReportPart): string => {
    const slug = sectionOfId.get(pageName(part).replace(/\.html$/, ""))?.slug;
    return part.kind === "section" && slug !== undefined ? `sections/${slug}/` : `${part.kind}/`;
  };
  const targetOfPath = new Map(parts.map((part) => [sitePageOf(part), pageName(part)]));
  const siteOrigin = site === undefined ? undefined : new URL(site).origin;

  const built = new BuiltFiles(distDir, base);
  const styles = pageStyles(reportPage, built, base, path.join(distDir, "report", "index.html"));
  const colorScheme = colorSchemeOf(reportPage);
  const images = new ImageFolder(built, base);
  const encoder = new TextEncoder();
  const entries: [string, Uint8Array][] = [];
  const resources: CartridgeResource[] = [];
  const outline: CartridgeItem[] = [];
  const pageResources: { identifier: string; usesImages: boolean }[] = [];

  parts.forEach((part, partIndex) => {
    const name = pageName(part);
    const targets: LinkTargets = { base, siteOrigin, fileOfId, targetOfPath, currentFile: name };
    let usesImages = false;
    rewrite(part.content, (element) => {
      const href = element.properties["href"];
      if (element.tagName === "a" && typeof href === "string") setHref(element, retargetHref(href, targets));
      if (element.tagName === "img") {
        const src = images.pack(String(element.properties["src"] ?? ""), part.title);
        element.properties["src"] = src;
        usesImages ||= !src.startsWith("data:");
      }
      return element;
    });
    const page = cartridgePage({
      language: report.language,
      title: pageTitle(part.title, report.shortTitle ?? report.title),
      colorScheme,
      styles,
      content: part.content,
      footer: footerOf(report, onlineUrl(site, base, sitePageOf(part))),
    });
    const href = `${PAGES_FOLDER}/${name}`;
    entries.push([href, encoder.encode(toHtml(page, { upperDoctype: true }))]);
    const identifier = `page-${partIndex + 1}`;
    resources.push({ identifier, type: "webcontent", href, files: [href] });
    pageResources.push({ identifier, usesImages });
    outline.push({ identifier: `item-${identifier}`, title: part.title, resource: identifier });

    const asked = part.kind === "section" ? (sectionOfId.get(name.replace(/\.html$/, ""))?.questions ?? []) : [];
    asked.forEach((question, index) => {
      const topic = `topic-${partIndex + 1}-${index + 1}`;
      const title = topicTitle(part.title, index, asked.length);
      const file = `discussions/${topic}/topic.xml`;
      entries.push([file, encoder.encode(discussionTopicXml(title, topicHtml(question, part.title, report)))]);
      resources.push({ identifier: topic, type: "imsdt_xmlv1p1", files: [file] });
      outline.push({ identifier: `item-${topic}`, title, resource: topic });
    });
  });

  if (images.files.size > 0) {
    const files = [...images.files.values()].map((image) => `${PAGES_FOLDER}/${image.href}`);
    resources.push({ identifier: "page-images", type: "webcontent", files });
    for (const image of images.files.values()) entries.push([`${PAGES_FOLDER}/${image.href}`, image.bytes]);
    for (const page of pageResources) {
      if (!page.usesImages) continue;
      const resource = resources.find((entry) => entry.identifier === page.identifier);
      if (resource) resource.dependencies = ["page-images"];
    }
  }

  const editions: CartridgeItem[] = [];
  downloads.forEach((download, index) => {
    if (!fs.existsSync(download.file)) {
      throw new CartridgeBuildError(`Course package: ${download.file} is not in the built site; build the site first.`);
    }
    const href = `downloads/${path.basename(download.file)}`;
    const identifier = `download-${index + 1}`;
    entries.push([href, fs.readFileSync(download.file)]);
    resources.push({ identifier, type: "webcontent", href, files: [href] });
    editions.push({ identifier: `item-${identifier}`, title: download.title, resource: identifier });
  });
  const home = onlineUrl(site, base, "");
  if (home) {
    const file = "links/online/weblink.xml";
    entries.push([file, encoder.encode(webLinkXml(`${report.title} online`, home))]);
    resources.push({ identifier: "online", type: "imswl_xmlv1p1", files: [file] });
    editions.push({ identifier: "item-online", title: `${report.title} online`, resource: "online" });
  }
  if (editions.length > 0) outline.push({ identifier: "other-editions", title: "Other editions", items: editions });

  const identifier = stableIdentifier(site, base, report);
  const manifest = manifestXml({
    identifier,
    metadata: {
      title: report.title,
      language: report.language,
      description: report.summary,
      keywords: report.keywords,
      authors: report.authors,
      date: isoDate(report.published),
      rights: report.license
        ? `${report.license}${report.licenseUrl ? ` (${report.licenseUrl})` : ""}`
        : "No license has been stated for this text.",
      restricted: isRestricted(report.license),
    },
    items: [{ identifier: `${identifier}-report`, title: report.title, items: outline }],
    resources,
  });

  // The manifest first, as packages conventionally start; every entry dated by the report, so two
  // builds of the same report make the same bytes.
  const mtime = report.published;
  const zipped: Record<string, [Uint8Array, ZipOptions]> = {
    "imsmanifest.xml": [encoder.encode(manifest), { level: 9, mtime }],
  };
  for (const [name, bytes] of entries) zipped[name] = [bytes, { level: STORED.test(name) ? 0 : 9, mtime }];
  return { bytes: zipSync(zipped), files: Object.keys(zipped), manifest };
}
