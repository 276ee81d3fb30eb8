import path from "node:path";
import { readEnvironment } from "../../src/lib/build/environment.ts";
import { resolveContentDir } from "../../src/lib/content/content-dir.ts";
import { builtPagePaths } from "../../src/lib/editions/built-files.ts";

/** The environment the tests run in (which content folder, which output folder, whether there is a PDF). */
export const environment = readEnvironment();

/** Root of the built site the e2e tests run against. */
export const distDir = path.resolve(environment.outDir ?? "dist");

/** The content folder the site was built from. */
export const contentDir = resolveContentDir(environment);

/** Every HTML page of the built site, as URL paths ("/", "/sections/introduction/", ...). */
export function builtPages(): string[] {
  return builtPagePaths(distDir);
}
