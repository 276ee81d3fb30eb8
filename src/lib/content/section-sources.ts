import fs from "node:fs";
import path from "node:path";
import { parseFrontmatter } from "@astrojs/markdown-remark";
import { readContentFile } from "./content-files.ts";
import { asciiSlug } from "./heading-ids.ts";
import { readFrontmatter } from "./yaml-file.ts";

/** Folder of the section files inside the content folder. */
export const SECTIONS_FOLDER = "sections";

/**
 * A section's or page's URL slug: its file name without the extension, in ASCII lowercase with
 * hyphens ("Über uns.mdx" -> "uber-uns"), so that URLs and ids are the same wherever they are typed.
 * Empty when the name has no Latin letter or digit (the content check then asks for another name).
 */
export function sectionSlug(file: string): string {
  return asciiSlug(path.basename(file).replace(/\.mdx?$/, ""));
}

/** A section's body, in reading order. */
export interface SectionSource {
  slug: string;
  body: string;
  /** The file it came from, for error messages. */
  file?: string;
}

/** A section file as read from disk. */
export interface SectionFile extends SectionSource {
  file: string;
  order: number;
  /** Line of `order:` in the file, for messages about the order. */
  orderLine: number | undefined;
  /** The frontmatter as written (the collection's schema checks it; empty when it cannot be read). */
  frontmatter: Record<string, unknown>;
}

/** True when a file is a section of the report (the plugins leave other MDX pages alone). */
export function isSectionFile(contentDir: string, file: string | undefined): boolean {
  if (!file) return false;
  return path.dirname(path.resolve(file)) === path.join(contentDir, SECTIONS_FOLDER) && /\.mdx?$/.test(file);
}

/** Folder of the standalone pages inside the content folder. */
export const PAGES_FOLDER = "pages";

/** Reads every section file (once per build) in reading order (by frontmatter `order`, then file name). */
export function readSectionFiles(contentDir: string): SectionFile[] {
  return readMdxFolder(path.join(contentDir, SECTIONS_FOLDER));
}

/** Reads every standalone page (once per build), by file name; a report need not have any. */
export function readPageFiles(contentDir: string): SectionFile[] {
  return readMdxFolder(path.join(contentDir, PAGES_FOLDER));
}

/**
 * A section's or page's frontmatter and MDX body, the frontmatter blanked with spaces so that lines
 * are the file's, as Astro reads it; undefined when the frontmatter cannot be read. The content
 * check and the analysis both parse this body, so they share one parse of each file.
 */
export function readMdxSource(source: string): { frontmatter: Record<string, unknown>; body: string } | undefined {
  try {
    const parsed = parseFrontmatter(source, { frontmatter: "empty-with-spaces" });
    return { frontmatter: parsed.frontmatter, body: parsed.content };
  } catch {
    return undefined;
  }
}

function readMdxFolder(folder: string): SectionFile[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => /\.mdx?$/.test(name))
    .map((name) => {
      const file = path.join(folder, name);
      const source = readContentFile(file);
      const parsed = readMdxSource(source);
      const frontmatter = parsed?.frontmatter ?? {};
      // Invalid frontmatter is reported by the content check with its own message.
      const body = parsed?.body ?? source;
      const order = typeof frontmatter["order"] === "number" ? frontmatter["order"] : Number.POSITIVE_INFINITY;
      return {
        file,
        slug: sectionSlug(file),
        order,
        orderLine: readFrontmatter(file, source)?.keyLine([], "order"),
        frontmatter,
        body,
      };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}
