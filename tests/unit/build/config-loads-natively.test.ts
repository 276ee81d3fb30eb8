import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

// Astro imports astro.config.mjs with Node itself when Node can strip its TypeScript, and falls back
// to Vite's module runner otherwise; that runner is closed before `astro:build:done`, so the PDF and
// editions hooks' lazy imports then fail ("Vite module runner has been closed", seen when a class
// with parameter properties landed). tsconfig's erasableSyntaxOnly is the gate; this proves the result.
test("astro.config.mjs and everything it imports load under Node's type stripping", () => {
  const output = execFileSync(
    process.execPath,
    ["--input-type=module", "-e", "await import('./astro.config.mjs'); console.log('loaded');"],
    { cwd: root, encoding: "utf8", env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" } },
  );
  expect(output.trim().split("\n").at(-1)).toBe("loaded");
}, 60_000);
