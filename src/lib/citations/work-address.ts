/**
 * A work's DOI and web address as APA prints them (APA 7, 9.34-9.36): the DOI alone, shown as
 * https://doi.org/10..., and one address, as a browser shows it. Exports write both in many ways:
 * "doi:10...", a DOI URL in the doi field, a DOI in the url field, TeX escapes ("\_", "\--") and, from
 * Mendeley, several addresses in one field separated by spaces.
 */

const DOI_PREFIX = /^\s*(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/|(?:dx\.)?doi\.org\/)/i;
// A DOI ("10.1000/xyz") or a short DOI ("10/cn2", shortdoi.org).
const DOI = /^10(?:\.\d+(?:\.\d+)*)?\/\S+$/;

/** A value with its TeX escapes undone: `\_` is _, `\%` is %, `\--` is --, `\#` is #, `\&` is &, `\~` is ~. */
export function withoutTexEscapes(value: string): string {
  return value.replace(/\\([_%#&~$-])/g, "$1").replace(/\{\\textasciitilde\}|\\textasciitilde(?:\{\})?/g, "~");
}

/** The DOI a field holds ("10.1000/xyz"), without its "doi:" or https://doi.org/ prefix, or undefined when it holds none. */
export function doiOf(value: string): string | undefined {
  const bare = withoutTexEscapes(value.trim()).replace(DOI_PREFIX, "").trim();
  return DOI.test(bare) ? bare : undefined;
}

/** The one web address of a url field: TeX escapes undone, the first of several. */
export function urlOf(value: string): string {
  const plain = withoutTexEscapes(value.trim());
  return plain.split(/\s+/)[0] ?? plain;
}

/** The DOI and URL APA prints for a work from its doi and url fields (either may be absent). */
export function workAddress(doi: string | undefined, url: string | undefined): { DOI?: string; URL?: string } {
  const fromDoi = doi === undefined ? undefined : doiOf(doi);
  const address = url === undefined ? undefined : urlOf(url);
  // A DOI written in the url field ("10.1038/...", "https://doi.org/10...") is the work's DOI.
  const fromUrl = address === undefined ? undefined : doiOf(address);
  const result: { DOI?: string; URL?: string } = {};
  const found = fromDoi ?? fromUrl;
  if (found !== undefined) result.DOI = found;
  // A doi field that holds no DOI (a handle, a typo) is kept as written: the reader still sees it.
  else if (doi !== undefined && doi.trim() !== "") result.DOI = withoutTexEscapes(doi.trim());
  if (address !== undefined && address !== "" && fromUrl === undefined) result.URL = address;
  return result;
}
