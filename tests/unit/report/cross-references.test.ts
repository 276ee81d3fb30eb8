import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { describe, expect, test } from "vitest";
import { isCrossReferenceKey, parseCitations } from "../../../src/lib/citations/parse-citations.ts";
import { labelToId } from "../../../src/lib/content/mdx-components.ts";
import { parseMdx } from "../../../src/lib/content/mdx-tree.ts";
import { readSectionFiles } from "../../../src/lib/content/section-sources.ts";
import { reportPluginOptions } from "../../../src/lib/markdown/pipeline.ts";
import { remarkCrossReferences } from "../../../src/lib/markdown/remark-cross-references.ts";
import { imageSizes, remarkFigures } from "../../../src/lib/markdown/remark-figures.ts";
import { buildCrossReferenceIndex, findCrossReferences } from "../../../src/lib/report/cross-references.ts";
import { numberEquations } from "../../../src/lib/report/equations.ts";

const fixture = path.resolve(import.meta.dirname, "../../fixtures/rich-report");

/** A copy of the rich fixture with some section files replaced, so each case has its own content folder. */
function contentWith(sections: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crossref-"));
  fs.cpSync(fixture, dir, { recursive: true });
  for (const [name, body] of Object.entries(sections)) fs.writeFileSync(path.join(dir, "sections", name), body);
  return dir;
}

/** Runs the figure and cross-reference plugins over one section file, as the site's pipeline does. */
async function transform(contentDir: string, name: string): Promise<Root> {
  const file = path.join(contentDir, "sections", name);
  const options = reportPluginOptions({ contentDir, base: "/course/" });
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkGfm)
    .use(remarkFigures, options.figures)
    .use(remarkCrossReferences, options.crossReferences);
  // As in the site's build, the frontmatter is blanked, so lines stay the file's lines.
  const source = fs
    .readFileSync(file, "utf8")
    .replace(/^---[\s\S]*?---/, (frontmatter) => frontmatter.replace(/[^\n]/g, ""));
  const vfile = new VFile({ path: file, value: source });
  return (await processor.run(processor.parse(vfile), vfile)) as Root;
}

function links(tree: Root): Array<{ url: string; text: string }> {
  const found: Array<{ url: string; text: string }> = [];
  visit(tree, "link", (link) => {
    const [first] = link.children;
    found.push({ url: link.url, text: first?.type === "text" ? first.value : "" });
  });
  return found;
}

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("finding cross-references", () => {
  test("the four kinds, bare and bracketed, with the sentence's full stop left out", () => {
    const found = findCrossReferences("See @fig:growth, [@tbl:groups], @eq:energy and @sec:intro.");
    expect(found.map((match) => match.label)).toEqual(["fig:growth", "tbl:groups", "eq:energy", "sec:intro"]);
  });

  test("an e-mail address and a citation key are not cross-references", () => {
    expect(findCrossReferences("write to ada@fig:x or cite @smith2020")).toEqual([]);
  });

  test("the citation parser leaves cross-reference keys alone", () => {
    expect(isCrossReferenceKey("fig:growth")).toBe(true);
    expect(isCrossReferenceKey("figueroa2020")).toBe(false);
    expect(parseCitations("@fig:growth shows it [@tbl:x] as @smith2020 said").map((c) => c.items[0]?.key)).toEqual([
      "smith2020",
    ]);
  });

  test("a label becomes a CSS-friendly id", () => {
    expect(labelToId("fig:growth")).toBe("fig-growth");
  });

  test("equation labels are read from display math only, in order, with their lines", () => {
    const tree = parseMdx("a $x \\label{eq:no}$ b\n\n$$\nE = mc^2 \\label{eq:energy}\n$$\n\n$$\nb \\label{eq:b}\n$$\n");
    expect(numberEquations(tree, "section.mdx", 1)).toEqual([
      { number: 1, label: "eq:energy", line: 3 },
      { number: 2, label: "eq:b", line: 7 },
    ]);
  });
});

describe("the report-wide index", () => {
  test("figures and tables are numbered across sections in reading order; headings get section numbers", () => {
    const index = buildCrossReferenceIndex(readSectionFiles(fixture));
    const numbers = Object.fromEntries([...index.targets].map(([label, target]) => [label, target.number]));
    expect(numbers).toEqual({
      "sec:methods": "1",
      "fig:attendance": "1",
      "tbl:groups": "1",
      "sec:findings": "2",
      "fig:cycle": "2",
      "fig:room": "3",
    });
    expect(index.headings.get("sec:how-groups-were-chosen")?.[0]?.number).toBe("1.1");
    expect(index.headings.get("sec:the-room")?.[0]?.number).toBe("2.1");
    // Citations in captions count as cited, though captions are not paragraphs.
    expect([...index.captionKeys].sort()).toEqual(["borkman2020", "christiansen2021"]);
  });

  test("a label used twice names both places", () => {
    const dir = contentWith({
      "findings.mdx": `---\ntitle: Findings\norder: 2\n---\n\n<Figure id="fig:attendance" src="./images/meetings.png" alt="Bars">Again.</Figure>\n`,
    });
    expect(() => buildCrossReferenceIndex(readSectionFiles(dir))).toThrow(
      /findings\.mdx:6: the label "fig:attendance" is used twice \(first in .*methods\.mdx:10\)/,
    );
  });
});

