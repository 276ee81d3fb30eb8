import { z } from "astro/zod";

/** Frontmatter of a section file in `content/sections/`. */
export const sectionSchema = z.strictObject(
  {
    /** Title of the section, as in headings, tables of contents and citations. */
    title: z
      .string({ error: "every section needs a title. Fix: add `title: The section title` to the frontmatter" })
      .trim()
      .min(1, "the title is empty. Fix: write the title after `title:`"),
    /** Position in reading order: 1 for the first section; no two sections may share it. */
    order: z
      .number({ error: "order must be a whole number. Fix: write `order: 3` (1 for the first section)" })
      .int("order must be a whole number. Fix: use 1, 2, 3 ...")
      .positive("order must be 1 or more. Fix: number sections from 1"),
    /** One-line description for search engines; defaults to the report's summary. */
    description: z.string().min(1).optional(),
    /** Discussion questions shown at the end of the section and on the instructors' page. */
    questions: z.array(z.string().min(1)).optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown frontmatter key(s): ${issue.keys.join(", ")}. Fix: remove or correct it (known keys: title, order, description, questions)`
        : undefined,
  },
);

/** Validated frontmatter of a section. */
export type SectionFrontmatter = z.infer<typeof sectionSchema>;
