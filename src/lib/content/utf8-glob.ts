import fs from "node:fs";
import path from "node:path";
import { glob } from "astro/loaders";
import { readContentFile } from "./content-files.ts";

type GlobOptions = Parameters<typeof glob>[0];

/**
 * Astro's glob loader, refusing files that are not UTF-8 before anything else reads them (the
 * bundler would otherwise fail later with a misleading "could not load" error). The check reuses
 * the build's one read of each file (the content check has usually read it already).
 */
export function utf8Glob(options: GlobOptions & { base: string }) {
  const inner = glob(options);
  return {
    ...inner,
    load: async (context: Parameters<typeof inner.load>[0]) => {
      // An optional folder (pages/) may be missing: an empty collection, without the loader's warning.
      if (!fs.existsSync(options.base)) {
        context.store.clear();
        return;
      }
      for (const name of fs.readdirSync(options.base)) {
        if (/\.mdx?$/.test(name)) readContentFile(path.join(options.base, name));
      }
      return inner.load(context);
    },
  };
}
