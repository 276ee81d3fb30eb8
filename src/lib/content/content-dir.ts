import path from "node:path";

/** The folder holding everything specific to one report; `REPORT_CONTENT_DIR` swaps in another. */
export function resolveContentDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return path.resolve(cwd, env["REPORT_CONTENT_DIR"] || "content");
}
