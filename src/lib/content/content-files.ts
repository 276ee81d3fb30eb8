import fs from "node:fs";
import path from "node:path";
import { processWide } from "../build/process-wide.ts";
import { ContentError } from "./content-error.ts";
import { MAX_TEXT_FILE_BYTES } from "./content-limits.ts";
import { readUtf8 } from "./utf8.ts";

interface CachedFile {
  mtimeMs: number;
  size: number;
  text?: string;
  error?: unknown;
}

// The content check, the collection loader's UTF-8 guard, the report analysis and the pages run
// in separate module graphs of one process: a process-wide cache lets them share one read.
const cache = processWide("content-files", () => new Map<string, CachedFile>());

/**
 * Reads a content file as UTF-8 text (refusing anything else, see readUtf8), once per build: a later
 * call for the same file returns the text read before, until the file changes on disk (in dev).
 */
export function readContentFile(file: string): string {
  const absolute = path.resolve(file);
  const { mtimeMs, size } = fs.statSync(absolute);
  let cached = cache.get(absolute);
  if (!cached || cached.mtimeMs !== mtimeMs || cached.size !== size) {
    cached = { mtimeMs, size };
    try {
      if (size > MAX_TEXT_FILE_BYTES) {
        throw new ContentError({
          file: absolute,
          problem: `the file holds ${(size / 1024 / 1024).toFixed(1)} MB of text; a text file of the content folder may hold at most ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MB.`,
          fix: "split it into several sections, or check that it is the file you meant (not a data dump).",
        });
      }
      cached.text = readUtf8(absolute);
    } catch (error) {
      // A file that is not UTF-8 stays refused without being read again.
      cached.error = error;
    }
    cache.set(absolute, cached);
  }
  if (cached.text === undefined) throw cached.error;
  return cached.text;
}
