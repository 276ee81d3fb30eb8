import type { z } from "astro/zod";
import type { personSchema } from "../content/schemas/report.ts";
import { orcidLink } from "./scholarly-metadata.ts";

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

/** The ORCID iD as the https URL ORCID asks sites to show, or undefined when none is given. */
export function orcidUrl(person: Person): string | undefined {
  return person.orcid ? orcidLink(person.orcid) : undefined;
}

/** One author as a byline lists them: the name, their institution and ORCID link when given. */
export interface BylineAuthor {
  name: string;
  affiliation: string | undefined;
  orcid: string | undefined;
}

/** The authors in byline order with what the byline shows of each. */
export function bylineAuthors(authors: readonly Person[]): BylineAuthor[] {
  return authors.map((person) => ({
    name: displayName(person),
    affiliation: person.affiliation,
    orcid: orcidUrl(person),
  }));
}
