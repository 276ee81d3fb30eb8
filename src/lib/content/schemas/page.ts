import { z } from "astro/zod";

/** Frontmatter of a standalone page in `content/pages/` (such as the edition note). */
export const pageSchema = z.strictObject(
  {
    /** Title of the page, its h1 and its browser-tab title. */
    title: z
      .string({ error: "every page needs a title. Fix: add `title: The page title` to the frontmatter" })
      .trim()
      .min(1, "the title is empty. Fix: write the title after `title:`"),
    /** Meta description of the page. */
    description: z.string().min(1).optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown frontmatter key(s): ${issue.keys.join(", ")}. Fix: remove or correct it (known keys: title, description)`
        : undefined,
  },
);
