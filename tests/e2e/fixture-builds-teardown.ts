import fs from "node:fs";

/** Removes this test run's shared fixture builds (see fixture-builds.ts). */
export default function removeFixtureBuilds(): void {
  const root = process.env["REPORT_FIXTURE_BUILDS"];
  if (root) fs.rmSync(root, { recursive: true, force: true });
}
