import fs from "node:fs";
import { readEnvironment } from "../../src/lib/build/environment.ts";

/** Removes this test run's shared fixture builds (see fixture-builds.ts). */
export default function removeFixtureBuilds(): void {
  const root = readEnvironment().fixtureBuilds;
  if (root) fs.rmSync(root, { recursive: true, force: true });
}
