// The README's test command: every check, in order, each recorded; a failure does not hide the rest.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { switchOffTelemetry } from "../src/lib/build/telemetry.ts";
import { SUMMARY_DIR } from "./test-summary.ts";

interface Step {
  name: string;
  command: string;
  /** A gate counts as one test; suites report their own tests. */
  gate: boolean;
  /** Without this step's success the later steps cannot say anything true. */
  required?: boolean;
}

const steps: Step[] = [
  { name: "tools", command: "bash scripts/ensure-tools.sh", gate: true, required: true },
  { name: "lint (biome)", command: "biome check .", gate: true },
  { name: "types (astro check)", command: "astro check --minimumSeverity warning", gate: true },
  { name: "dependencies (npm audit --omit=dev)", command: "node scripts/audit-dependencies.ts", gate: true },
  {
    name: "unit and build tests (vitest)",
    command: `vitest run --reporter=default --reporter=json --outputFile.json=${SUMMARY_DIR}/unit-results.json`,
    gate: false,
  },
  { name: "build (site and PDF)", command: "node scripts/build.ts", gate: true, required: true },
  { name: "e2e (playwright)", command: "playwright test", gate: false },
];

/** Exit code with which a gate says it could not run here (reported as skipped, not passed). */
const SKIPPED = 3;

// Every step (astro check, the builds, the preview server) inherits it: no usage report from Astro.
switchOffTelemetry();
fs.rmSync(SUMMARY_DIR, { recursive: true, force: true });
fs.mkdirSync(SUMMARY_DIR, { recursive: true });
const gates: Array<{ name: string; ok: boolean; skipped?: boolean }> = [];
const suites: Array<{ command: string; ok: boolean }> = [];
let failed = false;
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command}`);
  const status = spawnSync(step.command, { shell: true, stdio: "inherit" }).status;
  const skipped = step.gate && status === SKIPPED;
  const ok = status === 0 || skipped;
  if (!ok) failed = true;
  if (step.gate) gates.push({ name: step.name, ok, ...(skipped ? { skipped } : {}) });
  else suites.push({ command: step.command.split(" ")[0] ?? step.name, ok });
  if (!ok && step.required) break;
}
fs.writeFileSync(`${SUMMARY_DIR}/gates.json`, JSON.stringify(gates, null, 2));
fs.writeFileSync(`${SUMMARY_DIR}/suites.json`, JSON.stringify(suites, null, 2));
const summary = spawnSync("node", ["scripts/summarize-tests.ts"], { stdio: "inherit" });
process.exit(failed || summary.status !== 0 ? 1 : 0);
