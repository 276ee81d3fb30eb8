import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const setupScript = path.join(root, "scripts/setup.mjs");
const packageJson = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const lockfile = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
const pinnedNode: string = packageJson.devDependencies.node;

/** The Node ranges npm checks at `npm ci`: every locked, non-optional package's `engines.node`. */
const lockedRanges = [
  ...new Set(
    Object.values(lockfile.packages as Record<string, { engines?: { node?: unknown }; optional?: boolean }>)
      .filter((entry) => !entry.optional && typeof entry.engines?.node === "string")
      .map((entry) => entry.engines?.node as string),
  ),
];

function plannedCommand(nodeBinary: string): string {
  return execFileSync(nodeBinary, [setupScript, "--dry-run"], { cwd: root, encoding: "utf8" }).trim();
}

const systemNode = ["/usr/bin/node", "/usr/local/bin/node"].find((candidate) => fs.existsSync(candidate));
const systemNodeVersion = systemNode ? execFileSync(systemNode, ["--version"], { encoding: "utf8" }).trim() : undefined;
const systemNodeIsTooOld =
  systemNodeVersion !== undefined && lockedRanges.some((range) => !semver.satisfies(systemNodeVersion, range));

describe("npm run setup", () => {
  test("the pinned Node satisfies every locked package, so npm under it has no engine to warn about", () => {
    expect(lockedRanges.length).toBeGreaterThan(10);
    expect(lockedRanges.filter((range) => !semver.satisfies(pinnedNode, range))).toEqual([]);
  });

  test("on a Node every package supports, it is plain `npm ci`", () => {
    expect(lockedRanges.every((range) => semver.satisfies(process.version, range))).toBe(true);
    expect(plannedCommand(process.execPath)).toBe("npm ci --no-audit --no-fund");
  });

  test.skipIf(!systemNodeIsTooOld)("on an older Node (a fresh machine's), npm runs under the pinned Node", () => {
    expect(plannedCommand(systemNode as string)).toBe(
      `npx --yes --package=node@${pinnedNode} -- npm ci --no-audit --no-fund`,
    );
  });
});
