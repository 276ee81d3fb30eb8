import { defineCollection } from "astro:content";
import { resolveContentDir } from "./lib/content/content-dir.ts";
import { pageSchema } from "./lib/content/schemas/page.ts";
import { sectionSchema } from "./lib/content/schemas/section.ts";
import { SECTIONS_FOLDER, sectionSlug } from "./lib/content/section-sources.ts";
import { utf8Glob } from "./lib/content/utf8-glob.ts";

const contentDir = resolveContentDir();

const sections = defineCollection({
  loader: utf8Glob({
    base: `${contentDir}/${SECTIONS_FOLDER}`,
    pattern: "*.{md,mdx}",
    generateId: ({ entry }) => sectionSlug(entry),
  }),
  schema: sectionSchema,
});

const pages = defineCollection({
  loader: utf8Glob({
    base: `${contentDir}/pages`,
    pattern: "*.{md,mdx}",
    generateId: ({ entry }) => sectionSlug(entry),
  }),
  schema: pageSchema,
});

export const collections = { sections, pages };
