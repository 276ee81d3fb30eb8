import type { Element, ElementContent, Root } from "xast";
import { toXml } from "xast-util-to-xml";
import { x } from "xastscript";

/**
 * The XML of an IMS Common Cartridge 1.1: the manifest with its LOM metadata, discussion topics
 * (imsdt) and web links (imswl), each made as an xast tree and serialised, never joined as strings.
 * Version 1.1 because Moodle's importer reads 1.0 and 1.1 only (backup/converter/imscc11 recognises
 * the imsccv1p1 namespace and validates against the 1.1 schemas) and Blackboard Learn lists 1.0 to
 * 1.2, while Canvas and Brightspace import 1.1 too (tests/fixtures/common-cartridge-schemas/README.md).
 */

/** Namespace of the cartridge's content-packaging profile (the manifest). */
export const CP_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1";
/** Namespace of the manifest's LOM metadata. */
export const LOM_MANIFEST_NAMESPACE = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest";
/** Namespace of a discussion topic. */
export const DISCUSSION_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1";
/** Namespace of a web link. */
export const WEB_LINK_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1";
const XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance";
const PROFILE = "http://www.imsglobal.org/profile/cc/ccv1p1";

/** The resource types this cartridge uses, as CC 1.1 names them. */
export type ResourceType = "webcontent" | "imsdt_xmlv1p1" | "imswl_xmlv1p1";

/** One resource of the manifest: its files, and the resources whose files it uses. */
export interface CartridgeResource {
  /** An XML ID (a letter first; letters, digits, `-`, `_`, `.`). */
  identifier: string;
  type: ResourceType;
  /** The file a web-content resource opens with; learning application objects (topics, links) have none. */
  href?: string;
  /** Paths inside the cartridge, `/`-separated. */
  files: string[];
  dependencies?: string[];
}

/** One entry of the organisation (the course outline): a folder of items, or an item that opens a resource. */
export interface CartridgeItem {
  identifier: string;
  title: string;
  /** The resource it opens; a folder has none. */
  resource?: string;
  items?: CartridgeItem[];
}

/** An author as the manifest's LOM names them. */
export interface CartridgeAuthor {
  given?: string | undefined;
  family: string;
  affiliation?: string | undefined;
}

/** What the manifest says about the report (IEEE LOM as the CC 1.1 manifest profile allows it). */
export interface CartridgeMetadata {
  title: string;
  /** BCP 47 tag. */
  language: string;
  description: string;
  keywords: readonly string[];
  /** In byline order; empty when report.yaml names none (then no author is named). */
  authors: readonly CartridgeAuthor[];
  /** Publication date, YYYY-MM-DD. */
  date: string;
  /** The licence as the reader should see it, or that none was stated. */
  rights: string;
  /** Whether the text is under copyright or another restriction (a licence is one). */
  restricted: boolean;
}

/** Everything the manifest holds. */
export interface CartridgeManifest {
  identifier: string;
  metadata: CartridgeMetadata;
  /** The top-level items of the organisation, in reading order. */
  items: CartridgeItem[];
  resources: CartridgeResource[];
}

const DECLARATION = { type: "instruction", name: "xml", value: 'version="1.0" encoding="UTF-8"' } as const;

/** Thrown when a text holds a character XML 1.0 cannot carry, escaped or not (a control character). */
export class XmlCharacterError extends Error {}

// XML 1.0's Char production: tab, line feed, carriage return and U+0020 up, less surrogates, U+FFFE and U+FFFF.
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character of a text that XML 1.0 cannot carry, as "U+0007", or undefined when there is none. */
export function characterXmlCannotCarry(text: string): string | undefined {
  const found = NOT_XML_CHARACTER.exec(text)?.[0];
  return found === undefined
    ? undefined
    : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

// The final check of what is written: a control character would make the whole file unreadable.
function checkCharacters(element: Element): void {
  const texts = [
    ...Object.values(element.attributes ?? {}).map(String),
    ...element.children.flatMap((child) => (child.type === "text" ? [child.value] : [])),
  ];
  for (const text of texts) {
    const character = characterXmlCannotCarry(text);
    if (character) {
      throw new XmlCharacterError(
        `Course package: the text "${text.slice(0, 80)}" holds the character ${character}, which XML cannot carry.\n  Fix: remove it from the content.`,
      );
    }
  }
  for (const child of element.children) if (child.type === "element") checkCharacters(child);
}

function document(element: Element): string {
  checkCharacters(element);
  const root: Root = { type: "root", children: [DECLARATION, { type: "text", value: "\n" }, element] };
  return `${toXml(root, { closeEmptyElements: true })}\n`;
}

/** A value of a vCard 3.0 property, with the characters vCard reserves escaped (RFC 2426 §5). */
function vcardText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/[,;]/g, (character) => `\\${character}`)
    .replace(/\r?\n/g, "\\n");
}

