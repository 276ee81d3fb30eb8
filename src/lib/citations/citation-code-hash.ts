import path from "node:path";
import { fileURLToPath } from "node:url";
import { sourceHash, sourcesIn } from "../build/content-memo.ts";

let computed: string | null | undefined;

/**
 * The hash of the code that reads, shows and formats works: every source of this folder and of
 * `src/lib/content/` (what the BibTeX reader calls), the URL check and the locked package versions
 * (citation-js, citeproc, the BibTeX parser). Null where no sources are found: then nothing is kept.
 */
export function citationCodeHash(): string | null {
  if (computed !== undefined) return computed;
  // Beside this module, or, where it runs bundled into a page (Astro's prerender chunks), in the
  // project the build runs from.
  const beside = path.dirname(fileURLToPath(import.meta.url));
  const here = sourcesIn(beside).some((file) => path.basename(file) === "cite-this.ts")
    ? beside
    : path.resolve(process.cwd(), "src/lib/citations");
  const files = [
    ...sourcesIn(here),
    ...sourcesIn(path.resolve(here, "../content")),
    path.resolve(here, "../build/url-gate.ts"),
  ];
  computed = null;
  if (!files.some((file) => path.basename(file) === "cite-this.ts")) return null;
  computed = sourceHash(files, path.resolve(here, "../../../package-lock.json"));
  return computed;
}
