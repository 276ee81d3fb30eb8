import { execFileSync } from "node:child_process";

/** A PDF object as qpdf's JSON gives it: a dictionary whose keys are PDF names ("/Type"). */
export type PdfObject = Record<string, unknown>;

function qpdfJson<T>(pdfFile: string, key: string): T {
  let json: string;
  try {
    json = execFileSync("qpdf", ["--json", `--json-key=${key}`, pdfFile], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(`qpdf failed (install qpdf): ${String(error)}`);
  }
  return JSON.parse(json) as T;
}

/** The PDF's objects by reference ("12 0 R"), as qpdf's JSON gives them. */
export function pdfObjects(pdfFile: string): Map<string, PdfObject> {
  const json = qpdfJson<{ qpdf: [unknown, Record<string, { value?: PdfObject }>] }>(pdfFile, "qpdf");
  return new Map(
    Object.entries(json.qpdf[1]).flatMap(([key, object]) =>
      object.value && typeof object.value === "object" ? [[key.replace(/^obj:/, ""), object.value]] : [],
    ),
  );
}

/** The document catalog among the PDF's objects. */
export function catalogOf(objects: Map<string, PdfObject>): PdfObject | undefined {
  return [...objects.values()].find((object) => object["/Type"] === "/Catalog");
}

/** A place on a page: the page's number (from 1) and a height in points from the page's top. */
export interface PagePoint {
  page: number;
  top: number;
}

/** An internal link: the named destination it leads to, and the box it covers on its page. */
export interface InternalLink {
  destination: string;
  page: number;
  /** From the page's top, in points. */
  top: number;
  bottom: number;
}

/** What a PDF says about its internal links: every link annotation to a name, and where each name is. */
export interface PdfLinks {
  links: InternalLink[];
  destinations: Map<string, PagePoint>;
}

/**
 * Reads a PDF's internal links (link annotations with a named `/Dest`) and its named destinations
 * (the catalog's `/Dests`, as Chromium writes them), with heights measured from each page's top as
 * poppler's `pdftotext -bbox-layout` measures them.
 */
export function pdfLinks(pdfFile: string): PdfLinks {
  const objects = pdfObjects(pdfFile);
  const pageOrder = qpdfJson<{ pages: { object: string }[] }>(pdfFile, "pages").pages.map((page) => page.object);
  const resolve = (value: unknown): unknown =>
    typeof value === "string" && objects.has(value) ? objects.get(value) : value;
  const heightOf = (pageRef: string): number => {
    const box = resolve(objects.get(pageRef)?.["/MediaBox"]) as number[] | undefined;
    return box?.[3] ?? 0;
  };
  const links: InternalLink[] = [];
  pageOrder.forEach((pageRef, index) => {
    const annotations = (resolve(objects.get(pageRef)?.["/Annots"]) as string[] | undefined) ?? [];
    for (const ref of annotations) {
      const annotation = objects.get(ref);
      const destination = annotation?.["/Dest"];
      if (annotation?.["/Subtype"] !== "/Link" || typeof destination !== "string") continue;
      const [, y1 = 0, , y2 = 0] = (resolve(annotation["/Rect"]) as number[] | undefined) ?? [];
      const height = heightOf(pageRef);
      links.push({
        destination: destination.replace(/^\//, ""),
        page: index + 1,
        top: height - Math.max(y1, y2),
        bottom: height - Math.min(y1, y2),
      });
    }
  });
  const destinations = new Map<string, PagePoint>();
  const named = resolve(catalogOf(objects)?.["/Dests"]) as PdfObject | undefined;
  for (const [name, value] of Object.entries(named ?? {})) {
    const target = resolve(value);
    const array = (Array.isArray(target) ? target : resolve((target as PdfObject | undefined)?.["/D"])) as
      | unknown[]
      | undefined;
    const [pageRef, kind, , top] = array ?? [];
    if (typeof pageRef !== "string" || kind !== "/XYZ" || typeof top !== "number") continue;
    destinations.set(name.replace(/^\//, ""), { page: pageOrder.indexOf(pageRef) + 1, top: heightOf(pageRef) - top });
  }
  return { links, destinations };
}
