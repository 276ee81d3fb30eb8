import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFString,
} from "pdf-lib";
import { demoteDrawingToArtifacts, dropSoftHyphenGlyphs, markUntaggedAsArtifacts } from "./content-artifacts.ts";
import type { PdfMetadata } from "./pdf-metadata.ts";

/** What the page said that the PDF needs for its accessibility repairs. */
export interface AccessibilityText {
  /** For each `<figure>` in document order, its description (see figureDescriptions()). */
  figures: readonly string[];
  /** Link text by target (`#id` or an absolute URL). */
  links: ReadonlyMap<string, string>;
  /** For each `<math>` in document order, its text alternative (see labelFormulas()). */
  formulas?: readonly string[];
}

/** What {@link makeAccessible} changed, for the build log and the tests. */
export interface AccessibilityRepairs {
  artifactRuns: number;
  /** Invisible soft-hyphen glyphs taken out of the text. */
  softHyphens: number;
  /** Drawing tagged as a table's own content (its borders), made artifacts. */
  tableDrawings: number;
  linkDescriptions: number;
  figureAlts: number;
  /** Figures that hold a table, tagged as Div so the table is read. */
  tableFigures: number;
  /** Equations tagged as Formula with their alternative text. */
  formulas: number;
  listBodies: number;
}

const name = (value: string) => PDFName.of(value);

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The XMP packet PDF/UA-1 asks for: dc:title, dc:language, dc:creator (only with an author),
 * dc:description, pdf:Keywords and the PDF/UA identifier pdfuaid:part 1.
 */
export function xmpPacket(metadata: PdfMetadata, modified: Date): string {
  const language = xmlEscape(metadata.language);
  const creator = metadata.author
    ? `<dc:creator><rdf:Seq><rdf:li>${xmlEscape(metadata.author)}</rdf:li></rdf:Seq></dc:creator>`
    : "";
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(metadata.title)}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(metadata.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>${language}</rdf:li></rdf:Bag></dc:language>
${creator}
<pdf:Keywords>${xmlEscape(metadata.keywords.join("; "))}</pdf:Keywords>
<xmp:CreatorTool>${xmlEscape(metadata.creator)}</xmp:CreatorTool>
<xmp:CreateDate>${metadata.creationDate.toISOString()}</xmp:CreateDate>
<xmp:ModifyDate>${modified.toISOString()}</xmp:ModifyDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

function setXmp(document: PDFDocument, metadata: PdfMetadata): void {
  const stream = document.context.stream(Buffer.from(xmpPacket(metadata, metadata.creationDate), "utf8"), {
    Type: "Metadata",
    Subtype: "XML",
  });
  document.catalog.set(name("Metadata"), document.context.register(stream));
}

function pageContents(document: PDFDocument, page: PDFDict): Uint8Array[] {
  const contents = page.lookup(name("Contents"));
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => document.context.lookup(ref)) : [contents];
  return streams.flatMap((stream) => (stream instanceof PDFRawStream ? [decodePDFRawStream(stream).decode()] : []));
}

/** Rewrites each page's content: soft-hyphen glyphs out, untagged drawing marked as artifacts. */
function repairContent(
  document: PDFDocument,
  drawingByPage: ReadonlyMap<string, ReadonlySet<number>>,
): { artifactRuns: number; softHyphens: number; demoted: Map<string, number[]> } {
  let artifactRuns = 0;
  let softHyphens = 0;
  const demoted = new Map<string, number[]>();
  for (const page of document.getPages()) {
    const parts = pageContents(document, page.node);
    if (parts.length === 0) continue;
    const joined = Buffer.concat(parts.flatMap((part) => [Buffer.from(part), Buffer.from("\n")]));
    const drawing = demoteDrawingToArtifacts(joined, drawingByPage.get(page.ref.toString()) ?? new Set());
    const cleaned = dropSoftHyphenGlyphs(drawing.bytes);
    const marked = markUntaggedAsArtifacts(cleaned.bytes);
    if (marked.runs === 0 && cleaned.dropped === 0 && drawing.demoted.length === 0) continue;
    artifactRuns += marked.runs;
    softHyphens += cleaned.dropped;
    if (drawing.demoted.length > 0) demoted.set(page.ref.toString(), drawing.demoted);
    const old = page.node.get(name("Contents"));
    page.node.set(name("Contents"), document.context.register(document.context.flateStream(marked.bytes)));
    // The printed streams are no longer used; leaving them would only make the file bigger.
    const oldRefs = old instanceof PDFRef ? [old] : old instanceof PDFArray ? old.asArray() : [];
    for (const ref of oldRefs) if (ref instanceof PDFRef) document.context.delete(ref);
  }
  return { artifactRuns, softHyphens, demoted };
}

