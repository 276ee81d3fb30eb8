#!/usr/bin/env node
// `npm run setup`: installs the project's packages (`npm ci`) under a Node that every one of them
// supports. Plain JavaScript on purpose: it runs on the machine's Node (20 on a fresh machine),
// before the project's own Node 24 exists.
//
// Why: npm checks each package's `engines` against the Node npm itself runs on. On Node 20 the
// packages that need Node 22.12+ (Astro, Vitest ...) each print a true but beside-the-point
// EBADENGINE warning, 70 lines in all, although the project runs them on the Node 24 pinned in
// devDependencies. Running npm under that same pinned Node (fetched by `npx` from the npm registry)
// makes the check answer the question that matters, and every other warning still prints.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const packageJson = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8"));
const lockfile = JSON.parse(fs.readFileSync(path.join(projectRoot, "package-lock.json"), "utf8"));
const pinnedNode = packageJson.devDependencies?.node;
const npmArguments = ["ci", "--no-audit", "--no-fund", ...process.argv.slice(2).filter((a) => a !== "--dry-run")];
const dryRun = process.argv.includes("--dry-run");

/** The Node ranges the locked packages ask for (what npm would check), without duplicates. */
function lockedNodeRanges() {
  const ranges = new Set();
  for (const entry of Object.values(lockfile.packages ?? {})) {
    const range = entry?.engines?.node;
    if (typeof range === "string" && !entry.optional) ranges.add(range);
  }
  return [...ranges];
}

/** npm's own semver (npm ships it), so the check is the one npm itself makes. */
function npmSemver() {
  const globalRoot = spawnSync("npm", ["root", "--global"], { encoding: "utf8" }).stdout?.trim();
  if (!globalRoot) return undefined;
  try {
    return createRequire(path.join(globalRoot, "npm", "package.json"))("semver");
  } catch {
    return undefined;
  }
}

function currentNodeSatisfiesEveryPackage() {
  const semver = npmSemver();
  const ranges = lockedNodeRanges();
  if (semver) return ranges.every((range) => semver.satisfies(process.version, range, { includePrerelease: true }));
  // Without npm's semver, trust the pin's major version.
  return Number(process.versions.node.split(".")[0]) >= Number(String(pinnedNode).split(".")[0]);
}

function command() {
  if (!pinnedNode || currentNodeSatisfiesEveryPackage()) return ["npm", npmArguments];
  // npm (found on PATH, started by `env node`) then runs on the pinned Node that npx put first on PATH.
  return ["npx", ["--yes", `--package=node@${pinnedNode}`, "--", "npm", ...npmArguments]];
}

const [program, args] = command();
if (dryRun) {
  console.log([program, ...args].join(" "));
  process.exit(0);
}
const result = spawnSync(program, args, { cwd: projectRoot, stdio: "inherit" });
if (result.error) {
  console.error(`npm run setup: could not run ${program}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
