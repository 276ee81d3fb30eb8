import fs from "node:fs";
import path from "node:path";
import type { Code, Image, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table } from "mdast";
import { toString as mdastToString } from "mdast-util-to-string";
import { SKIP, visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { contentKeyedCacheDir } from "../build/cache-dir.ts";
import { readEnvironment } from "../build/environment.ts";
import { ContentError } from "../content/content-error.ts";
import { imageFileProblem } from "../content/image-file.ts";
import {
  ALGORITHM_COMPONENT,
  FIGURE_COMPONENT,
  isComponent,
  jsxAttribute,
  LISTING_COMPONENT,
  labelToId,
  TABLE_COMPONENT,
} from "../content/mdx-components.ts";
import { nearestMatch } from "../content/nearest-match.ts";
import { pdfFigurePng } from "../content/pdf-figure.ts";
import type { NumberedBlock } from "../report/cross-references.ts";

/** A section's figures, tables and listings as the report numbers them. */
export interface NumberedBlocks {
  figures: readonly NumberedBlock[];
  tables: readonly NumberedBlock[];
  listings?: readonly NumberedBlock[];
  algorithms?: readonly NumberedBlock[];
}

/** Options of {@link remarkFigures}. */
export interface FigureOptions {
  /** The numbered figures and tables of the section a file holds; undefined for a file that is no section. */
  numberedOf: (file: VFile) => NumberedBlocks | undefined;
  /** Where PDF figures drawn as PNG are kept between builds; the content-keyed cache by default. */
  pdfFigureCacheDir?: string;
}

/** Widths a response image is generated at; Astro drops the ones wider than the original. */
export const IMAGE_WIDTHS = [320, 480, 640, 800, 960, 1280, 1600];

/**
 * The widths as each compiler hands them to Astro's image service: MDX passes a property string to
 * its image component, Markdown (.md) the property's value itself to getImage, which wants numbers.
 */
function imageWidths(file: VFile): string {
  // The property is typed as the string MDX's component takes; Markdown's getImage reads the array.
  return /\.md$/i.test(file.path ?? "") ? (IMAGE_WIDTHS as unknown as string) : IMAGE_WIDTHS.join(" ");
}

/** The text column's widest size (the site's 68ch measure), for the browser's choice of image. */
const COLUMN = "44rem";

/** Figure widths an author may ask for: whole percentages in steps of 5, each a stylesheet class. */
export const FIGURE_WIDTHS = Array.from({ length: 17 }, (_, index) => 20 + index * 5);

/** Image formats the pipeline reads. */
const IMAGE_EXTENSIONS = /\.(?:png|jpe?g|webp|avif|gif|tiff?|svg)$/i;

/** A PDF figure, drawn as a PNG before the image pipeline sees it (pdf-figure.ts). */
const PDF_EXTENSION = /\.pdf$/i;

/** True for a path written in content that names a local file (not a URL, not a site path, not a fragment). */
function isLocalPath(src: string): boolean {
  return !(/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("/") || src.startsWith("#"));
}

/** The `sizes` of a figure at a share of the column: full screen width on a phone. */
export function imageSizes(percent: number): string {
  const column = percent === 100 ? COLUMN : `calc(${COLUMN} * ${percent / 100})`;
  return `(min-width: 48rem) ${column}, calc(100vw - 2rem)`;
}

interface Problem {
  line: number | undefined;
  problem: string;
  fix: string;
}

function fail(file: VFile, { line, problem, fix }: Problem): never {
  throw new ContentError({ file: file.path, line, problem, fix });
}

/** The file a local image path names, decoded as a browser decodes it; a malformed % stops the build at its line. */
function imageTarget(file: VFile, src: string, line: number | undefined): string {
  let decoded: string;
  try {
    decoded = decodeURI(src);
  } catch {
    fail(file, {
      line,
      problem: `the image path ${src} holds a % that starts no percent-encoded character (browsers and the build cannot read it).`,
      fix: "write the file's name as it is (spaces as %20), or rename the file without %.",
    });
  }
  return path.resolve(path.dirname(file.path), decoded);
}

/** Checks a local image exists and is an image, naming the section, line and path when not. */
export function checkImageFile(file: VFile, src: string, line: number | undefined): void {
  if (!isLocalPath(src)) return;
  const target = imageTarget(file, src, line);
  // Missing first: a name that decodes to no image name (chart%252Epng) names no file either.
  checkExists(file, src, target, line);
  if (!IMAGE_EXTENSIONS.test(target)) {
    fail(file, {
      line,
      problem: `the image ${src} is not in an image format the site can publish.`,
      fix: "use a PNG, JPEG, WebP, AVIF, GIF, SVG or one-page PDF file.",
    });
  }
  const problem = imageFileProblem(target);
  if (problem) fail(file, { line, problem: `the image ${src} ${problem.problem}`, fix: problem.fix });
}

function checkExists(file: VFile, src: string, target: string, line: number | undefined): void {
  if (!fs.existsSync(target) || !fs.statSync(target).isFile()) {
    const folder = path.dirname(target);
    const siblings = fs.existsSync(folder)
      ? fs.readdirSync(folder).filter((name) => IMAGE_EXTENSIONS.test(name) || PDF_EXTENSION.test(name))
      : [];
    const suggestion = nearestMatch(path.basename(target), siblings);
    fail(file, {
      line,
      problem: `the image ${src} does not exist (looked for ${path.relative(process.cwd(), target)}).`,
      fix: suggestion
        ? `did you mean ${path.posix.dirname(src) === "." && !src.startsWith("./") ? suggestion : `${path.posix.dirname(src)}/${suggestion}`}? Paths are relative to the section file.`
        : "put the image beside the section (for example in content/sections/images/) and write its path relative to the section file, such as ./images/chart.png.",
    });
  }
}

/** Where an image is written in the tree: a Markdown image's url or a `<Figure>`'s src. */
interface ImageReference {
  src: string;
  line: number | undefined;
  replace: (src: string) => void;
}

function imageReferences(tree: Root): ImageReference[] {
  const found: ImageReference[] = [];
  visit(tree, (node) => {
    if (node.type === "image") {
      found.push({ src: node.url, line: node.position?.start.line, replace: (src) => (node.url = src) });
    } else if (isComponent(node, FIGURE_COMPONENT)) {
      const attribute = (node as unknown as JsxElement).attributes?.find(
        (item) => item.type === "mdxJsxAttribute" && item.name === "src" && typeof item.value === "string",
      );
      if (attribute) {
        found.push({
          src: attribute.value as string,
          line: node.position?.start.line,
          replace: (src) => (attribute.value = src),
        });
      }
    }
  });
  return found;
}

/**
 * Draws every PDF figure of a file as a PNG (from the cache when drawn before) and points the image
 * at it, written relative to the file as the image pipeline wants; a PDF that cannot be a figure
 * stops the build at its line.
 */
async function drawPdfFigures(tree: Root, file: VFile, cacheDir: string): Promise<void> {
  for (const reference of imageReferences(tree)) {
    if (!isLocalPath(reference.src) || !PDF_EXTENSION.test(reference.src.replace(/[?#].*$/s, ""))) continue;
    const target = imageTarget(file, reference.src, reference.line);
    checkExists(file, reference.src, target, reference.line);
    const drawn = await pdfFigurePng(target, cacheDir);
    if (!("file" in drawn)) {
      fail(file, { line: reference.line, problem: `the image ${reference.src} ${drawn.problem}`, fix: drawn.fix });
    }
    const relative = path.relative(path.dirname(file.path), drawn.file).split(path.sep).join("/");
    reference.replace(encodeURI(relative.startsWith(".") ? relative : `./${relative}`));
  }
}

function widthOf(file: VFile, value: string | undefined, line: number | undefined): number {
  if (value === undefined) return 100;
  const percent = /^(\d{2,3})%$/.exec(value.trim())?.[1];
  if (percent === undefined || !FIGURE_WIDTHS.includes(Number(percent))) {
    fail(file, {
      line,
      problem: `width="${value}" is not a figure width.`,
      fix: `write a share of the text column from 20% to 100% in steps of 5, for example width="60%".`,
    });
  }
  return Number(percent);
}

function checkLabel(
  file: VFile,
  label: string | undefined,
  prefix: "fig" | "tbl" | "lst" | "alg",
  line: number | undefined,
): void {
  if (label === undefined || new RegExp(`^${prefix}:[\\p{L}\\p{N}_][\\p{L}\\p{N}_.:-]*$`, "u").test(label)) return;
  fail(file, {
    line,
    problem: `id="${label}" is not a ${{ fig: "figure", tbl: "table", lst: "listing", alg: "algorithm" }[prefix]} label.`,
    fix: `start it with "${prefix}:" and use letters, digits and hyphens, for example id="${prefix}:${label.replace(/^[a-z]+[:-]/, "").replace(/[^\p{L}\p{N}_-]+/gu, "-") || "results"}", and refer to it as @${prefix}:….`,
  });
}

/**
 * The caption's inline content: paragraphs joined with a space (a caption is one run of text); the
 * one-line form's inline children already are one run.
 */
function captionPhrasing(children: readonly RootContent[]): PhrasingContent[] {
  const phrasing: PhrasingContent[] = [];
  let afterParagraph = false;
  for (const child of children) {
    const paragraph = child.type === "paragraph";
    const inline = paragraph ? child.children : [child as PhrasingContent];
    if (phrasing.length > 0 && inline.length > 0 && (paragraph || afterParagraph)) {
      phrasing.push({ type: "text", value: " " });
    }
    phrasing.push(...inline);
    afterParagraph = paragraph;
  }
  // Trim the whitespace a multi-line JSX element leaves at its ends.
  const first = phrasing[0];
  if (first?.type === "text") first.value = first.value.trimStart();
  const last = phrasing.at(-1);
  if (last?.type === "text") last.value = last.value.trimEnd();
  return phrasing.filter((node) => node.type !== "text" || node.value !== "");
}

function captionLabel(kind: string, number: number): PhrasingContent {
  return {
    type: "strong",
    data: { hName: "span", hProperties: { className: ["caption-number"] } },
    children: [{ type: "text", value: `${kind}\u00a0${number}.` }],
  };
}

/** A block node that becomes the given element: mdast has no figure, so the tag comes from its data. */
function block(hName: string, hProperties: Record<string, unknown>, children: unknown[]): RootContent {
  return { type: "blockquote", data: { hName, hProperties }, children } as unknown as RootContent;
}

interface JsxElement {
  type: string;
  name?: string | null;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children: RootContent[];
  position?: { start: { line: number } };
}

/**
 * The number the report's analysis gave a figure or table. None is never printed as 0: a figure on
 * a page (only sections number them) is the author's to fix, and a section's figure without one
 * means the analysis read other text than the render (a cache of another content folder).
 */
function numberOf(
  numbered: NumberedBlock | undefined,
  kind: "figure" | "table" | "listing" | "algorithm",
  file: VFile,
  line: number | undefined,
): number {
  if (numbered) return numbered.number;
  throw new ContentError({
    file: file.path,
    line,
    problem: `the ${kind} has no number: ${kind}s are numbered in sections only, or (in a section) the report's analysis read another version of the file than the one rendered (internal error).`,
    fix: `on a page, show the ${kind === "figure" ? "image with Markdown (![alt](./images/x.png))" : `${kind} without a caption`} and no number; in a section, delete REPORT_CACHE_DIR and .astro/ and build again, and report the case if it stays.`,
  });
}

function figureNode(element: JsxElement, numbered: NumberedBlock | undefined, file: VFile): RootContent {
  const line = element.position?.start.line;
  for (const attribute of element.attributes ?? []) {
    if (attribute.type !== "mdxJsxAttribute" || typeof attribute.value !== "string") {
      fail(file, {
        line,
        problem: `<Figure> has an attribute that is not a plain "text" value${attribute.name ? ` (${attribute.name})` : ""}.`,
        fix: 'write every attribute as name="value", for example <Figure src="./images/chart.png" alt="…">.',
      });
    }
    if (!["src", "alt", "id", "width"].includes(attribute.name ?? "")) {
      fail(file, {
        line,
        problem: `<Figure> has no attribute "${attribute.name}".`,
        fix: "use src, alt, id and width; the caption goes between <Figure …> and </Figure>.",
      });
    }
  }
  const src = jsxAttribute(element, "src");
  const alt = jsxAttribute(element, "alt")?.trim();
  const label = jsxAttribute(element, "id");
  const panels = element.children.filter(isImageParagraph);
  if (!src && panels.length > 0) return compositeFigure(element, panels, numbered, file);
  if (!src) {
    fail(file, {
      line,
      problem: "<Figure> has no src.",
      fix: 'name the image file relative to the section: <Figure src="./images/chart.png" alt="…">.',
    });
  }
  if (!alt) {
    fail(file, {
      line,
      problem: `the figure ${src} has no alt text.`,
      fix: 'describe what the image shows for readers who cannot see it: alt="…" (the caption is read as well, so do not repeat it).',
    });
  }
  checkLabel(file, label, "fig", line);
  const width = widthOf(file, jsxAttribute(element, "width"), line);
  checkImageFile(file, src, line);
  const caption = captionPhrasing(element.children);
  if (caption.length === 0) {
    fail(file, {
      line,
      problem: `the figure ${src} has no caption.`,
      fix: "write the caption between <Figure …> and </Figure>.",
    });
  }
  const image: Image = {
    type: "image",
    url: src,
    alt,
    data: {
      // An SVG scales by itself: one file, no resized copies.
      hProperties: {
        ...(/\.svg$/i.test(src) ? {} : { widths: imageWidths(file), sizes: imageSizes(width) }),
        loading: "lazy",
        decoding: "async",
      },
    },
  };
  const number = numberOf(numbered, "figure", file, line);
  return block(
    "figure",
    {
      ...(label ? { id: labelToId(label) } : {}),
      className: ["figure", ...(width < 100 ? [`figure-width-${width}`] : [])],
    },
    [
      { type: "paragraph", data: { hName: "div", hProperties: { className: ["figure-media"] } }, children: [image] },
      {
        type: "paragraph",
        data: { hName: "figcaption" },
        children: [captionLabel("Figure", number), { type: "text", value: " " }, ...caption],
      },
    ],
  );
}

/** A paragraph of images only: a panel row of a composite figure (Pandoc's `::: {#fig-x}`). */
function isImageParagraph(node: RootContent): node is Paragraph {
  return (
    node.type === "paragraph" &&
    node.children.some((child) => child.type === "image") &&
    node.children.every((child) => child.type === "image" || (child.type === "text" && child.value.trim() === ""))
  );
}

/** A figure of several images (panels) and one caption, numbered as one figure. */
function compositeFigure(
  element: JsxElement,
  panels: readonly Paragraph[],
  numbered: NumberedBlock | undefined,
  file: VFile,
): RootContent {
  const line = element.position?.start.line;
  const label = jsxAttribute(element, "id");
  checkLabel(file, label, "fig", line);
  const images = panels.flatMap((paragraph) =>
    paragraph.children.filter((child): child is Image => child.type === "image"),
  );
  for (const image of images) {
    checkImageFile(file, image.url, image.position?.start.line ?? line);
    const percent = Math.max(20, Math.floor(100 / Math.min(images.length, 3) / 5) * 5);
    image.data = {
      hProperties: {
        ...(/\.svg$/i.test(image.url) ? {} : { widths: imageWidths(file), sizes: imageSizes(percent) }),
        loading: "lazy",
        decoding: "async",
      },
    };
  }
  const caption = captionPhrasing(element.children.filter((child) => !isImageParagraph(child)));
  if (caption.length === 0) {
    fail(file, {
      line,
      problem: "the figure has no caption.",
      fix: "write the caption as the last paragraph of the figure.",
    });
  }
  return block("figure", { ...(label ? { id: labelToId(label) } : {}), className: ["figure", "figure-panels"] }, [
    { type: "paragraph", data: { hName: "div", hProperties: { className: ["figure-media"] } }, children: images },
    {
      type: "paragraph",
      data: { hName: "figcaption" },
      children: [
        captionLabel("Figure", numberOf(numbered, "figure", file, line)),
        { type: "text", value: " " },
        ...caption,
      ],
    },
  ]);
}

/**
 * Moves a table's column alignment (`|:--:|`) from the inline `style` Markdown tools write, which the
 * site's CSP blocks, to classes in the stylesheet.
 */
function alignWithClasses(table: Table): void {
  const align = table.align ?? [];
  for (const row of table.children) {
    row.children.forEach((cell, column) => {
      const side = align[column];
      if (side) cell.data = { ...cell.data, hProperties: { className: [`align-${side}`] } } as typeof cell.data;
    });
  }
  table.align = align.map(() => null);
}

function scrollRegion(table: Table, labelledBy: string | undefined, label: string | undefined): RootContent {
  alignWithClasses(table);
  // A named <section> is a region landmark: screen readers announce the table's caption on entering.
  return block(
    "section",
    {
      className: ["table-scroll"],
      tabIndex: 0,
      ...(labelledBy ? { ariaLabelledby: labelledBy } : { ariaLabel: label ?? "Table" }),
    },
    [table],
  );
}

/** Longest accessible name made from a bare table's column headings. */
const HEADINGS_LABEL_LENGTH = 80;

/** A cell's visible text; a citation still waiting for the citations plugin (a marked span) is left out. */
function cellText(node: Nodes): string {
  if (node.type === "emphasis" && (node.data as { hName?: string } | undefined)?.hName === "span") return "";
  if (!("children" in node)) return mdastToString(node);
  return (node.children as Nodes[]).map(cellText).join("");
}

/**
 * The name of a table without a caption: its column headings ("Table: Group, Founded"), so that
 * two such tables on one page are told apart when a screen reader lists the page's regions.
 */
export function bareTableLabel(table: Table): string {
  const headings = (table.children[0]?.children ?? [])
    .map((cell) => cellText(cell).replace(/\s+/g, " ").trim())
    .filter((text) => text !== "");
  if (headings.length === 0) return "Table";
  const label = `Table: ${headings.join(", ")}`;
  return label.length <= HEADINGS_LABEL_LENGTH ? label : `${label.slice(0, HEADINGS_LABEL_LENGTH - 1).trimEnd()}…`;
}

function tableNode(element: JsxElement, numbered: NumberedBlock | undefined, file: VFile): RootContent {
  const line = element.position?.start.line;
  for (const attribute of element.attributes ?? []) {
    if (attribute.name !== "id" || typeof attribute.value !== "string") {
      fail(file, {
        line,
        problem: `<Table> takes only an id attribute${attribute.name ? ` (found ${attribute.name})` : ""}.`,
        fix: 'write <Table id="tbl:name">, then the caption, a blank line and the Markdown table.',
      });
    }
  }
  const label = jsxAttribute(element, "id");
  checkLabel(file, label, "tbl", line);
  const tables = element.children.filter((child): child is Table => child.type === "table");
  if (tables.length !== 1) {
    fail(file, {
      line,
      problem: `<Table> holds ${tables.length} Markdown tables; it must hold exactly one.`,
      fix: "put the caption first, then a blank line, then one table in | a | b | form, then </Table>.",
    });
  }
  const [table] = tables as [Table];
  const caption = captionPhrasing(element.children.filter((child) => child.type !== "table"));
  if (caption.length === 0) {
    fail(file, {
      line,
      problem: "the table has no caption.",
      fix: "write the caption as the first line inside <Table>, before the table.",
    });
  }
  const number = numberOf(numbered, "table", file, line);
  const id = label ? labelToId(label) : `table-${number}`;
  const captionId = `${id}-caption`;
  return block("figure", { id, className: ["table-figure"] }, [
    {
      type: "paragraph",
      data: { hName: "figcaption", hProperties: { id: captionId } },
      children: [captionLabel("Table", number), { type: "text", value: " " }, ...caption],
    },
    scrollRegion(table, captionId, undefined),
  ]);
}

/**
 * A numbered code listing: "Listing N." and the caption above the code (as APA sets a table's), the
 * code block kept as it is so that the highlighter colours it.
 */
function listingNode(element: JsxElement, numbered: NumberedBlock | undefined, file: VFile): RootContent {
  const line = element.position?.start.line;
  for (const attribute of element.attributes ?? []) {
    if (attribute.name !== "id" || typeof attribute.value !== "string") {
      fail(file, {
        line,
        problem: `<Listing> takes only an id attribute${attribute.name ? ` (found ${attribute.name})` : ""}.`,
        fix: 'write <Listing id="lst:name">, then the caption, a blank line and one fenced code block.',
      });
    }
  }
  const label = jsxAttribute(element, "id");
  checkLabel(file, label, "lst", line);
  const codes = element.children.filter((child): child is Code => child.type === "code");
  if (codes.length !== 1) {
    fail(file, {
      line,
      problem: `the listing holds ${codes.length} code blocks; it must hold exactly one.`,
      fix: "put one fenced code block in the listing, after its caption.",
    });
  }
  const caption = captionPhrasing(element.children.filter((child) => child.type !== "code"));
  if (caption.length === 0) {
    fail(file, {
      line,
      problem: `the listing${label ? ` ${label}` : ""} has no caption.`,
      fix: 'give it one: lst-cap="…" on the code fence, #| lst-cap: in a Quarto cell, or :caption: in MyST.',
    });
  }
  const number = numberOf(numbered, "listing", file, line);
  const id = label ? labelToId(label) : `listing-${number}`;
  return block("figure", { id, className: ["listing"] }, [
    {
      type: "paragraph",
      data: { hName: "figcaption" },
      children: [captionLabel("Listing", number), { type: "text", value: " " }, ...caption],
    },
    codes[0] as Code,
  ]);
}

/**
 * A numbered algorithm: "Algorithm N." and its caption above the pseudo-code, whose lines (made by
 * the Markdown reader from LaTeX's algorithmic) are kept as they are.
 */
function algorithmNode(element: JsxElement, numbered: NumberedBlock | undefined, file: VFile): RootContent {
  const line = element.position?.start.line;
  const label = jsxAttribute(element, "id");
  checkLabel(file, label, "alg", line);
  const [caption, ...body] = element.children;
  const captionText = caption?.type === "paragraph" ? captionPhrasing([caption]) : [];
  const number = numberOf(numbered, "algorithm", file, line);
  const id = label ? labelToId(label) : `algorithm-${number}`;
  return block("figure", { id, className: ["algorithm"] }, [
    {
      type: "paragraph",
      data: { hName: "figcaption" },
      children: [
        captionLabel("Algorithm", number),
        ...(captionText.length > 0 ? [{ type: "text", value: " " } as PhrasingContent, ...captionText] : []),
      ],
    },
    ...body,
  ]);
}

/** A paragraph holding nothing but one MDX element (and spaces): the one-line form of a block. */
function soleElement(paragraph: Paragraph): JsxElement | undefined {
  const meaningful = paragraph.children.filter((child) => child.type !== "text" || child.value.trim() !== "");
  const [only] = meaningful;
  return meaningful.length === 1 && only && only.type === "mdxJsxTextElement"
    ? (only as unknown as JsxElement)
    : undefined;
}

/**
 * Turns `<Figure>` and `<Table>` into numbered figures and captioned, scrollable tables, checks
 * every local image exists, and gives a bare Markdown table a keyboard-scrollable region too.
 * The figure's image stays a Markdown image, so Astro's image pipeline sizes and converts it.
 */
export function remarkFigures({ numberedOf, pdfFigureCacheDir }: FigureOptions) {
  const cacheDir = pdfFigureCacheDir ?? contentKeyedCacheDir(readEnvironment().cacheDir, process.cwd(), "pdf-figures");
  return async (tree: Root, file: VFile) => {
    await drawPdfFigures(tree, file, cacheDir);
    const numbered = numberedOf(file);
    const figures = [...(numbered?.figures ?? [])];
    const tables = [...(numbered?.tables ?? [])];
    const listings = [...(numbered?.listings ?? [])];
    const algorithms = [...(numbered?.algorithms ?? [])];
    // Two bare tables with the same headings are still two regions with two names: "(2)" marks the second.
    const bareLabels = new Map<string, number>();
    visit(tree, (node, position, parent) => {
      if (!parent || position === undefined) return;
      let element: JsxElement | undefined;
      if (node.type === "paragraph") element = soleElement(node);
      else if (node.type === "mdxJsxFlowElement") element = node as unknown as JsxElement;
      if (element && isComponent(element, FIGURE_COMPONENT)) {
        parent.children.splice(position, 1, figureNode(element, figures.shift(), file) as never);
        return [SKIP, position + 1];
      }
      if (element && isComponent(element, TABLE_COMPONENT)) {
        parent.children.splice(position, 1, tableNode(element, tables.shift(), file) as never);
        return [SKIP, position + 1];
      }
      if (element && isComponent(element, LISTING_COMPONENT)) {
        parent.children.splice(position, 1, listingNode(element, listings.shift(), file) as never);
        return [SKIP, position + 1];
      }
      if (element && isComponent(element, ALGORITHM_COMPONENT)) {
        parent.children.splice(position, 1, algorithmNode(element, algorithms.shift(), file) as never);
        return [SKIP, position + 1];
      }
      if (node.type === "image") checkImageFile(file, node.url, node.position?.start.line);
      if (node.type === "table") {
        const label = bareTableLabel(node);
        const count = (bareLabels.get(label) ?? 0) + 1;
        bareLabels.set(label, count);
        const name = count === 1 ? label : `${label} (${count})`;
        parent.children.splice(position, 1, scrollRegion(node, undefined, name) as never);
        return [SKIP, position + 1];
      }
      return undefined;
    });
  };
}
