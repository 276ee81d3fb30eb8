import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import CSL from "citeproc";
import { keepNewestCacheFiles } from "../build/cache-dir.ts";
import {
  type CitationEngine,
  createCitationEngine,
  type FormattedCitation,
  type FormattedEntry,
  repairedStyle,
} from "./citation-engine.ts";
import { type CslItem, plugins } from "./citation-js.ts";
import type { Citation } from "./parse-citations.ts";

/**
 * A citation engine whose output is kept in a cache keyed by content: the hash of every
 * bibliography entry's data, the style, the locale, citeproc's version and the citation code's own
 * source, then (once the reference list is made) the listed works, then the citation itself. Never
 * a path: two reports, or one report moved or copied, share a cache folder and get each its own
 * output, byte for byte what an engine without a cache makes. A report built again with the same
 * bibliography and citations formats nothing, and creates no citeproc engine at all.
 */

/** Bumped when what a cache file holds changes shape. */
const CACHE_FORMAT = "2";
/** Cache files kept in the folder, newest first (each is one bibliography state of one report). */
const KEPT_FILES = 32;

/** A formatting engine with a content-keyed cache; `stats` says how often it formatted. */
export interface CachedCitationEngine extends CitationEngine {
  readonly stats: { hits: number; misses: number; engineCreated: boolean };
}

interface CacheFile {
  entries?: FormattedEntry[];
  citations: Record<string, FormattedCitation>;
}

interface Store {
  file: string | undefined;
  data: CacheFile;
  dirty: boolean;
}

const copyCitation = (citation: FormattedCitation): FormattedCitation => structuredClone(citation);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let codeHash: string | null | undefined;

/**
 * The hash of this folder's source files (how items are read, shown and formatted), so that a
 * change to the code never reuses output of the old code. Null where the sources are not beside
 * this module (a bundle): then nothing is kept on disk.
 */
function citationCodeHash(): string | null {
  if (codeHash !== undefined) return codeHash;
  codeHash = null;
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    if (fs.existsSync(path.join(here, "citation-engine.ts"))) {
      const files = fs
        .readdirSync(here)
        .filter((name) => name.endsWith(".ts"))
        .sort();
      codeHash = sha256(files.map((name) => `${name}\n${fs.readFileSync(path.join(here, name), "utf8")}`).join("\0"));
    }
  } catch {
    codeHash = null;
  }
  return codeHash;
}

function readStore(folder: string | undefined, state: string): Store {
  const file = folder === undefined ? undefined : path.join(folder, `${state}.json`);
  if (file !== undefined) {
    try {
      const data = JSON.parse(fs.readFileSync(file, "utf8")) as CacheFile;
      if (data && typeof data.citations === "object") return { file, data, dirty: false };
    } catch {
      // No file yet, or one cut short: start empty.
    }
  }
  return { file, data: { citations: {} }, dirty: false };
}

/** Writes what a build added, each file whole (a temporary file renamed), and drops the oldest files. */
function writeStores(folder: string, stores: readonly Store[]): void {
  try {
    fs.mkdirSync(folder, { recursive: true });
    for (const store of stores) {
      if (!store.file || !store.dirty) continue;
      const temporary = `${store.file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify(store.data));
      fs.renameSync(temporary, store.file);
      store.dirty = false;
    }
    keepNewestCacheFiles(folder, KEPT_FILES);
  } catch {
    // A cache that cannot be written costs the next build time, never output.
  }
}

// What this process's engines made, written when it exits (a build's engine lives until then). A new
// engine for the same folder (a dev server after an edit) writes the old one's first.
const pending = new Map<string, Store[]>();
let exitHook = false;

function keepUntilExit(folder: string, stores: Store[]): void {
  const earlier = pending.get(folder);
  if (earlier) writeStores(folder, earlier);
  pending.set(folder, stores);
  if (exitHook) return;
  exitHook = true;
  process.once("exit", flushCitationCaches);
}

/** Writes every cache this process's engines have filled so far (a build does so on exit). */
export function flushCitationCaches(): void {
  for (const [where, kept] of pending) writeStores(where, kept);
}

/**
 * Creates the report's citation engine over `items`; with `cacheDir`, its output is read from and
 * written to that folder (on the process's exit), keyed by content only.
 */
export function createCachedCitationEngine(
  items: readonly CslItem[],
  options: { cacheDir?: string | undefined; style?: string; locale?: string } = {},
): CachedCitationEngine {
  const style = options.style ?? "apa";
  const locale = options.locale ?? "en-US";
  const code = citationCodeHash();
  const folder = code === null ? undefined : options.cacheDir;
  const config = plugins.config.get("@csl") as {
    styles: { get(name: string): string };
    locales: { get(name: string): string };
  };
  const base = sha256(
    JSON.stringify([
      CACHE_FORMAT,
      code,
      (CSL as unknown as { PROCESSOR_VERSION?: string }).PROCESSOR_VERSION ?? "",
      repairedStyle(config.styles.get(style) ?? style),
      locale,
      config.locales.get(locale) ?? "",
      items,
    ]),
  );
  const stats = { hits: 0, misses: 0, engineCreated: false };
  const stores: Store[] = [];
  const open = (state: string): Store => {
    const store = readStore(folder, state);
    stores.push(store);
    return store;
  };
  let store = open(base);
  // The works listed so far (the state citeproc's registry must be in for a citation to be made).
  let listed: readonly string[] = [];
  let inner: CitationEngine | undefined;
  let registered: readonly string[] = [];
  const created = (): CitationEngine => {
    if (!inner) {
      inner = createCitationEngine(items, style, locale);
      stats.engineCreated = true;
    }
    return inner;
  };
  /** The engine, its registry holding the listed works, made only when something is not in the cache. */
  const engine = (): CitationEngine => {
    const made = created();
    if (registered !== listed) {
      made.registerWorks(listed);
      registered = listed;
    }
    return made;
  };
  const registerWorks = (keys: readonly string[]): void => {
    listed = [...keys];
    store = open(sha256(`${base}\n${listed.join("\n")}`));
  };
  if (folder !== undefined) keepUntilExit(folder, stores);

  return {
    stats,
    formatCitation(citation: Pick<Citation, "kind" | "items">) {
      const key = JSON.stringify([citation.kind, citation.items]);
      const known = store.data.citations[key];
      if (known) {
        stats.hits++;
        return copyCitation(known);
      }
      stats.misses++;
      const made = engine().formatCitation(citation);
      store.data.citations[key] = copyCitation(made);
      store.dirty = true;
      return made;
    },
    registerWorks,
    formatBibliography(keys) {
      if (keys.length === 0) return [];
      registerWorks(keys);
      const known = store.data.entries;
      if (known) {
        stats.hits++;
        return known.map((entry) => ({ ...entry }));
      }
      stats.misses++;
      // Formatting the list brings the registry to the listed works.
      const made = created().formatBibliography(listed);
      registered = listed;
      store.data.entries = made.map((entry) => ({ ...entry }));
      store.dirty = true;
      return made;
    },
  };
}
