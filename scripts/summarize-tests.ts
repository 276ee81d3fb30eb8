// Adds up the results of every suite `npm test` ran into the one line CI reads: "N passed, N failed".
import fs from "node:fs";

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const tally: Tally = { passed: 0, failed: 0, skipped: 0 };

function readJson(file: string): unknown {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
}

// Lint and type-check record one result each (see scripts/run-tests.ts).
const gates = readJson("test-results/gates.json") as Array<{ name: string; ok: boolean }> | undefined;
for (const gate of gates ?? []) gate.ok ? tally.passed++ : tally.failed++;

const unit = readJson("test-results/unit-results.json") as
  | { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests?: number }
  | undefined;
if (unit) {
  tally.passed += unit.numPassedTests;
  tally.failed += unit.numFailedTests;
  tally.skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
}

const e2e = readJson("test-results/e2e-results.json") as
  | { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }
  | undefined;
if (e2e) {
  tally.passed += e2e.stats.expected + e2e.stats.flaky;
  tally.failed += e2e.stats.unexpected;
  tally.skipped += e2e.stats.skipped;
}

const expectedSuites = Number(process.argv[2] ?? 0);
const missing = [gates, unit, e2e].filter((suite) => suite === undefined).length;
// A suite that never wrote its results (it crashed or was never reached) counts as one failure.
if (expectedSuites > 0) tally.failed += missing;

console.log(`${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}`);
process.exit(tally.failed > 0 || tally.passed === 0 ? 1 : 0);
