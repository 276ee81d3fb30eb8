import { contentKeyedCacheDir } from "../build/cache-dir.ts";
import { type ContentMemo, openContentMemo } from "../build/content-memo.ts";
import { readEnvironment } from "../build/environment.ts";
import { citationCodeHash } from "./citation-code-hash.ts";
import type { CslItem } from "./citation-js.ts";
import { type CitationFormats, citationFormats } from "./cite-this.ts";
import type { ExportFormat } from "./export-formats.ts";

let opened: ContentMemo<CitationFormats> | undefined;

/** The build's memo of formats: `REPORT_CACHE_DIR/by-content/cite-this/`, opened once per module graph. */
function buildMemo(): ContentMemo<CitationFormats> {
  opened ??= openContentMemo<CitationFormats>(
    contentKeyedCacheDir(readEnvironment().cacheDir, process.cwd(), "cite-this"),
    citationCodeHash(),
  );
  return opened;
}

/**
 * {@link citationFormats}, kept between builds in `REPORT_CACHE_DIR/by-content/cite-this/` by the
 * hash of the CSL item and of the code (never a path): citation-js takes some 12 ms a work, and a
 * page's work changes only with its title, URL or the report's metadata, so a rebuild after an edit
 * makes only the boxes whose work changed.
 */
export function keptCitationFormats(item: CslItem, memo = buildMemo()): CitationFormats {
  return memo.get(JSON.stringify(item), () => citationFormats(item));
}

let openedExports: ContentMemo<string> | undefined;

/**
 * A whole bibliography in one export format (the references page's downloads), kept between builds in
 * `REPORT_CACHE_DIR/by-content/exports/` by the hash of the format, the entries and the code: the
 * 400-section report's 4,000 entries took some 1.3 s to export on every build.
 */
export function keptExportFile(
  format: Pick<ExportFormat, "id" | "render">,
  items: readonly CslItem[],
  memo?: ContentMemo<string>,
): string {
  openedExports ??= openContentMemo<string>(
    contentKeyedCacheDir(readEnvironment().cacheDir, process.cwd(), "exports"),
    citationCodeHash(),
  );
  return (memo ?? openedExports).get(JSON.stringify([format.id, items]), () => format.render(items));
}