describe("resolving cross-references", () => {
  test("each reference becomes linked text: in the page, on another section's page, or the section itself", async () => {
    const tree = await transform(fixture, "findings.mdx");
    expect(links(tree)).toEqual([
      { url: "/course/sections/methods/#tbl-groups", text: "Table\u00a01" },
      { url: "/course/sections/methods/#fig-attendance", text: "Figure\u00a01" },
      { url: "/course/sections/methods/", text: "Section\u00a01" },
      { url: "#fig-room", text: "Figure\u00a03" },
      { url: "#the-room", text: "Section\u00a02.1" },
      { url: "/course/sections/methods/#tbl-groups", text: "Table\u00a01" },
    ]);
  });

  test("an unknown label names the file, the line and the nearest known label", async () => {
    const dir = contentWith({
      "findings.mdx": `---\ntitle: Findings\norder: 2\n---\n\nFirst line.\n\nAs @fig:atendance shows.\n`,
    });
    const message = await errorOf(transform(dir, "findings.mdx"));
    expect(message).toMatch(/findings\.mdx:8: the cross-reference "@fig:atendance" points to no figure/);
    expect(message).toContain('did you mean "@fig:attendance"?');
  });

  test("an unknown equation says how to label one", async () => {
    const dir = contentWith({ "findings.mdx": `---\ntitle: Findings\norder: 2\n---\n\nSee @eq:energy.\n` });
    expect(await errorOf(transform(dir, "findings.mdx"))).toContain("\\label{eq:energy}");
  });
});

describe("code listings", () => {
  const listing = (id: string, caption: string) =>
    `<Listing id="${id}">\n${caption}\n\n\`\`\`python\nx = 1\n\`\`\`\n</Listing>\n`;

  test("listings are numbered across sections; a reference names and links them; the caption stands above the code", async () => {
    const dir = contentWith({
      "methods.mdx": `---\ntitle: Methods\norder: 1\n---\n\n${listing("lst:read", "Reading the data.")}`,
      "findings.mdx": `---\ntitle: Findings\norder: 2\n---\n\n${listing("lst:fit", "Fitting.")}\nAs [@lst:read; @lst-fit] show, and [-@lst:fit].\n`,
    });
    const index = buildCrossReferenceIndex(readSectionFiles(dir));
    expect([index.targets.get("lst:read")?.number, index.targets.get("lst:fit")?.number]).toEqual(["1", "2"]);
    const tree = await transform(dir, "findings.mdx");
    expect(links(tree)).toEqual([
      { url: "/course/sections/methods/#lst-read", text: "1" },
      { url: "#lst-fit", text: "2" },
      { url: "#lst-fit", text: "2" },
    ]);
    const figure = tree.children[0] as unknown as {
      data: { hName: string; hProperties: unknown };
      children: Array<{ type: string; data?: { hName?: string } }>;
    };
    expect(figure.data).toEqual({ hName: "figure", hProperties: { id: "lst-fit", className: ["listing"] } });
    expect(figure.children.map((child) => child.data?.hName ?? child.type)).toEqual(["figcaption", "code"]);
  });

  test("an unknown listing label names the nearest ones; a listing without a caption is refused with the fix", async () => {
    const dir = contentWith({
      "findings.mdx": `---\ntitle: Findings\norder: 2\n---\n\n${listing("lst:fit", "Fitting.")}\nSee @lst:fitt.\n`,
    });
    const message = await errorOf(transform(dir, "findings.mdx"));
    expect(message).toMatch(/findings\.mdx:14: the cross-reference "@lst:fitt" points to no listing/);
    expect(message).toContain('did you mean "@lst:fit"?');
    const bare = contentWith({
      "findings.mdx": `---\ntitle: Findings\norder: 2\n---\n\n<Listing id="lst:x">\n\n\`\`\`\nx\n\`\`\`\n</Listing>\n`,
    });
    expect(await errorOf(transform(bare, "findings.mdx"))).toMatch(
      /findings\.mdx:6: the listing lst:x has no caption[\s\S]*lst-cap/,
    );
  });
});