// Elements that may hold only other elements, never content of their own (ISO 32000-1 Tables 336, 337).
const CONTAINERS = new Set(["Table", "TR", "THead", "TBody", "TFoot", "L"]);

/** Marked content held directly by a container element, by page: Chromium's table borders. */
function containerContent(document: PDFDocument, root: PDFDict): Map<string, Set<number>> {
  const byPage = new Map<string, Set<number>>();
  walk(document, root, (element) => {
    const role = element.dict.lookup(name("S"));
    if (!(role instanceof PDFName) || !CONTAINERS.has(role.decodeText())) return;
    for (const kid of kidsOf(element.dict)) {
      const content = kid instanceof PDFRef ? document.context.lookup(kid) : kid;
      const mcid =
        content instanceof PDFNumber
          ? content.asNumber()
          : content instanceof PDFDict && content.has(name("MCID"))
            ? content.lookupMaybe(name("MCID"), PDFNumber)?.asNumber()
            : undefined;
      const page =
        content instanceof PDFDict
          ? (content.get(name("Pg")) ?? element.dict.get(name("Pg")))
          : element.dict.get(name("Pg"));
      if (mcid === undefined || !page) continue;
      const set = byPage.get(page.toString()) ?? new Set<number>();
      set.add(mcid);
      byPage.set(page.toString(), set);
    }
  });
  return byPage;
}

/** Takes marked content that became artifacts out of the structure tree and its parent tree. */
function forgetContent(document: PDFDocument, root: PDFDict, demoted: ReadonlyMap<string, number[]>): void {
  if (demoted.size === 0) return;
  const parentTree = parentTreeEntries(root);
  for (const page of document.getPages()) {
    const mcids = demoted.get(page.ref.toString());
    const key = page.node.lookupMaybe(name("StructParents"), PDFNumber)?.asNumber();
    const entry = key === undefined ? undefined : parentTree.get(key);
    const array = entry instanceof PDFRef ? document.context.lookup(entry) : entry;
    if (!mcids || !(array instanceof PDFArray)) continue;
    for (const mcid of mcids) if (mcid < array.size()) array.set(mcid, PDFNull);
  }
  walk(document, root, (element) => {
    const role = element.dict.lookup(name("S"));
    if (!(role instanceof PDFName) || !CONTAINERS.has(role.decodeText())) return;
    const page = element.dict.get(name("Pg"))?.toString();
    const kids = kidsOf(element.dict);
    const kept = kids.filter((kid) => {
      const content = kid instanceof PDFRef ? document.context.lookup(kid) : kid;
      if (content instanceof PDFNumber) return !(page && demoted.get(page)?.includes(content.asNumber()));
      if (content instanceof PDFDict && content.has(name("MCID"))) {
        const mcidPage = (content.get(name("Pg")) ?? element.dict.get(name("Pg")))?.toString();
        const mcid = content.lookupMaybe(name("MCID"), PDFNumber)?.asNumber();
        return !(mcidPage && mcid !== undefined && demoted.get(mcidPage)?.includes(mcid));
      }
      return true;
    });
    if (kept.length !== kids.length) element.dict.set(name("K"), document.context.obj(kept));
  });
}

