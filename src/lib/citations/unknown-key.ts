import { ContentError } from "../content/content-error.ts";
import { nearestMatch } from "../content/nearest-match.ts";

/** A bibliography key named somewhere in the content that the bibliography does not have. */
export interface UnknownKey {
  key: string;
  /** Every key of the bibliography, for the "did you mean" suggestion. */
  knownKeys: Iterable<string>;
  /** The file that names the key, and its line when known. */
  file: string;
  line: number | undefined;
  /** The bibliography as the message names it (its file), when known. */
  bibliography?: string | undefined;
  /** What names the key, before the problem: `event 1 ("AA is founded")`, "furtherReading". */
  where?: string | undefined;
  /** In Markdown a key is written `@key`, and an `@` may be meant literally (`\@key`). */
  markdown?: boolean | undefined;
  /** One more way out, after the others: "remove it from furtherReading". */
  orElse?: string | undefined;
}

function either(choices: readonly string[]): string {
  if (choices.length <= 1) return choices.join("");
  return `${choices.slice(0, -1).join(", ")}, or ${choices.at(-1)}`;
}

/**
 * The one error for a key that is not in the bibliography, wherever it is named (a citation in a
 * section, a timeline event, report.yaml): the file, the line, the bibliography, and the nearest
 * key as a likely fix of a typo.
 */
export function unknownKeyError({
  key,
  knownKeys,
  file,
  line,
  bibliography,
  where,
  markdown = false,
  orElse,
}: UnknownKey): ContentError {
  const at = markdown ? "@" : "";
  const suggestion = nearestMatch(key, knownKeys);
  const add = `add an entry with the key "${key}" to the bibliography`;
  const literal = markdown ? [`write \\@${key} if the @ is meant literally`] : [];
  const others = orElse ? [orElse] : [];
  return new ContentError({
    file,
    line,
    problem: `${where ? `${where}: ` : ""}the citation key "${at}${key}" is not in the bibliography${bibliography ? ` (${bibliography})` : ""}.`,
    fix: suggestion
      ? `did you mean "${at}${suggestion}"? Otherwise ${either([add, ...literal, ...others])}.`
      : `${either([add, "correct the key", ...literal, ...others])}.`,
  });
}
