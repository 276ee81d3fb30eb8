import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, rgb } from "pdf-lib";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { reportPluginOptions } from "../../../src/lib/markdown/pipeline.ts";
import { imageSizes, remarkFigures } from "../../../src/lib/markdown/remark-figures.ts";
import { type PluginRun, renderError, renderHtml } from "./processor.ts";

// The rich fixture: Methods holds Figure 1 (fig:attendance) and Table 1 (tbl:groups); Findings
// holds Figure 2 (fig:cycle, an SVG at 80%) and Figure 3 (fig:room, a JPEG at 50%).
const contentDir = path.resolve(import.meta.dirname, "../../fixtures/rich-report");
const inSection = (slug: string): PluginRun => ({
  remark: [[remarkFigures, reportPluginOptions({ contentDir, base: "/" }).figures]],
  path: path.join(contentDir, `sections/${slug}.mdx`),
});

/** A fixture section's text without its frontmatter. */
const sectionBody = (slug: string) =>
  fs.readFileSync(path.join(contentDir, `sections/${slug}.mdx`), "utf8").replace(/^---\n[\s\S]*?\n---\n/, "");

describe("remarkFigures", () => {
  test("a <Figure> becomes a numbered figure with its caption, a lazy image and its width class", async () => {
    const html = await renderHtml(sectionBody("findings"), inSection("findings"));
    const room = /<figure id="fig-room"[\s\S]*?<\/figure>/.exec(html)?.[0] ?? "";
    expect(room).toMatch(/^<figure id="fig-room" class="figure figure-width-50">\n<div class="figure-media"><img /);
    expect(room).toContain('src="./images/meeting-room.jpg"');
    expect(room).toContain('loading="lazy"');
    expect(room).toContain(`sizes="${imageSizes(50)}"`);
    // The report's numbering: the room is the third figure in reading order, the cycle the second.
    expect(room).toContain('<figcaption><span class="caption-number">Figure\u00a03.</span> A portrait photograph');
    expect([...html.matchAll(/<span class="caption-number">([^<]+)<\/span>/g)].map((match) => match[1])).toEqual([
      "Figure\u00a02.",
      "Figure\u00a03.",
    ]);
  });

  test("a one-line caption is one run of text: its inline parts get no spaces between them", async () => {
    const html = await renderHtml(
      '<Figure id="fig:room" src="./images/meeting-room.jpg" alt="A room." width="50%">A *quiet* room, [shown](#x) here.</Figure>\n',
      inSection("findings"),
    );
    expect(html).toContain('</span> A <em>quiet</em> room, <a href="#x">shown</a> here.</figcaption>');
  });

  test("an SVG figure gets no resized copies", async () => {
    const html = await renderHtml(
      '<Figure id="fig:cycle" src="./images/group-cycle.drawio.svg" alt="A cycle." width="80%">\n  The cycle.\n</Figure>\n',
      inSection("findings"),
    );
    expect(html).toContain('<span class="caption-number">Figure\u00a02.</span> The cycle.');
    expect(html).not.toContain("sizes=");
  });

  test("a <Table> becomes a numbered, captioned table in a labelled scroll region; alignment becomes classes", async () => {
    const html = await renderHtml(
      '<Table id="tbl:groups">\nGroups visited.\n\n| Group | Founded |\n|---|--:|\n| AA | 1935 |\n</Table>\n',
      inSection("methods"),
    );
    expect(html).toMatch(
      /^<figure id="tbl-groups" class="table-figure">\n<figcaption id="tbl-groups-caption"><span class="caption-number">Table\u00a01\.<\/span> Groups visited\.<\/figcaption>\n<section class="table-scroll" tabindex="0" aria-labelledby="tbl-groups-caption">\n<table>/,
    );
    expect(html).toContain('<td class="align-right">1935</td>');
    expect(html).not.toContain("style=");
  });

  test("a bare Markdown table gets a scroll region named by its column headings", async () => {
    expect(await renderHtml("| Group | *Founded* |\n|---|---|\n| AA | 1935 |\n", inSection("methods"))).toMatch(
      /^<section class="table-scroll" tabindex="0" aria-label="Table: Group, Founded">\n<table>/,
    );
    // Two such tables on one page are different regions to a screen reader.
    const two = await renderHtml(
      "| Group | Size |\n|---|---|\n| AA | 12 |\n\n| City | Year |\n|---|---|\n| Oslo | 1990 |\n",
      inSection("methods"),
    );
    expect([...two.matchAll(/aria-label="([^"]+)"/g)].map((match) => match[1])).toEqual([
      "Table: Group, Size",
      "Table: City, Year",
    ]);
    // Even when their headings are the same.
    const same = await renderHtml(
      "| Group | Size |\n|---|---|\n| AA | 12 |\n\n| Group | Size |\n|---|---|\n| NA | 9 |\n",
      inSection("methods"),
    );
    expect([...same.matchAll(/aria-label="([^"]+)"/g)].map((match) => match[1])).toEqual([
      "Table: Group, Size",
      "Table: Group, Size (2)",
    ]);
    // Empty headings leave the plain name; long ones are cut.
    expect(await renderHtml("|  |  |\n|---|---|\n| 1 | 2 |\n", inSection("methods"))).toContain('aria-label="Table"');
    const long = await renderHtml(`| ${"Heading ".repeat(20)} | b |\n|---|---|\n| 1 | 2 |\n`, inSection("methods"));
    const cut = /aria-label="([^"]+)"/.exec(long)?.[1] ?? "";
    expect(cut).toMatch(/^Table: (Heading )+Heading…$/);
    expect(cut.length).toBeLessThanOrEqual(80);
  });

  test("a missing image, a missing alt and a bad width are errors with the line and the fix", async () => {
    const missing = await renderError(
      'Text.\n\n<Figure src="./images/meeting.png" alt="A chart.">A chart.</Figure>\n',
      inSection("methods"),
    );
    expect(missing).toBeInstanceOf(ContentError);
    expect((missing as ContentError).problem.line).toBe(3);
    expect(missing.message).toMatch(
      /the image \.\/images\/meeting\.png does not exist[\s\S]*did you mean \.\/images\/meetings\.png/,
    );
    expect(
      (await renderError('<Figure src="./images/meetings.png">A chart.</Figure>\n', inSection("methods"))).message,
    ).toMatch(/has no alt text/);
    expect(
      (
        await renderError(
          '<Figure src="./images/meetings.png" alt="A chart." width="33%">A chart.</Figure>\n',
          inSection("methods"),
        )
      ).message,
    ).toMatch(/width="33%" is not a figure width/);
  });
});

