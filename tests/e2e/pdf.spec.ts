import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parse as parseYaml } from "yaml";
import { loadReportMetadata } from "../../src/lib/content/report-file.ts";
import { type LaidLine, type LaidPage, layoutOf, lineText, typesetting } from "./pdf-layout.ts";
import { catalogOf, type PdfObject, pdfObjects } from "./pdf-links.ts";
import { builtPages, contentDir, distDir, environment } from "./site.ts";

// Reads back the PDF the build printed, with poppler and qpdf, against the content it came from.
const report = loadReportMetadata(contentDir);
const pdfFile = path.join(distDir, `${report.pdfName}.pdf`);

test.skip(!environment.pdf, "the PDF is turned off (REPORT_PDF=off)");

function run(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`${tool} failed (install poppler-utils and qpdf): ${String(error)}`);
  }
}

/** pdfinfo's "Key: value" lines. */
function pdfInfo(): Map<string, string> {
  const lines = run("pdfinfo", ["-isodates", pdfFile]).split("\n");
  return new Map(lines.map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]));
}

/** Letters and digits only, lower-cased: line breaks, hyphenation and quotes of the print do not matter. */
function letters(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** Slug, title and headings of each section, from the MDX sources. */
function sectionSources(): Array<{ slug: string; title: string; headings: string[]; levels: number[] }> {
  const folder = path.join(contentDir, "sections");
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith(".mdx") || file.endsWith(".md"))
    .map((file) => {
      const source = fs.readFileSync(path.join(folder, file), "utf8");
      const [, frontmatter = "", body = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source) ?? [];
      const matches = [...body.matchAll(/^(#{2,6})\s+(.+?)\s*$/gm)];
      const headings = matches.map((match) => match[2] ?? "");
      const levels = matches.map((match) => match[1]?.length ?? 0);
      return { slug: file.replace(/\.mdx?$/, ""), title: String(parseYaml(frontmatter).title), headings, levels };
    });
}

/** Visible text of an HTML fragment. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

interface OutlineItem {
  title: string;
  kids: OutlineItem[];
}

function outlineTitles(items: OutlineItem[]): string[] {
  return items.flatMap((item) => [item.title, ...outlineTitles(item.kids)]);
}

test("the build ships the PDF, named after the report", () => {
  expect(fs.existsSync(pdfFile), `${pdfFile} is missing`).toBe(true);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe("%PDF-");
});

test("the PDF is tagged and carries the report's metadata", () => {
  const info = pdfInfo();
  expect(info.get("Tagged")).toBe("yes");
  expect(info.get("Title")).toBe(report.title);
  expect(info.get("Subject")).toBe(report.summary.replace(/\s+/g, " "));
  for (const keyword of report.keywords) expect(info.get("Keywords")).toContain(keyword);
  if (report.authors.length === 0) expect(info.has("Author")).toBe(false);
  else for (const author of report.authors) expect(info.get("Author")).toContain(author.family);
  expect(info.get("Page size")).toContain(report.pageSize === "A4" ? "A4" : "letter");

  const catalog = catalogOf(pdfObjects(pdfFile));
  expect(String(catalog?.["/Lang"])).toMatch(new RegExp(`${report.language}$`));
  expect(catalog?.["/ViewerPreferences"]).toMatchObject({ "/DisplayDocTitle": true });
  expect(catalog?.["/StructTreeRoot"]).toBeDefined();
  expect(catalog?.["/MarkInfo"]).toMatchObject({ "/Marked": true });
});

test("the PDF's structure tree tags the title, one H2 per section and the sections' own headings", () => {
  const tags = run("pdfinfo", ["-struct", pdfFile])
    .split("\n")
    .map((line) => line.trim().split(" ")[0]);
  const count = (tag: string) => tags.filter((found) => found === tag).length;
  const sections = sectionSources();
  expect(count("H1")).toBe(1);
  // Each section, the contents and the references are h2s; headings inside sections sit one level down.
  expect(count("H2")).toBe(sections.length + 2);
  const levels = sections.flatMap((section) => section.levels);
  expect(count("H3")).toBe(levels.filter((level) => level === 2).length);
  expect(count("P")).toBeGreaterThan(sections.length);
  expect(count("Link")).toBeGreaterThan(sections.length);
});

test("the PDF has a bookmark for every section, heading and the references", () => {
  const json = JSON.parse(run("qpdf", ["--json", "--json-key=outlines", pdfFile])) as { outlines: OutlineItem[] };
  const titles = outlineTitles(json.outlines);
  expect(titles).toContain(report.title);
  for (const section of sectionSources()) {
    expect(titles).toContain(section.title);
    for (const heading of section.headings) expect(titles).toContain(heading);
  }
  expect(titles).toContain("References");
});

test("the PDF's text has every section heading and every reference", () => {
  const text = letters(run("pdftotext", [pdfFile, "-"]));
  for (const section of sectionSources()) {
    for (const heading of [section.title, ...section.headings]) expect(text, heading).toContain(letters(heading));
  }
  const referencesPage = fs.readFileSync(path.join(distDir, "references", "index.html"), "utf8");
  const entries = [...referencesPage.matchAll(/<p class="reference-text"[^>]*>([\s\S]*?)<\/p>/g)].map((match) =>
    textOf(match[1] ?? ""),
  );
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) expect(text, entry).toContain(letters(entry));
});

test("every page is numbered n of N, and the page count fits the content", () => {
  const pages = Number(pdfInfo().get("Pages"));
  for (let page = 1; page <= pages; page++) {
    const text = run("pdftotext", ["-f", String(page), "-l", String(page), "-layout", pdfFile, "-"]);
    expect(text, `page ${page}`).toMatch(new RegExp(`\\b${page} of ${pages}\\b`));
  }
  // A typeset page holds roughly 250 to 700 words; add the cover and the references' own page.
  const reportPage = fs.readFileSync(path.join(distDir, "report", "index.html"), "utf8");
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(reportPage)?.[1] ?? "";
  const words = textOf(main).split(" ").length;
  expect(pages).toBeGreaterThanOrEqual(Math.ceil(words / 700) + 1);
  expect(pages).toBeLessThanOrEqual(Math.ceil(words / 250) + 2);
});

test("the PDF's internal links land on named destinations and no link points at the print server", () => {
  const objects = pdfObjects(pdfFile);
  const links = [...objects.values()].filter((object) => object["/Subtype"] === "/Link");
  const internal = new Set(links.flatMap((link) => (typeof link["/Dest"] === "string" ? [link["/Dest"]] : [])));
  // The contents list links every section and the references.
  for (const section of sectionSources()) expect(internal).toContain(`/${section.slug}`);
  expect(internal).toContain("/references");
  const dests = catalogOf(objects)?.["/Dests"];
  const named = typeof dests === "string" ? objects.get(dests) : (dests as PdfObject | undefined);
  for (const name of internal) expect(named?.[name], `destination ${name}`).toBeDefined();
  const uris = links.flatMap((link) => {
    const action = link["/A"] as PdfObject | undefined;
    return typeof action?.["/URI"] === "string" ? [action["/URI"]] : [];
  });
  // Links back to the site lead to SITE_URL, never to the server the build printed from.
  for (const uri of uris) expect(uri).not.toMatch(/127\.0\.0\.1/);
});

test("every page offering the PDF links the file that exists, with its page count and size", () => {
  const pages = Number(pdfInfo().get("Pages"));
  let offers = 0;
  for (const pagePath of builtPages()) {
    const file = path.join(distDir, pagePath.endsWith("/") ? `${pagePath}index.html` : pagePath);
    const html = fs.readFileSync(file, "utf8");
    for (const match of html.matchAll(
      /<a href="([^"]+)"[^>]*data-pdf-link[^>]*>[\s\S]*?<\/a><span data-pdf-details>([^<]*)</g,
    )) {
      offers++;
      expect(match[1]).toMatch(new RegExp(`/${report.pdfName}\\.pdf$`));
      expect(match[2]).toMatch(new RegExp(`^ \\(${pages} pages?, \\d+(\\.\\d)? [KM]B\\)$`));
    }
  }
  // Home and every section page offer it, at the least.
  expect(offers).toBeGreaterThanOrEqual(1 + sectionSources().length);
});

// Typesetting, read back from where poppler finds each word on the printed pages.
test.describe("the PDF's typesetting", () => {
  const pages = () => layoutOf(pdfFile);
  const isPageFurniture = (line: LaidLine, page: LaidPage) =>
    /^\d+ of \d+$/.test(lineText(line)) || line.yMax < 0.08 * page.height || line.yMin > 0.93 * page.height;

  test("running text is set 60-75 characters a line, with no word space stretched past 1.5x", () => {
    const measures = typesetting(pages());
    expect(measures.fullLines.length).toBeGreaterThan(10);
    expect(measures.medianCharsPerLine).toBeGreaterThanOrEqual(60);
    expect(measures.medianCharsPerLine).toBeLessThanOrEqual(75);
    const stretched = measures.spacing
      .filter((line) => line.ratio > 1.5)
      .map((line) => `${line.ratio.toFixed(2)}x: ${lineText(line.line)}`);
    expect(stretched).toEqual([]);
  });

  test("hyphens the PDF step adds read back as whole words: never in URLs, at most two lines in a row, never across a page", () => {
    const laid = pages();
    const text = run("pdftotext", [pdfFile, "-"]);
    // Every added hyphen carries the ActualText of a hyphen-minus: none is left as U+2010 or U+00AD.
    expect(text).not.toMatch(/[\u00AD\u2010]/);
    // The web page people read and copy from has no soft hyphen.
    const html = fs.readFileSync(path.join(distDir, "report", "index.html"), "utf8");
    expect(html).not.toMatch(/\u00AD|&shy;|&#173;|&#xad;/i);
    // An added hyphen: a line ends in "letters-" and the next begins in lower case, and the two
    // halves make a word the report has written whole.
    const written = new Set(
      textOf(html)
        .toLowerCase()
        .match(/\p{L}+/gu) ?? [],
    );
    const body = laid.map((page) => page.lines.filter((line) => !isPageFurniture(line, page)));
    const broken = (line: LaidLine | undefined, next: LaidLine | undefined) => {
      const end = /(\p{L}+)-$/u.exec(line?.words.at(-1)?.text ?? "")?.[1] ?? "";
      const start = /^\p{Ll}+/u.exec(next?.words[0]?.text ?? "")?.[0] ?? "";
      return end !== "" && start !== "" && written.has(`${end}${start}`.toLowerCase());
    };
    const problems: string[] = [];
    for (const [index, lines] of body.entries()) {
      let run = 0;
      for (const [position, line] of lines.entries()) {
        const next = lines[position + 1] ?? body[index + 1]?.[0];
        if (!broken(line, next)) {
          run = 0;
          continue;
        }
        run++;
        if (/[/@:.]\S*-$/.test(line.words.at(-1)?.text ?? "")) problems.push(`a URL is hyphenated: ${lineText(line)}`);
        if (run > 2) problems.push(`page ${index + 1}: a third hyphenated line in a row: ${lineText(line)}`);
        if (position === lines.length - 1) problems.push(`page ${index + 1} ends in half a word: ${lineText(line)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("no page ends with a heading, and no page but a section's last leaves a hole", () => {
    const laid = pages();
    const lines = laid.flatMap((page) => page.lines.filter((line) => !isPageFurniture(line, page)));
    const heights = lines.map((line) => Math.round((line.yMax - line.yMin) * 10) / 10).sort((a, b) => a - b);
    const bodyHeight = heights[Math.floor(heights.length / 2)] ?? 0;
    const bottom = Math.max(...lines.map((line) => line.yMax));
    for (const [index, page] of laid.entries()) {
      const text = page.lines.filter((line) => !isPageFurniture(line, page));
      const last = text.at(-1);
      const next = laid[index + 1]?.lines.find((line) => !isPageFurniture(line, laid[index + 1] as LaidPage));
      if (!last || !next) continue;
      expect(last.yMax - last.yMin, `page ${page.number} ends with a heading: ${lineText(last)}`).toBeLessThan(
        bodyHeight + 0.8,
      );
      // A page may end short only where the next begins the references (APA: on a new page).
      if (lineText(next) === "References") continue;
      expect(
        bottom - last.yMax,
        `page ${page.number} ends ${Math.round(bottom - last.yMax)} pt above the foot`,
      ).toBeLessThan(4 * bodyHeight);
    }
  });

  test("a paragraph split across pages leaves at least two lines on each side (no widow, no orphan)", () => {
    const laid = pages();
    for (const [index, page] of laid.entries()) {
      const following = laid[index + 1];
      if (!following) continue;
      const before = page.lines.filter((line) => !isPageFurniture(line, page));
      const after = following.lines.filter((line) => !isPageFurniture(line, following));
      const last = before.at(-1);
      const first = after[0];
      if (!last || !first) continue;
      // The paragraph runs on when the next page starts mid-sentence (a lower-case word) or a word was broken.
      const runsOn = /^\p{Ll}/u.test(first.words[0]?.text ?? "") || /[\u2010-]$/.test(last.words.at(-1)?.text ?? "");
      if (!runsOn) continue;
      const linesBefore = before.filter((line) => line.block === last.block).length;
      const linesAfter = after.filter((line) => line.block === first.block).length;
      expect(linesBefore, `page ${page.number} ends with one line of a paragraph: ${lineText(last)}`).toBeGreaterThan(
        1,
      );
      expect(
        linesAfter,
        `page ${following.number} starts with one line of a paragraph: ${lineText(first)}`,
      ).toBeGreaterThan(1);
    }
  });

  test("the contents give each section's page, as printed", () => {
    const laid = pages();
    const reportPage = fs.readFileSync(path.join(distDir, "report", "index.html"), "utf8");
    const toc = /<nav class="report-toc"[\s\S]*?<\/nav>/.exec(reportPage)?.[0] ?? "";
    const entries = [...toc.matchAll(/<a [^>]*>([\s\S]*?)<\/a>/g)].map((match) => textOf(match[1] ?? ""));
    expect(entries.length).toBeGreaterThan(2);
    const bodyHeight = typesetting(laid).bodyHeight;
    // The contents on the first page: each line holds an entry's words, then its page number.
    const contents = run("pdftotext", ["-f", "1", "-l", "1", "-layout", pdfFile, "-"])
      .split("\n")
      .map((line) => line.replace(/\s+/g, " ").trim());
    for (const entry of entries) {
      const printed = contents.find(
        (line) => letters(line.replace(/\s*\d+$/, "")) === letters(entry) && /\s\d+$/.test(line),
      );
      expect(printed, `contents line for "${entry}"`).toBeDefined();
      const number = Number(/(\d+)$/.exec(printed ?? "")?.[1]);
      // Where the heading really is: the first page with the heading, set larger than the text
      // (unlike the contents' own lines), on a line or two of its own.
      const where = laid.find((page) => {
        const texts = page.lines.map((line) => (line.yMax - line.yMin > bodyHeight + 0.8 ? lineText(line) : ""));
        return texts.some(
          (_, index) =>
            letters(texts[index] ?? "") === letters(entry) ||
            letters(`${texts[index] ?? ""}${texts[index + 1] ?? ""}`) === letters(entry),
        );
      });
      expect(where?.number, `page of "${entry}"`).toBe(number);
    }
  });
});
