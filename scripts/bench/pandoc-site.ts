import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The anchor for first paint: the same sections' Markdown made into pages by Pandoc with its default
 * template (`pandoc --standalone`, which writes its CSS inside the page), laid out under the same
 * paths as the built site so that both are served the same way and audited side by side.
 */

/** The section slugs in the order the built home page's contents list links them. */
export function sectionOrder(homeHtml: string): string[] {
  const slugs = [...homeHtml.matchAll(/href="\/sections\/([^"#/]+)\/(?:#[^"]*)?"/g)].map((match) => match[1] ?? "");
  return [...new Set(slugs)].filter(Boolean);
}

/** Makes `/sections/<slug>/` for the first section and `/report/` (all of them) with Pandoc into `outDir`. */
export function buildPandocSite(options: {
  sectionsDir: string;
  slugs: readonly string[];
  reportTitle: string;
  outDir: string;
}): { sectionPath: string; reportPath: string } {
  const { sectionsDir, slugs, reportTitle, outDir } = options;
  const first = slugs[0];
  if (first === undefined) throw new Error("the built home page links no section, so there is nothing to give Pandoc");
  const source = (slug: string) => {
    const file = ["mdx", "md"]
      .map((ext) => path.join(sectionsDir, `${slug}.${ext}`))
      .find((name) => fs.existsSync(name));
    if (!file) throw new Error(`no Markdown for the section ${slug} in ${sectionsDir}`);
    return file;
  };
  fs.rmSync(outDir, { recursive: true, force: true });
  const pandoc = (inputs: string[], pagePath: string, title?: string): void => {
    const target = path.join(outDir, pagePath, "index.html");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const args = ["--standalone", "--from=markdown", "--to=html5", ...(title ? [`--metadata=title:${title}`] : [])];
    const result = spawnSync("pandoc", [...args, `--output=${target}`, ...inputs], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`pandoc failed on ${pagePath}: ${result.stderr || result.error?.message}`);
  };
  const sectionPath = `/sections/${first}/`;
  pandoc([source(first)], sectionPath);
  pandoc(slugs.map(source), "/report/", reportTitle);
  // The preview server wants a home page to answer before it is used.
  fs.writeFileSync(path.join(outDir, "index.html"), "<!doctype html><title>Pandoc</title>");
  return { sectionPath, reportPath: "/report/" };
}