describe("figures and tables", () => {
  test("a figure keeps a Markdown image (for Astro's image pipeline) with responsive sizes and a numbered caption", async () => {
    const tree = await transform(fixture, "findings.mdx");
    const images: Array<{ url: string; alt: string | null | undefined; props: unknown }> = [];
    visit(tree, "image", (image) => {
      images.push({
        url: image.url,
        alt: image.alt,
        props: (image.data as { hProperties?: unknown } | undefined)?.hProperties,
      });
    });
    expect(images.map((image) => image.url)).toEqual(["./images/group-cycle.drawio.svg", "./images/meeting-room.jpg"]);
    // The SVG passes through as one file; the JPEG gets widths and sizes at half the column.
    expect(images[0]?.props).toEqual({ loading: "lazy", decoding: "async" });
    expect(images[1]?.props).toMatchObject({ sizes: imageSizes(50), loading: "lazy" });
    const figures: string[] = [];
    visit(tree, (node) => {
      const data = (node as { data?: { hName?: string; hProperties?: { id?: string } } }).data;
      if (data?.hName === "figure") figures.push(data.hProperties?.id ?? "");
    });
    expect(figures).toEqual(["fig-cycle", "fig-room"]);
  });

  test("a table becomes a labelled, focusable scroll region captioned above", async () => {
    const tree = await transform(fixture, "methods.mdx");
    const regions: unknown[] = [];
    visit(tree, (node) => {
      const data = (node as { data?: { hName?: string; hProperties?: Record<string, unknown> } }).data;
      if (data?.hName === "section") regions.push(data.hProperties);
    });
    expect(regions).toEqual([
      { className: ["table-scroll"], tabIndex: 0, ariaLabelledby: "tbl-groups-caption" },
      { className: ["table-scroll"], tabIndex: 0, ariaLabel: "Table: Month, Meetings" },
    ]);
  });

  test("column alignment becomes classes, not the inline style the CSP would block", async () => {
    const tree = await transform(fixture, "methods.mdx");
    const aligned: string[] = [];
    let alignLeft = false;
    visit(tree, (node) => {
      if (node.type === "table" && node.align?.some(Boolean)) alignLeft = true;
      const className = (node as { data?: { hProperties?: { className?: string[] } } }).data?.hProperties?.className;
      if (node.type === "tableCell" && className) aligned.push(className.join(" "));
    });
    expect(alignLeft).toBe(false);
    // The header row and three body rows of the wide table: "Founded" right, "Length of meeting" centred.
    expect(aligned).toEqual(Array.from({ length: 4 }, () => ["align-right", "align-center"]).flat());
  });

  const cases: Array<[string, string, RegExp]> = [
    [
      "a missing image",
      `<Figure src="./images/meeting.png" alt="Bars">Caption.</Figure>`,
      /findings\.mdx:6: the image \.\/images\/meeting\.png does not exist .*\n {2}Fix: did you mean \.\/images\/meetings\.png\?/,
    ],
    ["no alt text", `<Figure src="./images/meetings.png">Caption.</Figure>`, /has no alt text/],
    ["no caption", `<Figure src="./images/meetings.png" alt="Bars" />`, /has no caption/],
    ["a width in pixels", `<Figure src="./images/meetings.png" alt="Bars" width="300px">C.</Figure>`, /width="300px"/],
    [
      "an id without its prefix",
      `<Figure id="growth" src="./images/meetings.png" alt="B">C.</Figure>`,
      /start it with "fig:"/,
    ],
    [
      "an unknown attribute",
      `<Figure src="./images/meetings.png" alt="B" title="x">C.</Figure>`,
      /no attribute "title"/,
    ],
    ["a table without a table", `<Table id="tbl:x">\nJust a caption.\n</Table>`, /holds 0 Markdown tables/],
    [
      "a bare image that is missing",
      `![A chart](./images/chart.png)`,
      /the image \.\/images\/chart\.png does not exist/,
    ],
  ];
  for (const [name, body, expected] of cases) {
    test(`${name} is an error naming the section file and line`, async () => {
      const dir = contentWith({ "findings.mdx": `---\ntitle: Findings\norder: 2\n---\n\n${body}\n` });
      expect(await errorOf(transform(dir, "findings.mdx"))).toMatch(expected);
    });
  }

  test("an SVG that is not SVG inside is refused, naming the file", async () => {
    const dir = contentWith({
      "findings.mdx": `---\ntitle: Findings\norder: 2\n---\n\n<Figure src="./images/broken.svg" alt="B">C.</Figure>\n`,
    });
    fs.writeFileSync(path.join(dir, "sections/images/broken.svg"), "\u0089PNG not really");
    expect(await errorOf(transform(dir, "findings.mdx"))).toMatch(
      /findings\.mdx:6: the image \.\/images\/broken\.svg is not an SVG/,
    );
  });
});
