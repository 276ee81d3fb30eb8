import { z } from "astro/zod";

/** True when an ORCID iD's last character is its ISO 7064 MOD 11-2 check digit (catches typos). */
export function orcidChecksumValid(orcid: string): boolean {
  const digits = orcid.replace(/^https:\/\/orcid\.org\//, "").replaceAll("-", "");
  let total = 0;
  for (const digit of digits.slice(0, -1)) total = (total + Number(digit)) * 2;
  const check = (12 - (total % 11)) % 11;
  return digits.at(-1) === (check === 10 ? "X" : String(check));
}

/** A person named on the report, in the given/family form citation styles need. */
export const personSchema = z.strictObject({
  /** Family name, e.g. "Borkman". */
  family: z.string().min(1),
  /** Given names or initials, e.g. "Thomasina" or "T.". */
  given: z.string().min(1).optional(),
  /** Institution the author writes from, e.g. "University of Toronto". */
  affiliation: z.string().min(1).optional(),
  /** ORCID iD, e.g. "0000-0002-1825-0097" (the full https://orcid.org/… URL is accepted too). */
  orcid: z
    .string()
    .regex(/^(?:https:\/\/orcid\.org\/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, "an ORCID iD has the form 0000-0002-1825-0097")
    .refine(
      orcidChecksumValid,
      "the ORCID iD's last character does not match its check digit: copy it again from orcid.org",
    )
    .optional(),
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