function text(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

function describeLinks(document: PDFDocument, links: ReadonlyMap<string, string>): number {
  let described = 0;
  for (const page of document.getPages()) {
    const annotations = page.node.lookupMaybe(name("Annots"), PDFArray);
    if (!annotations || annotations.size() === 0) continue;
    // Annotations in the order of the structure tree (PDF/UA-1 7.18.3).
    page.node.set(name("Tabs"), name("S"));
    for (let index = 0; index < annotations.size(); index++) {
      const annotation = annotations.lookupMaybe(index, PDFDict);
      if (annotation?.lookup(name("Subtype")) !== name("Link")) continue;
      if (text(annotation.lookup(name("Contents")))) continue;
      const uri = text(annotation.lookupMaybe(name("A"), PDFDict)?.lookup(name("URI")));
      const destination = annotation.lookup(name("Dest"));
      const target =
        uri ??
        (destination instanceof PDFName
          ? `#${destination.decodeText()}`
          : text(destination) && `#${text(destination)}`);
      const said = target === undefined ? undefined : links.get(target);
      const description =
        said || (uri ? `Link to ${uri}` : target ? `Link to ${target.slice(1)} in this document` : "Link");
      annotation.set(name("Contents"), PDFHexString.fromText(description));
      described++;
    }
  }
  return described;
}

/** A structure element, with the reference it is stored under. */
interface Element {
  ref: PDFRef;
  dict: PDFDict;
}

function kidsOf(dict: PDFDict): PDFObject[] {
  const kids = dict.get(name("K"));
  if (kids === undefined) return [];
  return kids instanceof PDFArray ? kids.asArray() : [kids];
}

function elementOf(document: PDFDocument, kid: PDFObject): Element | undefined {
  if (!(kid instanceof PDFRef)) return undefined;
  const dict = document.context.lookup(kid);
  if (!(dict instanceof PDFDict) || dict.has(name("Obj")) || dict.lookup(name("Type")) === name("MCR"))
    return undefined;
  if (dict.lookup(name("Type")) === name("OBJR")) return undefined;
  return dict.has(name("S")) ? { ref: kid, dict } : undefined;
}

function walk(document: PDFDocument, root: PDFDict, visit: (element: Element) => void): void {
  const stack: PDFObject[] = [...kidsOf(root)].reverse();
  while (stack.length > 0) {
    const kid = stack.pop();
    const element = kid && elementOf(document, kid);
    if (!element) continue;
    visit(element);
    stack.push(...kidsOf(element.dict).reverse());
  }
}

/** The parent tree as an editable map: StructParents key to its array or element. */
function parentTreeEntries(root: PDFDict): Map<number, PDFObject> {
  const entries = new Map<number, PDFObject>();
  const visit = (node: PDFDict | undefined) => {
    if (!node) return;
    const nums = node.lookupMaybe(name("Nums"), PDFArray);
    for (let index = 0; nums && index + 1 < nums.size(); index += 2) {
      const key = nums.lookup(index);
      if (key instanceof PDFNumber) entries.set(key.asNumber(), nums.get(index + 1));
    }
    const kids = node.lookupMaybe(name("Kids"), PDFArray);
    for (let index = 0; kids && index < kids.size(); index++) visit(kids.lookupMaybe(index, PDFDict));
  };
  visit(root.lookupMaybe(name("ParentTree"), PDFDict));
  return entries;
}

/**
 * Gives every list item a list body: Chromium puts an item's content (links, paragraphs) straight
 * into LI, where PDF/UA expects Lbl and LBody (ISO 32000-1 Table 336; Matterhorn 09-005).
 * Marked content and annotations that move into the new LBody are re-pointed in the parent tree.
 */
function addListBodies(document: PDFDocument, root: PDFDict): number {
  const parentTree = parentTreeEntries(root);
  const pageKeys = new Map(
    document
      .getPages()
      .map((page) => [page.ref.toString(), page.node.lookupMaybe(name("StructParents"), PDFNumber)?.asNumber()]),
  );
  let added = 0;
  const items: Element[] = [];
  walk(document, root, (element) => {
    if (element.dict.lookup(name("S")) === name("LI")) items.push(element);
  });
  for (const item of items) {
    const kids = kidsOf(item.dict);
    const isPart = (kid: PDFObject) => {
      const element = elementOf(document, kid);
      const role = element?.dict.lookup(name("S"));
      return role === name("Lbl") || role === name("LBody");
    };
    if (kids.every(isPart)) continue;
    const result: PDFObject[] = [];
    let body: { ref: PDFRef; dict: PDFDict; kids: PDFObject[] } | undefined;
    for (const kid of kids) {
      if (isPart(kid)) {
        body = undefined;
        result.push(kid);
        continue;
      }
      if (!body) {
        const dict = document.context.obj({ Type: "StructElem", S: "LBody", P: item.ref }) as PDFDict;
        const page = item.dict.get(name("Pg"));
        if (page) dict.set(name("Pg"), page);
        body = { ref: document.context.register(dict), dict, kids: [] };
        result.push(body.ref);
        added++;
      }
      body.kids.push(kid);
      body.dict.set(name("K"), document.context.obj(body.kids));
      const element = elementOf(document, kid);
      if (element) {
        element.dict.set(name("P"), body.ref);
        continue;
      }
      // Marked content or an annotation now belongs to the LBody: the parent tree must say so.
      const content = kid instanceof PDFRef ? document.context.lookup(kid) : kid;
      if (content instanceof PDFNumber || (content instanceof PDFDict && content.has(name("MCID")))) {
        const mcid =
          content instanceof PDFNumber ? content.asNumber() : (content.lookup(name("MCID")) as PDFNumber).asNumber();
        const pageRef =
          content instanceof PDFDict
            ? (content.get(name("Pg")) ?? item.dict.get(name("Pg")))
            : item.dict.get(name("Pg"));
        const key = pageRef ? pageKeys.get(pageRef.toString()) : undefined;
        const entry = key === undefined ? undefined : parentTree.get(key);
        const array = entry instanceof PDFRef ? document.context.lookup(entry) : entry;
        if (array instanceof PDFArray && mcid < array.size()) array.set(mcid, body.ref);
      } else if (content instanceof PDFDict && content.lookup(name("Type")) === name("OBJR")) {
        const annotation = content.lookupMaybe(name("Obj"), PDFDict);
        const key = annotation?.lookupMaybe(name("StructParent"), PDFNumber)?.asNumber();
        if (key !== undefined && parentTree.has(key)) replaceParentTreeValue(root, key, body.ref);
      }
    }
    item.dict.set(name("K"), document.context.obj(result));
  }
  return added;
}

function replaceParentTreeValue(root: PDFDict, key: number, value: PDFRef): void {
  const visit = (node: PDFDict | undefined) => {
    if (!node) return;
    const nums = node.lookupMaybe(name("Nums"), PDFArray);
    for (let index = 0; nums && index + 1 < nums.size(); index += 2) {
      if ((nums.lookup(index) as PDFNumber | undefined)?.asNumber() === key) nums.set(index + 1, value);
    }
    const kids = node.lookupMaybe(name("Kids"), PDFArray);
    for (let index = 0; kids && index < kids.size(); index++) visit(kids.lookupMaybe(index, PDFDict));
  };
  visit(root.lookupMaybe(name("ParentTree"), PDFDict));
}

function containsTable(document: PDFDocument, element: Element): boolean {
  let found = false;
  walk(document, element.dict, (inner) => {
    if (inner.dict.lookup(name("S")) === name("Table")) found = true;
  });
  return found;
}

/**
 * Gives each Figure without an /Alt the description of the page's figure at the same position in
 * document order (Matterhorn 13-004): Chromium writes one Figure per `<figure>`, and images with an
 * alt text get their own /Alt already. A figure that holds a table is a Div instead, so that a
 * reader gets the table itself rather than a description in its place.
 */
function describeFigures(
  document: PDFDocument,
  root: PDFDict,
  figures: readonly string[],
): { described: number; tables: number } {
  const missing: Element[] = [];
  walk(document, root, (element) => {
    if (element.dict.lookup(name("S")) === name("Figure") && !text(element.dict.lookup(name("Alt"))))
      missing.push(element);
  });
  let described = 0;
  let tables = 0;
  missing.forEach((element, index) => {
    if (containsTable(document, element)) {
      element.dict.set(name("S"), name("Div"));
      tables++;
      return;
    }
    const description = figures[index];
    if (!description) return;
    element.dict.set(name("Alt"), PDFHexString.fromText(description));
    described++;
  });
  return { described, tables };
}

/**
 * Tags the page's math as Formula: Chromium tags a `<math role="img" aria-label>` as a Figure with
 * that /Alt, so the Figures whose /Alt is the next of `formulas` (in document order) become Formula
 * (ISO 32000-1 Table 340; Matterhorn 17-002 wants the /Alt, which they keep). Returns how many.
 */
function tagFormulas(document: PDFDocument, root: PDFDict, formulas: readonly string[]): number {
  let next = 0;
  walk(document, root, (element) => {
    if (next >= formulas.length || element.dict.lookup(name("S")) !== name("Figure")) return;
    if (text(element.dict.lookup(name("Alt"))) !== formulas[next]) return;
    element.dict.set(name("S"), name("Formula"));
    next++;
  });
  return next;
}

// PDF/UA-1's standard structure types (ISO 32000-1, 14.8.4).
const STANDARD_TYPES = new Set(
  (
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody " +
    "Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP " +
    "Figure Formula Form"
  ).split(" "),
);

// PDF 2.0 types Chromium writes (for <em>, <strong>, <aside>, <figcaption> ...) and the PDF 1.7
// types they mean; any other unknown type is mapped to Span, which claims nothing.
const PDF2_ROLES: Readonly<Record<string, string>> = {
  Em: "Span",
  Strong: "Span",
  Sub: "Span",
  FENote: "Note",
  Aside: "Div",
  Title: "H1",
  DocumentFragment: "Div",
};

/**
 * Maps every non-standard structure type the tree uses to a standard one in the root's RoleMap
 * (PDF/UA-1 7.1; Matterhorn 02-001), leaving types already mapped alone. Returns how many it mapped.
 */
function mapNonStandardTypes(document: PDFDocument, root: PDFDict): number {
  const used = new Set<string>();
  walk(document, root, (element) => {
    const type = element.dict.lookup(name("S"));
    if (type instanceof PDFName) used.add(type.decodeText());
  });
  let roleMap = root.lookupMaybe(name("RoleMap"), PDFDict);
  let mapped = 0;
  for (const type of used) {
    if (STANDARD_TYPES.has(type) || roleMap?.has(name(type))) continue;
    if (!roleMap) {
      roleMap = document.context.obj({});
      root.set(name("RoleMap"), roleMap);
    }
    roleMap.set(name(type), name(PDF2_ROLES[type] ?? "Span"));
    mapped++;
  }
  return mapped;
}

/**
 * Repairs what Chromium's tagged PDF lacks for PDF/UA-1: XMP metadata with the PDF/UA identifier,
 * a description on every link, tab order by structure, /Alt on figures, Formula for math, list bodies, standard roles for
 * PDF 2.0 structure types, and untagged
 * drawing marked as artifacts. What cannot be repaired safely is listed in the README.
 */
export function makeAccessible(
  document: PDFDocument,
  metadata: PdfMetadata,
  said: AccessibilityText,
): AccessibilityRepairs {
  setXmp(document, metadata);
  const linkDescriptions = describeLinks(document, said.links);
  const root = document.catalog.lookupMaybe(name("StructTreeRoot"), PDFDict);
  if (root) mapNonStandardTypes(document, root);
  const listBodies = root ? addListBodies(document, root) : 0;
  const formulas = root ? tagFormulas(document, root, said.formulas ?? []) : 0;
  const figures = root ? describeFigures(document, root, said.figures) : { described: 0, tables: 0 };
  const drawing = root ? containerContent(document, root) : new Map<string, Set<number>>();
  const { artifactRuns, softHyphens, demoted } = repairContent(document, drawing);
  if (root) forgetContent(document, root, demoted);
  const tableDrawings = [...demoted.values()].reduce((sum, mcids) => sum + mcids.length, 0);
  return {
    artifactRuns,
    softHyphens,
    tableDrawings,
    linkDescriptions,
    figureAlts: figures.described,
    tableFigures: figures.tables,
    formulas,
    listBodies,
  };
}
