import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, expect, test } from "vitest";
import { citationFormsContent } from "../unit/citations/citation-forms-fixture.ts";
import { type BuildResult, buildSite, contentWithOverlay, projectRoot } from "./build-helpers.ts";
import { checkCartridge, questionsOf } from "./cartridge-checks.ts";

const logo = "/usr/share/gitweb/static/git-logo.png";
const jar = "/usr/share/java/epubcheck.jar";
let rich = "";
let richBuild: BuildResult;
let plain = "";
let offBuild: BuildResult;
let forms = "";
let formsBuild: BuildResult;
let textElements = "";
let textElementsBuild: BuildResult;
let richReport = "";
let richReportBuild: BuildResult;

beforeAll(async () => {
  rich = contentWithOverlay(path.join(projectRoot, "tests/fixtures/editions"));
  fs.copyFileSync(logo, path.join(rich, "sections/logo.png"));
  // A named author, so the EPUB must carry dc:creator (the real report names none).
  const yaml = fs
    .readFileSync(path.join(rich, "report.yaml"), "utf8")
    .replace(/^authors: \[\]$/m, "authors:\n  - family: Fixture\n    given: A.");
  fs.writeFileSync(path.join(rich, "report.yaml"), yaml);
  richBuild = await buildSite(rich, { SITE_URL: "https://example.edu" });
  plain = contentWithOverlay(undefined);
  offBuild = await buildSite(plain, { REPORT_EPUB: "off" });
  forms = citationFormsContent();
  formsBuild = await buildSite(forms);
  // Code, MathML, per-section footnotes, block quotes, definition and task lists.
  textElements = fs.mkdtempSync(path.join(os.tmpdir(), "report-content-"));
  fs.cpSync(path.join(projectRoot, "tests/fixtures/text-elements"), textElements, { recursive: true });
  textElementsBuild = await buildSite(textElements);
  // Figures (PNG, JPEG, a draw.io SVG), tables, cross-references, authors with ORCID.
  richReport = fs.mkdtempSync(path.join(os.tmpdir(), "report-content-"));
  fs.cpSync(path.join(projectRoot, "tests/fixtures/rich-report"), richReport, { recursive: true });
  richReportBuild = await buildSite(richReport);
}, 900_000);

afterAll(() => {
  const builds = [richBuild, offBuild, formsBuild, textElementsBuild, richReportBuild];
  for (const folder of [rich, plain, forms, textElements, richReport, ...builds.map((build) => build?.outDir ?? "")]) {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  }
});

/** EPUBCheck's messages on a file, one line each. */
function epubcheckMessages(epub: string): string[] {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "epubcheck-")), "report.json");
  try {
    execFileSync("java", ["-jar", jar, epub, "--json", report], { stdio: "pipe" });
  } catch {
    // EPUBCheck exits 1 when it finds errors; the report says which.
  }
  const result = JSON.parse(fs.readFileSync(report, "utf8")) as {
    messages: { severity: string; ID: string; message: string; locations: { path: string; line: number }[] }[];
  };
  return result.messages.map(
    (m) => `${m.severity} ${m.ID} ${m.message} ${m.locations.map((l) => `${l.path}:${l.line}`).join(" ")}`,
  );
}

test("EPUBCheck finds nothing to report in the EPUB of a report with a figure, a footnote and a table", () => {
  expect(richBuild.exitCode, richBuild.output).toBe(0);
  const epub = path.join(richBuild.outDir, "self-help-group-report.epub");
  expect(epubcheckMessages(epub)).toEqual([]);

  const files = unzipSync(fs.readFileSync(epub));
  const text = (name: string) => new TextDecoder().decode(files[name]);
  const appendix = text("EPUB/appendix.xhtml");
  expect(appendix).toMatch(/<aside id="[^"]+" epub:type="footnote" role="doc-footnote">/);
  expect(appendix).toMatch(/epub:type="noteref"/);
  expect(appendix).toMatch(
    /<img src="images\/1-logo[^"]*\.png" alt="The Git logo, the word git in red beside three dots"/,
  );
  // The table, with its header and cell (the EPUB may class it for its narrow-screen layout).
  expect(appendix).toMatch(/<table[\s>][\s\S]*<th>Group<\/th>[\s\S]*>Alcoholics Anonymous<\/td>[\s\S]*<\/table>/);
  expect(Object.keys(files).filter((name) => name.startsWith("EPUB/images/"))).toHaveLength(1);
  const opf = text("EPUB/content.opf");
  expect(opf).toContain('<dc:creator id="creator-1">A. Fixture</dc:creator>');
  expect(opf).toContain('<meta property="schema:accessibilityFeature">alternativeText</meta>');
  expect(opf).toContain('<meta property="schema:accessMode">visual</meta>');
}, 180_000);

test("the single file of that report carries its image as a data URI and its footnote", () => {
  const html = fs.readFileSync(path.join(richBuild.outDir, "self-help-group-report.html"), "utf8");
  expect(html).toMatch(/<img src="data:image\/[a-z]+;base64,[^"]+" alt="The Git logo/);
  expect(html).toContain("data-footnote-backref");
  expect(html).toContain('href="https://example.edu/timeline/');
});

