import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { keepNewestCacheFiles } from "./cache-dir.ts";

/**
 * The documents the output gate passed in the last builds, kept by the hash of their text, their
 * kind and the gate's code: a rebuild checks again only what changed. Never a path: a document
 * counts as passed only for the same bytes under the same code, and a document that broke the
 * policy is never kept, so the cache can skip work but never let anything through.
 */
export interface PassedDocuments {
  /** True when a document of this kind and text passed the same gate before. */
  has(kind: string, text: string | Uint8Array): boolean;
  /** Records a document that passed. */
  add(kind: string, text: string | Uint8Array): void;
  /** Writes this build's passed documents (the next build's cache). */
  save(): void;
}

/** Gate states kept in the folder, newest first. */
const KEPT_FILES = 8;

const sha256 = (...parts: ReadonlyArray<string | Uint8Array>) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
};

/**
 * The hash of the gate's code: every source file beside this module (the gate and the URL and CSS
 * checks it calls) and the locked package versions (the HTML parser). Null where the sources are not
 * beside this module (a bundle): then nothing is kept.
 */
export function gateCodeHash(here = path.dirname(fileURLToPath(import.meta.url))): string | null {
  try {
    if (!fs.existsSync(path.join(here, "output-gate.ts"))) return null;
    const files = fs
      .readdirSync(here)
      .filter((name) => name.endsWith(".ts"))
      .sort();
    const lock = path.resolve(here, "../../../package-lock.json");
    return sha256(
      ...files.flatMap((name) => [name, fs.readFileSync(path.join(here, name))]),
      fs.existsSync(lock) ? fs.readFileSync(lock) : "",
    );
  } catch {
    return null;
  }
}

/** Opens the passed documents kept in `folder` for the gate whose code hashes to `code`. */
export function openPassedDocuments(folder: string | undefined, code: string | null): PassedDocuments {
  const file = folder === undefined || code === null ? undefined : path.join(folder, `${code}.json`);
  let known = new Set<string>();
  if (file !== undefined) {
    try {
      const data = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
      if (Array.isArray(data)) known = new Set(data.filter((entry): entry is string => typeof entry === "string"));
    } catch {
      // Nothing kept yet, or a file cut short: check everything.
    }
  }
  const passed = new Set<string>();
  const key = (kind: string, text: string | Uint8Array) => sha256(code ?? "", kind, text);
  return {
    has(kind, text) {
      if (file === undefined) return false;
      const hash = key(kind, text);
      if (!known.has(hash)) return false;
      passed.add(hash);
      return true;
    },
    add(kind, text) {
      if (file !== undefined) passed.add(key(kind, text));
    },
    save() {
      if (file === undefined || folder === undefined) return;
      try {
        fs.mkdirSync(folder, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, JSON.stringify([...passed]));
        fs.renameSync(temporary, file);
        keepNewestCacheFiles(folder, KEPT_FILES);
      } catch {
        // A cache that cannot be written costs the next build time, never a check.
      }
    },
  };
}
