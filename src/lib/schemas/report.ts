import { z } from "astro/zod";

/** A person named on the report, in the given/family form citation styles need. */
export const personSchema = z.strictObject({
  /** Family name, e.g. "Borkman". */
  family: z.string().min(1),
  /** Given names or initials, e.g. "Thomasina" or "T.". */
  given: z.string().min(1).optional(),
});

/** Metadata of the report as a whole: `content/report.yaml`. */
export const reportSchema = z.strictObject({
  /** Full title, as on the cover and in citations. */
  title: z.string().min(1),
  /** Short title for the PDF's running head; defaults to the title. */
  shortTitle: z.string().min(1).optional(),
  /** Authors in byline order; empty when the manuscript names none (never invented). */
  authors: z.array(personSchema).default([]),
  /** Date this edition was published (YYYY-MM-DD). */
  published: z.coerce.date(),
  /** BCP 47 language tag of the text, e.g. "en". */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, "use a BCP 47 tag such as en or en-GB"),
  /** One-paragraph summary: the home page's lede and every page's meta description. */
  summary: z.string().min(1),
  /** Subject keywords for search engines, reference managers and the PDF. */
  keywords: z.array(z.string().min(1)).default([]),
  /** Course or assignment the report was written for, shown on the cover when set. */
  course: z.string().min(1).optional(),
  /** License of the text (e.g. "CC BY 4.0"); when absent the site says none was stated. */
  license: z.string().min(1).optional(),
  /** Link to the license's text. */
  licenseUrl: z.url().optional(),
  /** Paper size of the print stylesheet and the PDF. */
  pageSize: z.enum(["A4", "Letter"]).default("Letter"),
  /** File name of the PDF in the built site, without ".pdf". */
  pdfName: z
    .string()
    .regex(/^[a-z0-9-]+$/, "use lowercase letters, digits and hyphens")
    .default("report"),
  /** Bibliography keys listed under "Further reading" although no section cites them. */
  furtherReading: z.array(z.string()).default([]),
});

/** The report's metadata after validation and defaults. */
export type ReportMetadata = z.infer<typeof reportSchema>;
