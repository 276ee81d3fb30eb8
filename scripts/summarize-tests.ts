// Adds up the results of every suite `npm test` ran into the one line CI reads: "N passed, N failed".
import fs from "node:fs";
import { SUMMARY_DIR } from "./test-summary.ts";

function readJson<T>(name: string): T | undefined {
  const file = `${SUMMARY_DIR}/${name}`;
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : undefined;
}

const tally = { passed: 0, failed: 0, skipped: 0 };

const gates = readJson<Array<{ name: string; ok: boolean; skipped?: boolean }>>("gates.json") ?? [];
for (const gate of gates) {
  if (gate.skipped) tally.skipped++;
  else if (gate.ok) tally.passed++;
  else tally.failed++;
}

const unit = readJson<{
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
}>("unit-results.json");
const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
  "e2e-results.json",
);
if (unit) {
  tally.passed += unit.numPassedTests;
  tally.failed += unit.numFailedTests;
  tally.skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
}
if (e2e) {
  tally.passed += e2e.stats.expected + e2e.stats.flaky;
  tally.failed += e2e.stats.unexpected;
  tally.skipped += e2e.stats.skipped;
}
// A suite that wrote no results (it crashed, or a failed build kept it from running) is a failure.
for (const [name, results] of [
  ["vitest", unit],
  ["playwright", e2e],
] as const) {
  if (results === undefined) {
    console.log(`${name} wrote no results: counted as 1 failed`);
    tally.failed++;
  }
}

// A suite that failed without a failed test (its web server could not start, a setup error) is a failure too.
const suites = readJson<Array<{ command: string; ok: boolean }>>("suites.json") ?? [];
const failedTests: Record<string, number | undefined> = {
  vitest: unit?.numFailedTests,
  playwright: e2e?.stats.unexpected,
};
for (const suite of suites) {
  const reported = failedTests[suite.command];
  if (!suite.ok && reported === 0) {
    console.log(`${suite.command} exited with an error but reported no failed test: counted as 1 failed`);
    tally.failed++;
  }
}

console.log(`${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}`);
process.exit(tally.failed > 0 || tally.passed === 0 ? 1 : 0);