test("REPORT_EPUB=off builds no EPUB and no page offers one; the single file is still made", () => {
  expect(offBuild.exitCode, offBuild.output).toBe(0);
  expect(offBuild.output).toContain("EPUB skipped: REPORT_EPUB=off.");
  expect(fs.readdirSync(offBuild.outDir).filter((name) => name.endsWith(".epub") || name.includes(".partial"))).toEqual(
    [],
  );
  for (const page of ["index.html", "instructors/index.html", "sections/introduction/index.html"]) {
    expect(fs.readFileSync(path.join(offBuild.outDir, page), "utf8"), page).not.toContain("data-epub-link");
  }
  expect(fs.existsSync(path.join(offBuild.outDir, "self-help-group-report.html"))).toBe(true);
  expect(fs.readFileSync(path.join(offBuild.outDir, "index.html"), "utf8")).toContain("data-single-file-link");
});

test("EPUBCheck finds nothing to report in the EPUB of the citation-forms fixture (keys with ?, #, %, <, >)", () => {
  expect(formsBuild.exitCode, formsBuild.output).toBe(0);
  const epub = fs.readdirSync(formsBuild.outDir).find((name) => name.endsWith(".epub"));
  expect(epub).toBeDefined();
  expect(epubcheckMessages(path.join(formsBuild.outDir, epub ?? ""))).toEqual([]);
}, 180_000);

test("EPUBCheck finds nothing to report in the EPUB of the text-elements fixture (code, MathML, footnotes)", () => {
  expect(textElementsBuild.exitCode, textElementsBuild.output).toBe(0);
  const epub = fs.readdirSync(textElementsBuild.outDir).find((name) => name.endsWith(".epub")) ?? "";
  expect(epubcheckMessages(path.join(textElementsBuild.outDir, epub))).toEqual([]);
  const files = unzipSync(fs.readFileSync(path.join(textElementsBuild.outDir, epub)));
  const opf = new TextDecoder().decode(files["EPUB/content.opf"]);
  expect(opf).toMatch(/properties="mathml"/);
  expect(opf).toContain('<meta property="schema:accessibilityFeature">MathML</meta>');
  const xhtml = Object.entries(files)
    .filter(([name]) => name.endsWith(".xhtml"))
    .map(([, bytes]) => new TextDecoder().decode(bytes))
    .join("");
  expect(xhtml).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"');
  expect(xhtml).toMatch(/epub:type="footnote"/);
}, 180_000);

test("EPUBCheck finds nothing to report in the EPUB of the rich-report fixture (figures, a draw.io SVG, cross-references)", () => {
  expect(richReportBuild.exitCode, richReportBuild.output).toBe(0);
  const epub = fs.readdirSync(richReportBuild.outDir).find((name) => name.endsWith(".epub")) ?? "";
  expect(epubcheckMessages(path.join(richReportBuild.outDir, epub))).toEqual([]);
  const files = unzipSync(fs.readFileSync(path.join(richReportBuild.outDir, epub)));
  const images = Object.keys(files).filter((name) => name.startsWith("EPUB/images/"));
  expect(images.length).toBeGreaterThanOrEqual(3);
  for (const image of images) expect(image).toMatch(/\.(png|jpe?g|gif)$/);
  const opf = new TextDecoder().decode(files["EPUB/content.opf"]);
  expect(opf).toContain("<dc:creator");
}, 180_000);

test("the course package of each fixture is valid IMS CC 1.1 and holds a page per part, a topic per question and the downloads", () => {
  const builds: [string, string, BuildResult][] = [
    ["editions (a figure, a footnote, a table; SITE_URL)", rich, richBuild],
    ["the report with REPORT_EPUB=off", plain, offBuild],
    ["citation-forms", forms, formsBuild],
    ["text-elements (code, math, footnotes)", textElements, textElementsBuild],
    ["rich-report (figures, a draw.io SVG, tables)", richReport, richReportBuild],
  ];
  for (const [name, contentDir, build] of builds) {
    expect(build.exitCode, build.output).toBe(0);
    const cartridge = checkCartridge(build.outDir);
    expect(cartridge.problems, name).toEqual([]);
    expect(cartridge.topics, name).toHaveLength(questionsOf(contentDir).length);
    for (const topic of cartridge.topics) expect(topic, name).toMatch(/^Discussion: /);
    const sections = fs.readdirSync(path.join(contentDir, "sections")).filter((file) => file.endsWith(".mdx"));
    // A page per section and the references (and the timeline, when the report has one).
    expect(cartridge.pages.length, name).toBeGreaterThanOrEqual(sections.length + 1);
    expect(cartridge.pages, name).toContain("pages/references.html");
    const downloads = cartridge.entries
      .filter((entry) => entry.name.startsWith("downloads/"))
      .map((entry) => entry.name);
    expect(
      downloads.some((file) => file.endsWith(".epub")),
      name,
    ).toBe(build !== offBuild);
    expect(
      downloads.some((file) => file.endsWith(".html")),
      name,
    ).toBe(true);
    expect(
      cartridge.entries.some((entry) => entry.name.startsWith("links/")),
      name,
    ).toBe(build === richBuild);
    fs.rmSync(cartridge.folder, { recursive: true, force: true });
  }
  // Images are packaged next to the pages, in the formats the site serves them.
  const figures = checkCartridge(richReportBuild.outDir);
  expect(figures.entries.filter((entry) => entry.name.startsWith("pages/images/")).length).toBeGreaterThanOrEqual(3);
  fs.rmSync(figures.folder, { recursive: true, force: true });
}, 120_000);
