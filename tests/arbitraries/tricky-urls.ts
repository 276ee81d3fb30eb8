import fc from "fast-check";

/**
 * The one grammar of tricky URL forms every property test draws from (the URL gate's unit tests,
 * the fuzzed builds): controls and whitespace browsers drop, scheme case, slashes of both kinds,
 * percent-escapes, quotes that would end an attribute, schemes allowed and not.
 */

/** What browsers strip or ignore around and inside a URL. */
const noise = fc.constantFrom("", " ", "\t", "\n", "\r", "\u0000", "\u001f", "\u200b");

/** Schemes the gate allows, schemes it refuses, and refused ones disguised by case and tabs. */
export const trickyScheme = fc.constantFrom(
  "javascript",
  "JavaScript",
  "JaVaScRiPt",
  "java\tscript",
  "data",
  "vbscript",
  "http",
  "https",
  "mailto",
  "file",
  "ftp",
  "",
);

const separator = fc.constantFrom(":", ":/", "://", ":\\\\", ":/\\", "", "//", "\\/", "/\\", "\\\\");
const host = fc.constantFrom("evil.example", "in-site.report.invalid", "", "%65vil.example", "127.0.0.1", "[::1]");
const tail = fc.constantFrom(
  "",
  "/",
  "/a.png",
  "/%2e%2e/%2e%2e/etc/passwd",
  "alert(1)",
  '"onmouseover="alert(1)',
  '?q="x"',
  "#frag",
  "\\a",
);

/** A URL of a tricky form, built from the parts above. */
export const trickyUrl = fc
  .tuple(noise, trickyScheme, noise, separator, host, tail, noise)
  .map((parts) => parts.join(""));