describe("a figure without a number is an error, never Figure 0", () => {
  test("a section whose analysis counted other figures (another folder's cache) stops the render", async () => {
    const elsewhere: PluginRun = { ...inSection("findings"), path: path.join(contentDir, "sections/not-analysed.mdx") };
    const error = await renderError(sectionBody("findings"), elsewhere);
    expect(error).toBeInstanceOf(ContentError);
    expect(String((error as Error).message)).toMatch(/the figure has no number[\s\S]*internal error[\s\S]*Fix: /);
  });

  test("a <Figure> on a page is named, with the fix", async () => {
    const onPage: PluginRun = { ...inSection("findings"), path: path.join(contentDir, "pages/about.mdx") };
    const error = await renderError(
      '<Figure src="../sections/images/meeting-room.jpg" alt="A room.">A room.</Figure>\n',
      onPage,
    );
    expect(String((error as Error).message)).toMatch(
      /figures are numbered in sections only[\s\S]*Fix: on a page, show the image with Markdown/,
    );
  });
});

describe("remarkFigures: PDF figures", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-figures-"));
  const cacheDir = path.join(folder, "cache");
  const section = path.join(folder, "sections", "results.mdx");
  fs.mkdirSync(path.join(folder, "code"), { recursive: true });
  fs.mkdirSync(path.dirname(section), { recursive: true });
  const run: PluginRun = {
    remark: [
      [
        remarkFigures,
        {
          numberedOf: () => ({ figures: [{ number: 1, label: "fig:chart", line: 1 }], tables: [] }),
          pdfFigureCacheDir: cacheDir,
        },
      ],
    ],
    path: section,
  };

  async function writePdf(name: string, pages: number): Promise<void> {
    const document = await PDFDocument.create();
    for (let page = 0; page < pages; page++) {
      document.addPage([300, 200]).drawRectangle({ x: 10, y: 10, width: 100, height: 50, color: rgb(0, 0, 0) });
    }
    fs.writeFileSync(path.join(folder, "code", name), await document.save());
  }

  test("a PDF figure is drawn as a PNG in the cache, and the figure (or a bare image) shows that PNG", async () => {
    await writePdf("chart.pdf", 1);
    const html = await renderHtml(
      '<Figure id="fig:chart" src="../code/chart.pdf" alt="A chart.">The chart.</Figure>\n\nAnd inline ![a chart](../code/chart.pdf).\n',
      run,
    );
    const sources = [...html.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(sources).toHaveLength(2);
    for (const source of sources) {
      expect(source).toMatch(/^\.\.\/cache\/chart-[0-9a-f]{24}\.png$/);
      // A real PNG, which the image pipeline then sizes and converts as any other.
      expect(
        fs
          .readFileSync(path.resolve(path.dirname(section), source))
          .subarray(1, 4)
          .toString(),
      ).toBe("PNG");
    }
    expect(html).toContain('<span class="caption-number">Figure\u00a01.</span> The chart.');
    expect(html).toContain(`sizes="${imageSizes(100)}"`);
  });

  test("a PDF that cannot be a figure stops the build at its line with a fix; a missing one names its neighbours", async () => {
    await writePdf("pages.pdf", 2);
    const error = await renderError("Text.\n\n![Pages](../code/pages.pdf)\n", run);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem.line).toBe(3);
    expect(error.message).toMatch(
      /the image \.\.\/code\/pages\.pdf is a PDF of 2 pages; a figure is one page[\s\S]*Fix: /,
    );
    const missing = await renderError("![Pages](../code/page.pdf)\n", run);
    expect(missing.message).toMatch(
      /the image \.\.\/code\/page\.pdf does not exist[\s\S]*did you mean \.\.\/code\/pages\.pdf/,
    );
  });
});

describe("a missing image is reported as missing, whatever its encoding", () => {
  test("a double-encoded name is missing (with the nearest names), not 'not in an image format'", async () => {
    const error = await renderError(
      'Text.\n\n<Figure src="./images/meetings%252Epng" alt="A chart.">A chart.</Figure>\n',
      inSection("methods"),
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem.line).toBe(3);
    expect(error.message).toMatch(/does not exist[\s\S]*did you mean \.\/images\/meetings\.png/);
    expect(error.message).not.toMatch(/image format/);
  });

  test("a % that starts no escape is a content error at its line, not a URIError", async () => {
    const error = await renderError(
      'Text.\n\n<Figure src="./images/a%E0%A4%A.png" alt="A chart.">A chart.</Figure>\n',
      inSection("methods"),
    );
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toMatch(/:3: the image path .* holds a % that starts no percent-encoded character/);
  });

  test("an existing file that is no image is still 'not in an image format'", async () => {
    const error = await renderError(
      'Text.\n\n<Figure src="../report.yaml" alt="A chart.">A chart.</Figure>\n',
      inSection("methods"),
    );
    expect(error.message).toMatch(/not in an image format/);
  });
});
