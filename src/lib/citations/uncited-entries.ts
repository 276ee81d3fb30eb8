import { ContentError } from "../content-error.ts";
import { nearestMatch } from "../nearest-match.ts";

/** What the bibliography holds beyond what the text cites. */
export interface UncitedEntries {
  /** Keys neither cited nor listed as further reading: worth a warning. */
  unused: string[];
}

/**
 * Checks the "further reading" keys against the bibliography and finds the entries nothing uses,
 * as Pandoc's `nocite` does.
 */
export function findUncitedEntries(
  bibliographyKeys: readonly string[],
  citedKeys: ReadonlySet<string>,
  furtherReading: readonly string[],
  metadataFile: string,
): UncitedEntries {
  const known = new Set(bibliographyKeys);
  for (const key of furtherReading) {
    if (known.has(key)) continue;
    const suggestion = nearestMatch(key, known);
    throw new ContentError({
      file: metadataFile,
      problem: `furtherReading names "${key}", which is not in the bibliography.`,
      fix: suggestion ? `did you mean "${suggestion}"?` : "add the work to the bibliography or remove the key.",
    });
  }
  const listed = new Set(furtherReading);
  return { unused: bibliographyKeys.filter((key) => !citedKeys.has(key) && !listed.has(key)) };
}
