import path from "node:path";
import { type Environment, readEnvironment } from "../build/environment.ts";

/** The folder holding everything specific to one report; `REPORT_CONTENT_DIR` swaps in another. */
export function resolveContentDir(
  environment: Pick<Environment, "contentDir"> = readEnvironment(),
  cwd: string = process.cwd(),
): string {
  return path.resolve(cwd, environment.contentDir ?? "content");
}
