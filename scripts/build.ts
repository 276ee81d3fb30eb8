// `npm run build`: builds the site with `astro build`, then, once that process has exited and freed
// its memory, prints the PDF and makes the editions in a process of their own
// (scripts/finish-build.ts). The whole build then peaks at the larger of the two, never their sum.
// `astro build` alone still does everything in one process.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { readSecretValues } from "../src/lib/build/environment.ts";
import { guardBuildLog } from "../src/lib/build/log-guard.ts";

const root = path.resolve(import.meta.dirname, "..");
guardBuildLog({ secrets: readSecretValues(), projectRoot: root, catchUncaught: true });
const env = { ...process.env, REPORT_FINISH: "separate" };
const steps: Array<[string, string[]]> = [
  ["astro build", [path.join(root, "node_modules", "astro", "bin", "astro.mjs"), "build", ...process.argv.slice(2)]],
  ["finish (PDF, EPUB, single file)", [path.join(root, "scripts", "finish-build.ts")]],
];
for (const [name, args] of steps) {
  const { status, signal } = spawnSync(process.execPath, args, { stdio: "inherit", env });
  if (status !== 0) {
    console.error(`${name} failed (${signal ?? `exit ${status}`}).`);
    process.exit(status ?? 1);
  }
}
