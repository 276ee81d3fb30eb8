import fs from "node:fs";
import path from "node:path";
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
