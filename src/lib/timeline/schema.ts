import { z } from "astro/zod";
import { explainBadDate, parseTimelineDate } from "./date.ts";

/** Longest title: a few words, short enough for the compact timeline's narrow columns. */
export const TITLE_MAX_LENGTH = 70;
/** Longest description: one or two sentences. */
export const DESCRIPTION_MAX_LENGTH = 400;

/** One event of the history timeline, as written in `content/timeline.yaml`. */
export const timelineEventSchema = z.strictObject({
  /** When it happened: a year (1935) or a decade (1960s). */
  date: z
    .union([z.number(), z.string()], {
      error: (issue) => `the date "${String(issue.input)}" is neither a year nor a decade`,
    })
    .transform((value, context) => {
      const date = parseTimelineDate(value);
      if (date) return date;
      // schemaProblem shows what follows "Fix:" as the fix, after the file and line.
      context.addIssue({
        code: "custom",
        message: `the date "${value}" is neither a year nor a decade. Fix: ${explainBadDate(value)}`,
      });
      return z.NEVER;
    }),
  /** A short title of a few words, in the author's terms. */
  title: z
    .string({ error: "the title must be text" })
    .trim()
    .min(1, "the title is empty")
    .max(TITLE_MAX_LENGTH, `the title is longer than ${TITLE_MAX_LENGTH} characters; keep it to a few words`),
  /** One or two sentences in the author's words, taken from the section that discusses the event. */
  description: z
    .string({ error: "the description must be text" })
    .trim()
    .min(1, "the description is empty")
    .max(
      DESCRIPTION_MAX_LENGTH,
      `the description is longer than ${DESCRIPTION_MAX_LENGTH} characters; keep it to one or two sentences`,
    ),
  /** The section that discusses it: a file name in `content/sections/` without `.mdx`. */
  section: z.string({ error: "the section must be a file name" }).trim().min(1, "the section is empty"),
  /**
   * Anchor of the paragraph that discusses it (as in the section's URL, e.g. `p-alcoholics-were-the-first-persons-in`).
   * Optional: without it the event links to the section's first paragraph that names its date.
   */
  paragraph: z
    .string({ error: "the paragraph must be an anchor such as p-alcoholics-were-the-first-persons-in" })
    .trim()
    .min(1, "the paragraph is empty")
    .optional(),
  /** Bibliography keys of the works the manuscript cites for it (none when it cites none). */
  cites: z
    .array(z.string({ error: "a citation key must be text" }).trim().min(1, "a citation key is empty"), {
      error: "cites must be a list of keys in brackets",
    })
    .default([]),
});

/** The timeline file: a list of events, in any order (the site sorts them by date). */
export const timelineSchema = z.array(timelineEventSchema);

/** An event after validation: its date read, its fields trimmed. */
export type TimelineEventData = z.infer<typeof timelineEventSchema>;
