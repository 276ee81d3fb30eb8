/**
 * A PDF/UA-1 check written from the Matterhorn Protocol 1.1's machine-checkable failure
 * conditions. It reads a PDF through qpdf's JSON (objects, the structure tree, decoded content
 * streams) and reports, per checkpoint, what fails. Independent of the code that writes the PDF:
 * its own content-stream scanner, its own reading of the structure tree.
 */
import { execFileSync } from "node:child_process";

/** A checkpoint: its Matterhorn number and failure condition. */
export interface Checkpoint {
  id: string;
  condition: string;
}

/** The checkpoints this check decides; each one fails when its condition holds somewhere. */
export const CHECKPOINTS: readonly Checkpoint[] = [
  { id: "01-003", condition: "Content marked as Artifact is present inside tagged content" },
  { id: "01-004", condition: "Tagged content is present inside content marked as Artifact" },
  { id: "01-005", condition: "Content is neither marked as Artifact nor tagged as real content" },
  { id: "01-007", condition: "Suspects entry has a value of true" },
  { id: "02-001", condition: "A non-standard structure type is not mapped to a standard type" },
  { id: "02-003", condition: "A circular role mapping exists" },
  { id: "02-004", condition: "A standard structure type is remapped" },
  { id: "06-001", condition: "Document does not contain an XMP metadata stream" },
  { id: "06-002", condition: "The XMP metadata stream does not include the PDF/UA identifier" },
  { id: "06-003", condition: "XMP metadata stream does not contain dc:title" },
  { id: "07-001", condition: "ViewerPreferences dictionary does not contain a DisplayDocTitle entry" },
  { id: "07-002", condition: "DisplayDocTitle entry has a value of false" },
  { id: "09-004", condition: "A table-related structure element is used against ISO 32000-1 Table 337" },
  { id: "09-005", condition: "A list-related structure element is used against ISO 32000-1 Table 336" },
  { id: "09-006", condition: "A TOC-related structure element is used against ISO 32000-1 Table 333" },
  { id: "10-001", condition: "Character code cannot be mapped to Unicode (font without ToUnicode)" },
  { id: "11-001", condition: "Natural language for text in page content cannot be determined" },
  { id: "13-004", condition: "<Figure> tag alternative or replacement text missing" },
  { id: "14-002", condition: "Uses numbered headings, but the first heading tag is not <H1>" },
  { id: "14-003", condition: "Numbered heading levels in descending sequence are skipped" },
  { id: "14-006", condition: "A node contains more than one <H> tag" },
  { id: "14-007", condition: "Document uses both <H> and <H#> tags" },
  { id: "15-003", condition: "In a table without Headers attributes, a <TH> cell has no Scope attribute" },
  { id: "17-002", condition: "<Formula> tag is missing an Alt attribute" },
  { id: "19-003", condition: "ID entry of the <Note> tag is not present" },
  { id: "19-004", condition: "ID entry of the <Note> tag is non-unique" },
  { id: "20-001", condition: "An optional content configuration in Configs has no Name" },
  { id: "20-002", condition: "The default optional content configuration has no Name" },
  { id: "20-003", condition: "An AS entry appears in an optional content configuration" },
  { id: "21-001", condition: "An embedded file specification lacks F and UF entries" },
  { id: "25-001", condition: "File contains the dynamicRender element with value required (XFA)" },
  { id: "26-001", condition: "The file is encrypted but its encryption dictionary has no P entry" },
  { id: "26-002", condition: "The file is encrypted and bit 10 of P is false" },
  { id: "28-002", condition: "An annotation other than Widget, Link or PrinterMark is not in an <Annot> tag" },
  { id: "28-004", condition: "An annotation other than Widget has neither Contents nor Alt" },
  { id: "28-008", condition: "A page containing an annotation does not contain a Tabs entry" },
  { id: "28-009", condition: "A page containing an annotation has a Tabs entry other than S" },
  { id: "28-010", condition: "A widget annotation is not nested within a <Form> tag" },
  { id: "28-011", condition: "A link annotation is not nested within a <Link> tag" },
  { id: "28-012", condition: "A link annotation does not include an alternate description in its Contents entry" },
  { id: "30-001", condition: "A reference XObject is present" },
  { id: "31-009", condition: "For a font used by text the font program is not embedded" },
  { id: "31-027", condition: "A font dictionary does not contain a ToUnicode entry (and no exception applies)" },
  { id: "31-028", condition: "One or more Unicode values in a ToUnicode CMap are zero" },
  { id: "31-029", condition: "One or more Unicode values in a ToUnicode CMap are U+FEFF or U+FFFE" },
];

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
type Dict = { [key: string]: Value };
interface QpdfObject {
  value?: Value;
  stream?: { dict: Dict; data?: string };
}

