import { defineCollection } from "astro:content";
import { resolveContentDir } from "./lib/content/content-dir.ts";
import { pageSchema } from "./lib/content/schemas/page.ts";
import { sectionSchema } from "./lib/content/schemas/section.ts";
import { SECTIONS_FOLDER, sectionSlug } from "./lib/content/section-sources.ts";
import { utf8Glob } from "./lib/content/utf8-glob.ts";

const contentDir = resolveContentDir();
// Markdown (.md) is rendered when its page is, as MDX is, not once at content sync: its page
// depends on the other files (numbers, cross-references, citations), which a cached render would
// not follow, and a render error must stop the build (at sync it is only logged).
const deferRender = true;

const sections = defineCollection({
  loader: utf8Glob({
    base: `${contentDir}/${SECTIONS_FOLDER}`,
    pattern: "*.{md,mdx}",
    generateId: ({ entry }) => sectionSlug(entry),
    deferRender,
  }),
  schema: sectionSchema,
});

const pages = defineCollection({
  loader: utf8Glob({
    base: `${contentDir}/pages`,
    pattern: "*.{md,mdx}",
    generateId: ({ entry }) => sectionSlug(entry),
    deferRender,
  }),
  schema: pageSchema,
});

export const collections = { sections, pages };
