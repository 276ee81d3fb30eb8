import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { resolveContentDir } from "./lib/content-dir.ts";
import { pageSchema } from "./lib/schemas/page.ts";
import { sectionSchema } from "./lib/schemas/section.ts";
import { SECTIONS_FOLDER, sectionSlug } from "./lib/section-sources.ts";

const contentDir = resolveContentDir();

const sections = defineCollection({
  loader: glob({
    base: `${contentDir}/${SECTIONS_FOLDER}`,
    pattern: "*.{md,mdx}",
    generateId: ({ entry }) => sectionSlug(entry),
  }),
  schema: sectionSchema,
});

const pages = defineCollection({
  loader: glob({ base: `${contentDir}/pages`, pattern: "*.{md,mdx}", generateId: ({ entry }) => sectionSlug(entry) }),
  schema: pageSchema,
});

export const collections = { sections, pages };
