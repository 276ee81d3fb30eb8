// The README's test command: every check, in order, each recorded; a failure does not hide the rest.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const steps: Array<{ name: string; command: string; gate: boolean }> = [
  { name: "tools", command: "bash scripts/ensure-tools.sh", gate: true },
  { name: "lint (biome)", command: "biome check .", gate: true },
  { name: "types (astro check)", command: "astro check --minimumSeverity warning", gate: true },
  {
    name: "unit and build tests (vitest)",
    command: "vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit-results.json",
    gate: false,
  },
  { name: "build (site and PDF)", command: "astro build", gate: true },
  { name: "e2e (playwright)", command: "playwright test", gate: false },
];

fs.rmSync("test-results", { recursive: true, force: true });
fs.mkdirSync("test-results", { recursive: true });
const gates: Array<{ name: string; ok: boolean }> = [];
let failed = false;
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command}`);
  const result = spawnSync(step.command, { shell: true, stdio: "inherit" });
  const ok = result.status === 0;
  if (!ok) failed = true;
  if (step.gate) gates.push({ name: step.name, ok });
  // Without the tools or a build, the browser tests cannot say anything true.
  if (!ok && (step.name === "tools" || step.name.startsWith("build"))) break;
}
fs.writeFileSync("test-results/gates.json", JSON.stringify(gates, null, 2));
const summary = spawnSync("node", ["scripts/summarize-tests.ts", "3"], { stdio: "inherit" });
process.exit(failed || summary.status !== 0 ? 1 : 0);
