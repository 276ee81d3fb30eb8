// `npm audit --omit=dev`: fails on any high or critical advisory in what the site ships with.
// Exit codes: 0 clean, 1 advisories found, 3 the registry offers no audit endpoint (reported as skipped).
import { spawnSync } from "node:child_process";

const result = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report: { statusCode?: number; message?: string; metadata?: { vulnerabilities?: Record<string, number> } } = {};
try {
  report = JSON.parse(result.stdout || "{}");
} catch {
  console.error(`npm audit printed no JSON:\n${result.stdout}${result.stderr}`);
  process.exit(1);
}

if (report.statusCode !== undefined && !report.metadata) {
  console.log(`SKIPPED: the registry did not answer the audit request (${report.message ?? report.statusCode}).`);
  console.log("Run `npm audit --omit=dev` where the npm registry's audit endpoint is reachable.");
  process.exit(3);
}

const counts = report.metadata?.vulnerabilities ?? {};
const serious = (counts["high"] ?? 0) + (counts["critical"] ?? 0);
console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}`);
process.exit(serious > 0 ? 1 : 0);