/** The PDF's objects as qpdf reads them, with the helpers the checks share. */
class PdfObjects {
  readonly objects: Map<string, QpdfObject>;
  readonly trailer: Dict;

  constructor(file: string) {
    const json = JSON.parse(
      execFileSync("qpdf", ["--json", "--json-key=qpdf", "--decode-level=all", "--json-stream-data=inline", file], {
        encoding: "utf8",
        maxBuffer: 512 * 1024 * 1024,
      }),
    ) as { qpdf: [unknown, Record<string, QpdfObject>] };
    this.objects = new Map(Object.entries(json.qpdf[1]).map(([key, object]) => [key.replace(/^obj:/, ""), object]));
    this.trailer = (this.objects.get("trailer")?.value as Dict | undefined) ?? {};
  }

  /** Follows a reference ("12 0 R") to its value or stream dictionary. */
  resolve(value: Value | undefined): Value | undefined {
    if (typeof value === "string" && /^\d+ \d+ R$/.test(value)) {
      const object = this.objects.get(value);
      return object?.value ?? object?.stream?.dict;
    }
    return value;
  }

  dict(value: Value | undefined): Dict | undefined {
    const resolved = this.resolve(value);
    return resolved && typeof resolved === "object" && !Array.isArray(resolved) ? resolved : undefined;
  }

  array(value: Value | undefined): Value[] {
    const resolved = this.resolve(value);
    if (resolved === undefined || resolved === null) return [];
    return Array.isArray(resolved) ? resolved : [resolved];
  }

  streamData(reference: Value | undefined): Buffer | undefined {
    if (typeof reference !== "string") return undefined;
    const data = this.objects.get(reference)?.stream?.data;
    return data === undefined ? undefined : Buffer.from(data, "base64");
  }

  catalog(): Dict {
    return this.dict(this.trailer["/Root"]) ?? {};
  }

  /** Page dictionaries with their references, in page order. */
  pages(): Array<{ ref: string; dict: Dict }> {
    const pages: Array<{ ref: string; dict: Dict }> = [];
    const visit = (ref: Value | undefined) => {
      const node = this.dict(ref);
      if (!node) return;
      if (node["/Type"] === "/Pages") for (const kid of this.array(node["/Kids"])) visit(kid);
      else pages.push({ ref: String(ref), dict: node });
    };
    visit(this.catalog()["/Pages"]);
    return pages;
  }

  /** Every dictionary (plain or a stream's) in the file. */
  *allDicts(): Generator<{ ref: string; dict: Dict }> {
    for (const [ref, object] of this.objects) {
      const dict = object.stream?.dict ?? object.value;
      if (dict && typeof dict === "object" && !Array.isArray(dict)) yield { ref, dict };
    }
  }
}

/** A text string of qpdf's JSON ("u:text" or "b:hex") as text. */
function textOf(value: Value | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  if (value.startsWith("u:")) return value.slice(2);
  if (value.startsWith("b:")) return Buffer.from(value.slice(2), "hex").toString("latin1");
  return undefined;
}