/** The vCard LOM asks for in a contribution's entity: the name and, when given, the institution. */
export function authorVcard(author: CartridgeAuthor): string {
  const name = [author.given, author.family].filter(Boolean).join(" ");
  return [
    "BEGIN:VCARD",
    "VERSION:3.0",
    `N:${vcardText(author.family)};${vcardText(author.given ?? "")};;;`,
    `FN:${vcardText(name)}`,
    ...(author.affiliation ? [`ORG:${vcardText(author.affiliation)}`] : []),
    "END:VCARD",
  ].join("\n");
}

function langString(name: string, text: string, language: string): Element {
  return x(`lomimscc:${name}`, {}, x("lomimscc:string", { language }, text));
}

function lom(metadata: CartridgeMetadata): Element {
  const { language } = metadata;
  const dated = x("lomimscc:date", {}, x("lomimscc:dateTime", {}, metadata.date));
  // LOM dates a contribution; without an author the date stands alone, and nobody is named.
  const contributions =
    metadata.authors.length > 0
      ? metadata.authors.map((author) =>
          x(
            "lomimscc:contribute",
            {},
            x("lomimscc:role", {}, x("lomimscc:value", {}, "author")),
            x("lomimscc:entity", {}, authorVcard(author)),
            structuredClone(dated),
          ),
        )
      : [x("lomimscc:contribute", {}, dated)];
  return x(
    "lomimscc:lom",
    {},
    x(
      "lomimscc:general",
      {},
      langString("title", metadata.title, language),
      x("lomimscc:language", {}, language),
      langString("description", metadata.description, language),
      ...metadata.keywords.map((keyword) => langString("keyword", keyword, language)),
    ),
    x("lomimscc:lifeCycle", {}, ...contributions),
    x(
      "lomimscc:rights",
      {},
      x("lomimscc:copyrightAndOtherRestrictions", {}, x("lomimscc:value", {}, metadata.restricted ? "yes" : "no")),
      langString("description", metadata.rights, language),
    ),
  );
}

function item(entry: CartridgeItem): Element {
  const attributes = entry.resource
    ? { identifier: entry.identifier, identifierref: entry.resource }
    : { identifier: entry.identifier };
  return x("item", attributes, x("title", {}, entry.title), ...(entry.items ?? []).map(item));
}

function resource(entry: CartridgeResource): Element {
  const attributes: Record<string, string> = { identifier: entry.identifier, type: entry.type };
  if (entry.href !== undefined) attributes["href"] = entry.href;
  const children: ElementContent[] = [
    ...entry.files.map((href) => x("file", { href })),
    ...(entry.dependencies ?? []).map((identifierref) => x("dependency", { identifierref })),
  ];
  return x("resource", attributes, ...children);
}

/** `imsmanifest.xml`: the report's metadata, the course outline in reading order, and every resource with its files. */
export function manifestXml(manifest: CartridgeManifest): string {
  return document(
    x(
      "manifest",
      {
        identifier: manifest.identifier,
        xmlns: CP_NAMESPACE,
        "xmlns:lomimscc": LOM_MANIFEST_NAMESPACE,
        "xmlns:xsi": XSI_NAMESPACE,
        "xsi:schemaLocation": [
          `${CP_NAMESPACE} ${PROFILE}/ccv1p1_imscp_v1p2_v1p0.xsd`,
          `${LOM_MANIFEST_NAMESPACE} ${PROFILE}/LOM/ccv1p1_lommanifest_v1p0.xsd`,
        ].join(" "),
      },
      x(
        "metadata",
        {},
        x("schema", {}, "IMS Common Cartridge"),
        x("schemaversion", {}, "1.1.0"),
        lom(manifest.metadata),
      ),
      x(
        "organizations",
        {},
        x(
          "organization",
          { identifier: `${manifest.identifier}-organization`, structure: "rooted-hierarchy" },
          x("item", { identifier: `${manifest.identifier}-root` }, ...manifest.items.map(item)),
        ),
      ),
      x("resources", {}, ...manifest.resources.map(resource)),
    ),
  );
}

/** A discussion topic: its title and its opening text, an HTML fragment carried as text. */
export function discussionTopicXml(title: string, html: string): string {
  return document(
    x(
      "topic",
      {
        xmlns: DISCUSSION_NAMESPACE,
        "xmlns:xsi": XSI_NAMESPACE,
        "xsi:schemaLocation": `${DISCUSSION_NAMESPACE} ${PROFILE}/ccv1p1_imsdt_v1p1.xsd`,
      },
      x("title", {}, title),
      x("text", { texttype: "text/html" }, html),
    ),
  );
}

/** A web link that opens in a new window. */
export function webLinkXml(title: string, url: string): string {
  return document(
    x(
      "webLink",
      {
        xmlns: WEB_LINK_NAMESPACE,
        "xmlns:xsi": XSI_NAMESPACE,
        "xsi:schemaLocation": `${WEB_LINK_NAMESPACE} ${PROFILE}/ccv1p1_imswl_v1p1.xsd`,
      },
      x("title", {}, title),
      x("url", { href: url, target: "_blank" }),
    ),
  );
}
