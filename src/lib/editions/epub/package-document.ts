import { createHash } from "node:crypto";
import { escapeXml, escapeXmlAttribute } from "./xhtml.ts";

/** What the package document says about the publication (report.yaml plus the build). */
export interface EpubMetadata {
  identifier: string;
  title: string;
  /** BCP 47 tag. */
  language: string;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  /** Authors in byline order; empty when report.yaml names none (then no dc:creator). */
  creators: string[];
  description: string;
  subjects: string[];
  rights: string | undefined;
  /** The build's time, for dcterms:modified. */
  modified: Date;
}

/** What the content holds, so the accessibility metadata claims only what is true. */
export interface ContentFeatures {
  images: boolean;
  math: boolean;
  footnotes: boolean;
  /** The report has a timeline (a document of its own, a list). */
  timeline: boolean;
}

/** A file of the publication, as the manifest lists it. */
export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
  /** In reading order when set. */
  spine?: boolean;
}

/**
 * A stable `urn:uuid:` for the report: a name-based UUID (RFC 9562 version 5 layout) from the
 * report's web address and file name, so every build of the same report gets the same identifier.
 */
export function stableIdentifier(name: string): string {
  const bytes = createHash("sha1").update(`epub:${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `dcterms:modified` wants whole seconds in UTC: 2026-11-27T15:19:29Z. */
export function modifiedStamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The schema.org accessibility properties (EPUB Accessibility 1.1), each only where it holds. */
export function accessibilityMetadata(features: ContentFeatures): [property: string, value: string][] {
  const modes = features.images ? ["textual", "visual"] : ["textual"];
  const capabilities = [
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    ...(features.images ? ["alternativeText"] : []),
    ...(features.math ? ["MathML"] : []),
  ];
  const summary = [
    "The report as reflowable text with headings for every section, a table of contents and landmarks.",
    features.images ? "Every figure has a text alternative." : "The report has no images.",
    "Citations link to their references and each reference links back to the paragraphs that cite it.",
    features.footnotes ? "Footnotes are marked as EPUB footnotes." : "",
    features.math ? "Mathematics is MathML." : "",
    features.timeline ? "The timeline is a list." : "",
    "The book has no page numbers.",
    "It is checked automatically with EPUBCheck, axe-core and Ace by DAISY against WCAG 2.2 AA; no person has reviewed it with assistive technology, so it claims no conformance.",
  ]
    .filter(Boolean)
    .join(" ");
  return [
    ...modes.map((mode): [string, string] => ["schema:accessMode", mode]),
    ["schema:accessModeSufficient", "textual"],
    ...capabilities.map((feature): [string, string] => ["schema:accessibilityFeature", feature]),
    ["schema:accessibilityHazard", "none"],
    ["schema:accessibilitySummary", summary],
    // No dcterms:conformsTo: a conformance claim names who certified it (a11y:certifiedBy), and
    // nobody has; automated checks alone do not make one.
  ];
}

/** The package document (`content.opf`): metadata, manifest and spine. */
export function packageDocument(metadata: EpubMetadata, features: ContentFeatures, items: ManifestItem[]): string {
  const dc = (name: string, value: string, attributes = ""): string =>
    `    <dc:${name}${attributes}>${escapeXml(value)}</dc:${name}>`;
  const meta = (property: string, value: string): string =>
    `    <meta property="${property}">${escapeXml(value)}</meta>`;
  const lines = [
    dc("identifier", metadata.identifier, ' id="pub-id"'),
    dc("title", metadata.title),
    dc("language", metadata.language),
    dc("date", metadata.date),
    ...metadata.creators.map((creator, index) => dc("creator", creator, ` id="creator-${index + 1}"`)),
    dc("description", metadata.description),
    ...metadata.subjects.map((subject) => dc("subject", subject)),
    ...(metadata.rights ? [dc("rights", metadata.rights)] : []),
    meta("dcterms:modified", modifiedStamp(metadata.modified)),
    ...accessibilityMetadata(features).map(([property, value]) => meta(property, value)),
  ];
  const manifest = items.map(
    (item) =>
      `    <item id="${item.id}" href="${escapeXmlAttribute(item.href)}" media-type="${item.mediaType}"${item.properties ? ` properties="${item.properties}"` : ""}/>`,
  );
  const spine = items.filter((item) => item.spine).map((item) => `    <itemref idref="${item.id}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${escapeXmlAttribute(metadata.language)}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${lines.join("\n")}
  </metadata>
  <manifest>
${manifest.join("\n")}
  </manifest>
  <spine>
${spine.join("\n")}
  </spine>
</package>
`;
}

/** The OCF container file that points reading systems at the package document. */
export const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

/** One XHTML content document around serialized body content. */
export function xhtmlDocument(options: { language: string; title: string; bodyType: string; body: string }): string {
  const lang = escapeXmlAttribute(options.language);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}">
<head>
<meta charset="utf-8"/>
<title>${escapeXml(options.title)}</title>
<link rel="stylesheet" type="text/css" href="report.css"/>
</head>
<body epub:type="${options.bodyType}">
${options.body}
</body>
</html>
`;
}

/** An entry of the navigation document's contents, with its subheadings. */
export interface TocEntry {
  title: string;
  href: string;
  children: TocEntry[];
}

/** A landmark of the navigation document (`epub:type` from the EPUB structural vocabulary). */
export interface Landmark {
  type: string;
  title: string;
  href: string;
}

function tocList(entries: TocEntry[]): string {
  const items = entries.map((entry) => {
    const nested = entry.children.length > 0 ? tocList(entry.children) : "";
    return `<li><a href="${escapeXmlAttribute(entry.href)}">${escapeXml(entry.title)}</a>${nested}</li>`;
  });
  return `<ol>${items.join("")}</ol>`;
}

/**
 * The navigation document: the contents (`toc`) and the `landmarks`. No `page-list`, since the
 * report has no page numbers outside its PDF.
 */
export function navigationDocument(options: {
  language: string;
  title: string;
  toc: TocEntry[];
  landmarks: Landmark[];
}): string {
  const landmarks = options.landmarks
    .map(
      (landmark) =>
        `<li><a epub:type="${landmark.type}" href="${escapeXmlAttribute(landmark.href)}">${escapeXml(landmark.title)}</a></li>`,
    )
    .join("");
  const body = `<main>
<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title"><h1 id="toc-title">Contents</h1>${tocList(options.toc)}</nav>
<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden"><h2 id="landmarks-title">Landmarks</h2><ol>${landmarks}</ol></nav>
</main>`;
  return xhtmlDocument({ language: options.language, title: options.title, bodyType: "frontmatter", body });
}
