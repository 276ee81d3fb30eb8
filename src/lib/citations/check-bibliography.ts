import { ContentError } from "../content/content-error.ts";
import { loadBibliography } from "./load-bibliography.ts";

/**
 * Reads the bibliography before the build compiles any page. A problem found later, inside the
 * Markdown plugins, would be reported by Vite with the section being compiled as its "Location" and
 * a stack trace; found here, the author sees only the bibliography's own file, lines and fixes.
 */
export function checkBibliographyBeforeBuild(contentDir: string): void {
  try {
    loadBibliography(contentDir);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    console.error(`[bibliography] ${error.message}`);
    process.exit(1);
  }
}
