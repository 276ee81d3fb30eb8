import { z } from "astro/zod";
import { webAddress } from "../../build/url-gate.ts";

/** True when an ORCID iD's last character is its ISO 7064 MOD 11-2 check digit (catches typos). */
export function orcidChecksumValid(orcid: string): boolean {
  const digits = orcid.replace(/^https:\/\/orcid\.org\//, "").replaceAll("-", "");
  let total = 0;
  for (const digit of digits.slice(0, -1)) total = (total + Number(digit)) * 2;
  const check = (12 - (total % 11)) % 11;
  return digits.at(-1) === (check === 10 ? "X" : String(check));
}

/** True when the string names a real day of the Gregorian calendar in YYYY-MM-DD. */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A full calendar date written YYYY-MM-DD, read in UTC. A number (2026), a month that does not
 * exist or a 30 February are errors, never a silently different day.
 */
export const calendarDateSchema = z
  .union([z.string(), z.date(), z.number()], {
    error: "the date must be written YYYY-MM-DD. Fix: write a date such as 2026-11-26",
  })
  .transform((value, context) => {
    // YAML 1.1 readers hand over a Date; keep its day.
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
    if (isCalendarDate(text)) return new Date(`${text}T00:00:00Z`);
    context.addIssue({
      code: "custom",
      message: /^\d{4}-\d{2}-\d{2}$/.test(text)
        ? `${text} is not a day of the calendar. Fix: check the month (01-12) and the day (that month has fewer days)`
        : `"${text}" is not a full date in the form YYYY-MM-DD. Fix: write year, month and day, such as 2026-11-26`,
    });
    return z.NEVER;
  });

/** Characters a short title may not contain: line breaks and other control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** True when `Intl` knows the tag as a well-formed BCP 47 language tag. */
function isLanguageTag(tag: string): boolean {
  // Intl also takes 5-8 letter "languages" such as "english": ask for an ISO 639 code first.
  if (!/^[a-z]{2,3}(-|$)/i.test(tag)) return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
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
  shortTitle: z
    .string()
    .trim()
    .min(1)
    .max(80, "the short title is longer than 80 characters. Fix: keep it to a few words for the running head")
    .refine((text) => !CONTROL_CHARACTERS.test(text), {
      message: "the short title holds a line break or control character. Fix: write it on one line",
    })
    .optional(),
  /** Authors in byline order; empty when the manuscript names none (never invented). */
  authors: z.array(personSchema).default([]),
  /** Date this edition was published (YYYY-MM-DD). */
  published: calendarDateSchema,
  /** BCP 47 language tag of the text, e.g. "en"; kept in its canonical form ("en-gb" becomes "en-GB"). */
  language: z
    .string()
    .trim()
    .refine(isLanguageTag, {
      message: "the language is not a BCP 47 language tag. Fix: use a tag such as en, en-GB, de or pt-BR",
    })
    .transform((tag) => Intl.getCanonicalLocales(tag)[0] ?? tag),
  /** One-paragraph summary: the home page's lede and every page's meta description. */
  summary: z.string().min(1),
  /** Subject keywords for search engines, reference managers and the PDF. */
  keywords: z.array(z.string().min(1)).default([]),
  /** Course or assignment the report was written for, shown on the cover when set. */
  course: z.string().min(1).optional(),
  /** License of the text (e.g. "CC BY 4.0"); when absent the site says none was stated. */
  license: z.string().min(1).optional(),
  /** Link to the license's text. */
  licenseUrl: z
    .string()
    .transform((value, context) => {
      // Through the URL gate: an http(s) address only (never javascript:), as browsers serialize it.
      const address = webAddress(value.trim());
      if ("href" in address) return address.href;
      context.addIssue({
        code: "custom",
        message: `${address.problem}. Fix: link to the license's web page, such as https://creativecommons.org/licenses/by/4.0/`,
      });
      return z.NEVER;
    })
    .optional(),
  /** Paper size of the print stylesheet and the PDF. */
  pageSize: z.enum(["A4", "Letter"]).default("Letter"),
  /** File name of the PDF in the built site, without ".pdf". */
  pdfName: z
    .string()
    .regex(/^[a-z0-9-]+$/, "use lowercase letters, digits and hyphens")
    // <pdfName>.html is the single-file edition: these would replace the site's own pages.
    .refine((name) => !["index", "404"].includes(name), {
      message:
        "index and 404 are the names of the site's own pages (index.html, 404.html). Fix: use another name, such as my-report",
    })
    .default("report"),
  /** Bibliography keys listed under "Further reading" although no section cites them. */
  furtherReading: z.array(z.string()).default([]),
  /**
   * How a cross-reference reads, with pandoc-crossref's own metadata keys (its crossref.yaml): the
   * word before the number, "" for the number alone (a text that writes "Figure @fig:x" itself).
   */
  crossref: z
    .object({
      figPrefix: z.string().optional(),
      tblPrefix: z.string().optional(),
      lstPrefix: z.string().optional(),
      eqnPrefix: z.string().optional(),
      secPrefix: z.string().optional(),
    })
    .strict()
    .optional(),
});

/** The report's metadata after validation and defaults. */
export type ReportMetadata = z.infer<typeof reportSchema>;
