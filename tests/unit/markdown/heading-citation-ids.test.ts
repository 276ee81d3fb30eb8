import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import { afterAll, expect, test } from "vitest";
import { readSectionFiles } from "../../../src/lib/content/section-sources.ts";
import { reportMarkdownPlugins } from "../../../src/lib/markdown/pipeline.ts";
import { loadReportContext } from "../../../src/lib/report/report-context.ts";

// A copy of the report whose heading cites a work and, in the same brackets, refers to a section.
const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "heading-citation-ids-"));
fs.cpSync(path.resolve(import.meta.dirname, "../../../content"), contentDir, { recursive: true });
const file = path.join(contentDir, "sections/theories-and-history.mdx");
fs.writeFileSync(
  file,
  fs
    .readFileSync(file, "utf8")
    .replace(/^## History$/m, "## History [@christiansen2021; see @sec:introduction]")
    // Rendered by the Markdown processor, where <Timeline /> would be raw HTML (only MDX has components).
    .replace(/^<Timeline \/>$/m, ""),
);
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));

/** The section as the site's pipeline renders it now, from the file as it is on disk. */
async function renderSection(): Promise<string> {
  const processor = await createMarkdownProcessor({
    gfm: false,
    syntaxHighlight: false,
    ...reportMarkdownPlugins({ contentDir, base: "/" }),
  });
  const section = readSectionFiles(contentDir).find((entry) => entry.slug === "theories-and-history");
  if (!section) throw new Error("no section theories-and-history");
  return (await processor.render(section.body, { fileURL: pathToFileURL(section.file) })).code;
}

test("a heading's citation that refers to a section in its brackets: the references page's back-link is the heading's id", async () => {
  const heading = /<h2 id="([^"]+)">History /.exec(await renderSection())?.[1];
  // The page names the cross-reference ("see Section 1") in the heading, and so in its id.
  expect(heading).toMatch(/see-section-1$/);
  const analysis = loadReportContext(contentDir).analyses.get("theories-and-history");
  const anchor = analysis?.citingBlocks.find((block) => block.kind === "heading")?.anchor;
  expect(anchor).toBe(heading);
}, 60_000);

test("a cross-reference to a heading that cites, by the id its page gives it, links to that heading", async () => {
  const heading = /<h2 id="([^"]+)">History /.exec(await renderSection())?.[1];
  expect(heading).toBeDefined();
  // The author refers to the heading by the id the page shows (its URL's fragment).
  fs.appendFileSync(file, `\nThe history is told in @sec:${heading}.\n`);
  // Rendered at once, as in dev: the file being rendered is looked at again on disk.
  const html = await renderSection();
  expect(/The history is told in <a href="([^"]*)"/.exec(html)?.[1]).toBe(`#${heading}`);
}, 60_000);
