import type { z } from "astro/zod";
import type { personSchema } from "./schemas/report.ts";

/** An author as report.yaml names them. */
export type Person = z.infer<typeof personSchema>;

/** A person's name as a byline shows it: given names first. */
export function displayName(person: Person): string {
  return [person.given, person.family].filter(Boolean).join(" ");
}

/**
 * The authors as one byline in the report's language ("A", "A and B", "A, B, and C"), or
 * undefined when the report names none: no byline is ever made up.
 */
export function formatByline(authors: readonly Person[], language: string): string | undefined {
  if (authors.length === 0) return undefined;
  return new Intl.ListFormat(language, { style: "long", type: "conjunction" }).format(authors.map(displayName));
}
