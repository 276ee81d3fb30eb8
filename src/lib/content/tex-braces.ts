/**
 * The end (exclusive) of the TeX brace group that opens at `at` (which holds "{"), or -1 when it is
 * not closed. A backslash escapes the next character, so `\{` and `\}` do not count: BibTeX fields
 * and TeX math read braces alike.
 */
export function braceEnd(text: string, at: number): number {
  let depth = 0;
  for (let index = at; index < text.length; index += 1) {
    const char = text[index];
    if (char === "\\") index += 1;
    else if (char === "{") depth += 1;
    else if (char === "}") {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}