/** A structure element of the tree, with its parent's type. */
interface StructElement {
  ref: string;
  type: string;
  /** Type after the role map. */
  role: string;
  dict: Dict;
  parentRole: string | undefined;
  kids: StructElement[];
}

const STANDARD_TYPES = new Set(
  (
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody " +
    "Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP " +
    "Figure Formula Form"
  ).split(" "),
);

/** One content-stream operation: operator and its operands' raw text. */
interface Operation {
  operator: string;
  operands: string;
}

/** Scans a content stream into operations (strings, hex strings, arrays and dictionaries as operands). */
export function scanContent(data: Buffer): Operation[] {
  const text = data.toString("latin1");
  const operations: Operation[] = [];
  const token =
    /\s+|%[^\r\n]*|\((?:\\[\s\S]|[^\\()]|\((?:\\[\s\S]|[^\\()])*\))*\)|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|\/[^\s()<>[\]{}/%]*|[+-]?(?:\d+\.?\d*|\.\d+)|[^\s()<>[\]{}/%]+/gy;
  let operands = "";
  for (let match = token.exec(text); match; match = token.exec(text)) {
    const piece = match[0];
    if (/^\s/.test(piece) || piece.startsWith("%")) continue;
    if (/^[A-Za-z'"][A-Za-z0-9*'"]*$/.test(piece) && !["true", "false", "null"].includes(piece)) {
      operations.push({ operator: piece, operands });
      operands = "";
    } else {
      operands += `${piece} `;
    }
    if (token.lastIndex >= text.length) break;
  }
  return operations;
}

const PAINTING = new Set(["Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"]);

/** The result: for each checkpoint id, the failures found (empty when it passes). */
export type MatterhornReport = Map<string, string[]>;

/** Checks a PDF file against every checkpoint in {@link CHECKPOINTS}. */
export function checkMatterhorn(file: string): MatterhornReport {
  const pdf = new PdfObjects(file);
  const report: MatterhornReport = new Map(CHECKPOINTS.map((checkpoint) => [checkpoint.id, []]));
  const fail = (id: string, problem: string) => report.get(id)?.push(problem);
  const catalog = pdf.catalog();

  // 01-007: Suspects.
  if (pdf.dict(catalog["/MarkInfo"])?.["/Suspects"] === true) fail("01-007", "MarkInfo /Suspects is true");

  // 06: XMP metadata.
  const xmp = pdf.streamData(catalog["/Metadata"])?.toString("utf8");
  if (xmp === undefined) fail("06-001", "the catalog has no /Metadata stream");
  else {
    if (!/<pdfuaid:part>\s*1\s*<\/pdfuaid:part>|pdfuaid:part=["']1["']/.test(xmp)) fail("06-002", "no pdfuaid:part 1");
    if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>[^<]+<\/rdf:li>[\s\S]*?<\/dc:title>/.test(xmp)) fail("06-003", "no dc:title");
  }

  // 07: the title shown in the window.
  const preferences = pdf.dict(catalog["/ViewerPreferences"]);
  if (preferences?.["/DisplayDocTitle"] === undefined) fail("07-001", "no /DisplayDocTitle");
  else if (preferences["/DisplayDocTitle"] !== true) fail("07-002", "/DisplayDocTitle is false");

  // 11-001: a document language (elements may set their own, but with none, nothing is determined).
  const language = textOf(catalog["/Lang"]);
  if (!language?.trim()) fail("11-001", "the catalog has no /Lang");

  // 02: role map.
  const root = pdf.dict(catalog["/StructTreeRoot"]);
  const roleMap = pdf.dict(root?.["/RoleMap"]) ?? {};
  for (const [from] of Object.entries(roleMap)) {
    if (STANDARD_TYPES.has(from.slice(1))) fail("02-004", `standard type ${from} is remapped`);
  }
  const roleOf = (type: string): string | undefined => {
    const seen = new Set<string>();
    let current = type;
    while (!STANDARD_TYPES.has(current)) {
      if (seen.has(current)) {
        fail("02-003", `circular mapping through /${current}`);
        return undefined;
      }
      seen.add(current);
      const next = roleMap[`/${current}`];
      if (typeof next !== "string") return undefined;
      current = next.slice(1);
    }
    return current;
  };

  // The structure tree, and the marked-content ids and annotations it owns.
  const elements: StructElement[] = [];
  const taggedMcids = new Set<string>();
  const taggedAnnotations = new Map<string, string>();
  const build = (ref: Value, parentRole: string | undefined, pageRef: Value | undefined): StructElement | undefined => {
    const dict = pdf.dict(ref);
    if (!dict || typeof dict["/S"] !== "string") return undefined;
    const type = dict["/S"].slice(1);
    const role = roleOf(type);
    if (role === undefined && !report.get("02-003")?.some((problem) => problem.includes(type))) {
      fail("02-001", `/${type} is not a standard type and is not mapped to one`);
    }
    const element: StructElement = {
      ref: typeof ref === "string" ? ref : "(direct object)",
      type,
      role: role ?? type,
      dict,
      parentRole,
      kids: [],
    };
    elements.push(element);
    const page = dict["/Pg"] ?? pageRef;
    for (const kid of pdf.array(dict["/K"])) {
      if (typeof kid === "number") {
        taggedMcids.add(`${page} ${kid}`);
        continue;
      }
      const kidDict = pdf.dict(kid);
      if (!kidDict) continue;
      if (kidDict["/Type"] === "/MCR") {
        taggedMcids.add(`${kidDict["/Pg"] ?? page} ${kidDict["/MCID"]}`);
      } else if (kidDict["/Type"] === "/OBJR") {
        taggedAnnotations.set(String(kidDict["/Obj"]), element.role);
      } else {
        const child = build(kid, element.role, page);
        if (child) element.kids.push(child);
      }
    }
    return element;
  };
  const top: StructElement[] = [];
  for (const kid of pdf.array(root?.["/K"])) {
    const element = build(kid, undefined, undefined);
    if (element) top.push(element);
  }

  // 09-004, 09-005, 09-006: what may contain what (ISO 32000-1 Tables 333, 336, 337).
  const allowedParents: Record<string, { id: string; parents: string[] }> = {
    LI: { id: "09-005", parents: ["L"] },
    Lbl: { id: "09-005", parents: ["LI", "BibEntry", "Note"] },
    LBody: { id: "09-005", parents: ["LI"] },
    TOCI: { id: "09-006", parents: ["TOC"] },
    TR: { id: "09-004", parents: ["Table", "THead", "TBody", "TFoot"] },
    TH: { id: "09-004", parents: ["TR"] },
    TD: { id: "09-004", parents: ["TR"] },
    THead: { id: "09-004", parents: ["Table"] },
    TBody: { id: "09-004", parents: ["Table"] },
    TFoot: { id: "09-004", parents: ["Table"] },
  };
  const allowedKids: Record<string, { id: string; kids: string[] }> = {
    L: { id: "09-005", kids: ["LI", "L", "Caption"] },
    LI: { id: "09-005", kids: ["Lbl", "LBody"] },
    TOC: { id: "09-006", kids: ["TOCI", "TOC", "Caption"] },
    Table: { id: "09-004", kids: ["TR", "THead", "TBody", "TFoot", "Caption"] },
    TR: { id: "09-004", kids: ["TH", "TD"] },
    THead: { id: "09-004", kids: ["TR"] },
    TBody: { id: "09-004", kids: ["TR"] },
    TFoot: { id: "09-004", kids: ["TR"] },
  };
  for (const element of elements) {
    const parents = allowedParents[element.role];
    if (parents && !parents.parents.includes(element.parentRole ?? "")) {
      fail(parents.id, `<${element.type}> ${element.ref} inside <${element.parentRole ?? "root"}>`);
    }
    const kids = allowedKids[element.role];
    for (const kid of element.kids) {
      if (kids && !kids.kids.includes(kid.role)) fail(kids.id, `<${kid.type}> ${kid.ref} inside <${element.type}>`);
    }
    if (kids) {
      const direct = pdf
        .array(element.dict["/K"])
        .filter((kid) => typeof kid === "number" || pdf.dict(kid)?.["/Type"] === "/MCR");
      if (direct.length > 0) fail(kids.id, `<${element.type}> ${element.ref} holds content directly`);
    }
  }

  // 13-004, 17-002: figures and formulas need alternative text.
  for (const element of elements) {
    const described = textOf(element.dict["/Alt"])?.trim() || textOf(element.dict["/ActualText"])?.trim();
    if (element.role === "Figure" && !described) fail("13-004", `<${element.type}> ${element.ref} has no /Alt`);
    if (element.role === "Formula" && !textOf(element.dict["/Alt"])?.trim())
      fail("17-002", `<${element.type}> ${element.ref}`);
  }

  // 14: headings, in document order.
  const headings = elements.filter((element) => /^H[1-6]?$/.test(element.role));
  const numbered = headings.filter((element) => element.role !== "H").map((element) => Number(element.role.slice(1)));
  if (numbered.length > 0 && numbered[0] !== 1) fail("14-002", `the first heading is <H${numbered[0]}>`);
  numbered.forEach((level, index) => {
    const previous = index === 0 ? 0 : (numbered[index - 1] ?? 0);
    if (level > previous + 1) fail("14-003", `<H${level}> follows <H${previous || "none"}>`);
  });
  if (numbered.length > 0 && headings.some((element) => element.role === "H")) fail("14-007", "both <H> and <H#>");
  for (const element of [...elements, { kids: top, ref: "root" } as StructElement]) {
    if (element.kids.filter((kid) => kid.role === "H").length > 1) fail("14-006", `${element.ref} has several <H>`);
  }

  // 15-003: header cells need a scope when the table does not use Headers/IDs.
  for (const element of elements.filter((candidate) => candidate.role === "TH")) {
    const attributes = pdf.array(element.dict["/A"]).map((attribute) => pdf.dict(attribute) ?? {});
    const hasScope = attributes.some((attribute) => attribute["/Scope"] !== undefined);
    const usesHeaders = elements.some((cell) =>
      pdf.array(cell.dict["/A"]).some((attribute) => pdf.dict(attribute)?.["/Headers"] !== undefined),
    );
    if (!hasScope && !usesHeaders) fail("15-003", `<TH> ${element.ref} has no /Scope`);
  }

  // 19: notes.
  const noteIds = new Map<string, number>();
  for (const element of elements.filter((candidate) => candidate.role === "Note")) {
    const id = textOf(element.dict["/ID"]);
    if (!id) fail("19-003", `<Note> ${element.ref} has no /ID`);
    else noteIds.set(id, (noteIds.get(id) ?? 0) + 1);
  }
  for (const [id, count] of noteIds) if (count > 1) fail("19-004", `/ID ${id} on ${count} notes`);

  // 20: optional content.
  const ocProperties = pdf.dict(catalog["/OCProperties"]);
  if (ocProperties) {
    for (const config of pdf.array(ocProperties["/Configs"]).map((entry) => pdf.dict(entry) ?? {})) {
      if (!textOf(config["/Name"])) fail("20-001", "a configuration without /Name");
      if (config["/AS"] !== undefined) fail("20-003", "an /AS entry");
    }
    const defaults = pdf.dict(ocProperties["/D"]) ?? {};
    if (!textOf(defaults["/Name"])) fail("20-002", "the default configuration has no /Name");
    if (defaults["/AS"] !== undefined) fail("20-003", "an /AS entry in /D");
  }

  // 25-001, 26: XFA and encryption.
  const acroForm = pdf.dict(catalog["/AcroForm"]);
  if (acroForm?.["/XFA"] !== undefined) {
    const parts = pdf.array(acroForm["/XFA"]).map((part) => pdf.streamData(part)?.toString("utf8") ?? "");
    if (parts.some((part) => /dynamicRender[^<]*required/.test(part))) fail("25-001", "dynamicRender required");
  }
  const encryption = pdf.dict(pdf.trailer["/Encrypt"]);
  if (encryption) {
    const permissions = encryption["/P"];
    if (typeof permissions !== "number") fail("26-001", "no /P");
    else if ((permissions & (1 << 9)) === 0) fail("26-002", "bit 10 of /P is off");
  }

  // 21-001, 30-001, 31: embedded files, reference XObjects, fonts.
  for (const { ref, dict } of pdf.allDicts()) {
    if (dict["/Type"] === "/Filespec" && dict["/EF"] !== undefined && (!dict["/F"] || !dict["/UF"])) {
      fail("21-001", `${ref} lacks /F or /UF`);
    }
    if (dict["/Subtype"] === "/Form" && dict["/Ref"] !== undefined) fail("30-001", `${ref} is a reference XObject`);
    // Descendant CIDFonts are read through their Type 0 font, which carries the ToUnicode map.
    if (dict["/Type"] === "/Font" && dict["/Subtype"] !== "/CIDFontType0" && dict["/Subtype"] !== "/CIDFontType2") {
      const subtype = dict["/Subtype"];
      const descendant = pdf.dict(pdf.array(dict["/DescendantFonts"])[0]);
      const descriptor = pdf.dict((descendant ?? dict)["/FontDescriptor"]);
      if (
        subtype !== "/Type3" &&
        !descriptor?.["/FontFile"] &&
        !descriptor?.["/FontFile2"] &&
        !descriptor?.["/FontFile3"]
      ) {
        fail("31-009", `${ref} ${String(dict["/BaseFont"])} is not embedded`);
      }
      const standardEncoding = ["/MacRomanEncoding", "/MacExpertEncoding", "/WinAnsiEncoding"].includes(
        String(dict["/Encoding"]),
      );
      const ordering = textOf(pdf.dict(descendant?.["/CIDSystemInfo"])?.["/Ordering"]);
      const knownCollection = ["GB1", "CNS1", "Japan1", "Korea1"].includes(ordering ?? "");
      if (dict["/ToUnicode"] === undefined && !standardEncoding && !knownCollection && subtype !== "/TrueType") {
        fail("31-027", `${ref} ${String(dict["/BaseFont"])} has no /ToUnicode`);
        fail("10-001", `${ref} ${String(dict["/BaseFont"])}: its codes cannot be mapped to Unicode`);
      }
      const cmap = pdf.streamData(dict["/ToUnicode"])?.toString("latin1");
      if (cmap) {
        const targets = [
          ...cmap.matchAll(
            /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>|<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
          ),
        ]
          .map((match) => (match[3] ?? match[5] ?? "").toUpperCase())
          .filter(Boolean);
        if (targets.some((target) => /^0+$/.test(target))) fail("31-028", `${ref} maps a code to U+0000`);
        if (targets.some((target) => target === "FEFF" || target === "FFFE"))
          fail("31-029", `${ref} maps to U+FEFF/FFFE`);
      }
    }
  }

  // 28: annotations.
  const parentTree = new Map<number, Value>();
  const collectNums = (node: Dict | undefined) => {
    if (!node) return;
    const nums = pdf.array(node["/Nums"]);
    for (let index = 0; index + 1 < nums.length; index += 2)
      parentTree.set(Number(nums[index]), nums[index + 1] ?? null);
    for (const kid of pdf.array(node["/Kids"])) collectNums(pdf.dict(kid));
  };
  collectNums(pdf.dict(root?.["/ParentTree"]));
  for (const page of pdf.pages()) {
    const annotations = pdf.array(page.dict["/Annots"]);
    if (annotations.length === 0) continue;
    if (page.dict["/Tabs"] === undefined) fail("28-008", `page ${page.ref} has annotations and no /Tabs`);
    else if (page.dict["/Tabs"] !== "/S") fail("28-009", `page ${page.ref} has /Tabs ${String(page.dict["/Tabs"])}`);
    for (const reference of annotations) {
      const annotation = pdf.dict(reference) ?? {};
      const subtype = String(annotation["/Subtype"]);
      const key = annotation["/StructParent"];
      const parent = typeof key === "number" ? pdf.dict(parentTree.get(key) ?? undefined) : undefined;
      const enclosing =
        taggedAnnotations.get(String(reference)) ?? (parent ? roleOf(String(parent["/S"]).slice(1)) : undefined);
      const alt = parent ? textOf(parent["/Alt"]) : undefined;
      const contents = textOf(annotation["/Contents"])?.trim();
      if (subtype === "/Link") {
        if (enclosing !== "Link") fail("28-011", `${String(reference)} is inside <${enclosing ?? "nothing"}>`);
        if (!contents) fail("28-012", `${String(reference)} has no /Contents`);
      } else if (subtype === "/Widget") {
        if (enclosing !== "Form") fail("28-010", `${String(reference)} is inside <${enclosing ?? "nothing"}>`);
      } else if (subtype !== "/PrinterMark" && subtype !== "/Popup") {
        if (enclosing !== "Annot")
          fail("28-002", `${String(reference)} ${subtype} is inside <${enclosing ?? "nothing"}>`);
      }
      if (subtype !== "/Widget" && subtype !== "/Popup" && !contents && !alt) {
        fail("28-004", `${String(reference)} ${subtype} has neither /Contents nor /Alt`);
      }
    }
  }

  // 01-003, 01-004, 01-005: every painting operator is in tagged content or in an artifact, never both.
  for (const [index, page] of pdf.pages().entries()) {
    const contents = pdf.resolve(page.dict["/Contents"]);
    const streams = Array.isArray(contents) ? contents : contents === undefined ? [] : [page.dict["/Contents"] ?? null];
    const data = Buffer.concat(
      streams.map((stream) => Buffer.concat([pdf.streamData(stream) ?? Buffer.alloc(0), Buffer.from("\n")])),
    );
    const stack: Array<"artifact" | "tagged" | "other"> = [];
    let untagged = 0;
    for (const { operator, operands } of scanContent(data)) {
      if (operator === "BMC" || operator === "BDC") {
        const tag = /^\/([^\s<[(/]+)/.exec(operands.trim())?.[1] ?? "";
        const kind = tag === "Artifact" ? "artifact" : /\/MCID\s+\d+/.test(operands) ? "tagged" : "other";
        const mcid = /\/MCID\s+(\d+)/.exec(operands)?.[1];
        if (kind === "artifact" && stack.includes("tagged"))
          fail("01-003", `page ${index + 1}: an artifact inside tagged content`);
        if (kind === "tagged" && stack.includes("artifact"))
          fail("01-004", `page ${index + 1}: MCID ${mcid} inside an artifact`);
        if (kind === "tagged" && mcid !== undefined && !taggedMcids.has(`${page.ref} ${mcid}`)) {
          fail("01-005", `page ${index + 1}: MCID ${mcid} belongs to no structure element`);
        }
        stack.push(kind);
      } else if (operator === "EMC") {
        stack.pop();
      } else if (PAINTING.has(operator) && !stack.includes("artifact") && !stack.includes("tagged")) {
        untagged++;
      }
    }
    if (untagged > 0) fail("01-005", `page ${index + 1}: ${untagged} painting operations neither tagged nor artifacts`);
  }
  return report;
}
