import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { keepNewestCacheFiles } from "./cache-dir.ts";
import { processWide } from "./process-wide.ts";

/**
 * Results of a pure function kept across builds, keyed by the hash of the function's input and of
 * the code that computes it (never a path): a rebuild computes again only for inputs it has not
 * seen under the same code, and a copied or moved report gets byte for byte what it would compute.
 * What a build used is written when its process exits, so the file never keeps results no build
 * asked for.
 */
export interface ContentMemo<T> {
  /** The result for `input` (plain JSON data): the kept one, or `compute()`, which is then kept. */
  get(input: string, compute: () => T): T;
  readonly stats: { hits: number; misses: number };
  /** Writes the results this process used (done on exit; a test may call it earlier). */
  save(): void;
}

/** A copy of a result as JSON keeps it (a caller may change what it is given). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** States kept in a memo's folder, newest first (one per version of the code). */
const KEPT_FILES = 8;

const sha256 = (...parts: ReadonlyArray<string | Uint8Array>) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
};

/**
 * A hash of source files and of the locked package versions, for a memo's `code`: any change to
 * the code or to a package that computes the results makes a new key. Null when a file is missing
 * (a bundle without its sources): then nothing is kept.
 */
export function sourceHash(files: readonly string[], lockfile: string): string | null {
  try {
    return sha256(
      ...[...files].sort().flatMap((file) => [path.basename(file), fs.readFileSync(file)]),
      fs.readFileSync(lockfile),
    );
  } catch {
    return null;
  }
}

/** The TypeScript sources directly in `folder` (not its subfolders), for {@link sourceHash}. */
export function sourcesIn(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder)
      .filter((name) => name.endsWith(".ts"))
      .map((name) => path.join(folder, name));
  } catch {
    return [];
  }
}

/**
 * Opens the memo kept in `folder` for results of the code hashing to `code`; with no folder, or a
 * null code, it computes every time and keeps nothing.
 */
export function openContentMemo<T>(folder: string | undefined, code: string | null): ContentMemo<T> {
  const file = folder === undefined || code === null ? undefined : path.join(folder, `${code}.json`);
  if (file === undefined) return readContentMemo<T>(undefined, code);
  // One memo per file in the process: Astro loads the pages' modules in more than one module graph,
  // and two memos of one file would each write only what they used.
  return processWide(`content-memo:${path.resolve(file)}`, () => {
    const memo = readContentMemo<T>(folder, code);
    // A build's pages are rendered until the process ends; what they used is written then.
    process.once("exit", () => memo.save());
    return memo;
  });
}

/**
 * A memo read afresh from `folder`, as a new process finds it (tests open one per simulated build);
 * {@link openContentMemo} shares one per folder and code in a process.
 */
export function readContentMemo<T>(folder: string | undefined, code: string | null): ContentMemo<T> {
  const file = folder === undefined || code === null ? undefined : path.join(folder, `${code}.json`);
  let known: Record<string, T> = {};
  if (file !== undefined) {
    try {
      const data = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
      if (data && typeof data === "object" && !Array.isArray(data)) known = data as Record<string, T>;
    } catch {
      // Nothing kept yet, or a file cut short: compute everything.
    }
  }
  const used: Record<string, T> = {};
  let dirty = false;
  const stats = { hits: 0, misses: 0 };
  const memo: ContentMemo<T> = {
    stats,
    get(input, compute) {
      if (file === undefined) {
        stats.misses++;
        return compute();
      }
      const key = sha256(code ?? "", input);
      if (Object.hasOwn(used, key)) {
        stats.hits++;
        return copy(used[key] as T);
      }
      if (Object.hasOwn(known, key)) {
        stats.hits++;
        used[key] = known[key] as T;
        return copy(known[key] as T);
      }
      stats.misses++;
      // As JSON, both kept and returned: a first build gets exactly what a later one reads back.
      const value = copy(compute());
      used[key] = value;
      dirty = true;
      return copy(value);
    },
    save() {
      if (file === undefined || folder === undefined) return;
      // Unchanged: a build that used exactly what was kept leaves the file as it is.
      if (!dirty && Object.keys(used).length === Object.keys(known).length) return;
      try {
        fs.mkdirSync(folder, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, JSON.stringify(used));
        fs.renameSync(temporary, file);
        keepNewestCacheFiles(folder, KEPT_FILES);
        known = { ...used };
        dirty = false;
      } catch {
        // A cache that cannot be written costs the next build time, never output.
      }
    },
  };
  return memo;
}
