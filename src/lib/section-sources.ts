import fs from "node:fs";
import path from "node:path";
import { parseFrontmatter } from "@astrojs/markdown-remark";
import { ContentError } from "./content-error.ts";
import type { SectionSource } from "./report-analysis.ts";

/** Folder of the section files inside the content folder. */
export const SECTIONS_FOLDER = "sections";

/** A section's URL slug: its file name without the extension. */
export function sectionSlug(file: string): string {
  return path.basename(file).replace(/\.mdx?$/, "");
}

/** A section file as read from disk. */
export interface SectionFile extends SectionSource {
  file: string;
  order: number;
}

/** True when a file is a section of the report (the plugins leave other MDX pages alone). */
export function isSectionFile(contentDir: string, file: string | undefined): boolean {
  if (!file) return false;
  return path.dirname(path.resolve(file)) === path.join(contentDir, SECTIONS_FOLDER) && /\.mdx?$/.test(file);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads a text file, refusing anything that is not UTF-8 rather than publishing mojibake. */
export function readUtf8(file: string): string {
  const bytes = fs.readFileSync(file);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // The lenient decoding marks the first bad byte with U+FFFD: its line is where to look.
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const line = lenient.slice(0, lenient.indexOf("\uFFFD")).split("\n").length;
    throw new ContentError({
      file,
      line,
      problem: "the file is not UTF-8 text (it may be saved as Latin-1 or Windows-1252).",
      fix: "save the file as UTF-8 in your editor (for example File > Save with Encoding > UTF-8).",
    });
  }
}

/** Reads every section file in reading order (by frontmatter `order`, then file name). */
export function readSectionFiles(contentDir: string): SectionFile[] {
  const folder = path.join(contentDir, SECTIONS_FOLDER);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => /\.mdx?$/.test(name))
    .map((name) => {
      const file = path.join(folder, name);
      const source = readUtf8(file);
      let frontmatter: Record<string, unknown> = {};
      let body = source;
      try {
        const parsed = parseFrontmatter(source, { frontmatter: "empty-with-spaces" });
        frontmatter = parsed.frontmatter;
        body = parsed.content;
      } catch {
        // Invalid frontmatter is reported by the content collection with its own message.
      }
      const order = typeof frontmatter["order"] === "number" ? frontmatter["order"] : Number.POSITIVE_INFINITY;
      return { file, slug: sectionSlug(file), order, body };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}
