import fs from "node:fs";
import { readContentFile } from "../content/content-files.ts";
import { readYaml } from "../content/yaml-file.ts";
import { unknownKeyError } from "./unknown-key.ts";

/** What the bibliography holds beyond what the text cites. */
export interface UncitedEntries {
  /** Keys neither cited nor listed as further reading: worth a warning. */
  unused: string[];
}

/** 1-based line of the furtherReading item naming the key in the metadata file. */
function lineOfListItem(file: string, key: string): number | undefined {
  if (!fs.existsSync(file)) return undefined;
  const yaml = readYaml(file, readContentFile(file));
  const list = (yaml.data as { furtherReading?: unknown } | undefined)?.furtherReading;
  const index = Array.isArray(list) ? list.indexOf(key) : -1;
  return index === -1 ? undefined : yaml.lineOf(["furtherReading", index]);
}

/**
 * Checks the "further reading" keys against the bibliography and finds the entries nothing uses,
 * as Pandoc's `nocite` does.
 */
export function findUncitedEntries(
  bibliographyKeys: readonly string[],
  citedKeys: ReadonlySet<string>,
  furtherReading: readonly string[],
  metadataFile: string,
): UncitedEntries {
  const known = new Set(bibliographyKeys);
  for (const key of furtherReading) {
    if (known.has(key)) continue;
    throw unknownKeyError({
      key,
      knownKeys: known,
      file: metadataFile,
      line: lineOfListItem(metadataFile, key),
      where: "furtherReading",
      orElse: "remove it from furtherReading",
    });
  }
  const listed = new Set(furtherReading);
  return { unused: bibliographyKeys.filter((key) => !citedKeys.has(key) && !listed.has(key)) };
}
