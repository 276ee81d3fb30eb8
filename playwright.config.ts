import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, systemChromiumPath } from "./src/lib/build/browser.ts";
import { ENVIRONMENT_VARIABLES, readEnvironment } from "./src/lib/build/environment.ts";
import { switchOffTelemetry } from "./src/lib/build/telemetry.ts";

// The preview server and every build a test starts inherit this: no usage report from Astro.
switchOffTelemetry();
const environment = readEnvironment();
const port = environment.e2ePort;
const executablePath = systemChromiumPath(environment);
// One folder per test run for the fixtures' shared builds (tests/e2e/fixture-builds.ts); the
// workers inherit it, and the teardown removes it.
if (!environment.fixtureBuilds) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "report-fixture-builds-"));
  Object.assign(process.env, { [ENVIRONMENT_VARIABLES.fixtureBuilds]: folder });
}

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  // Sized for a loaded 2-core machine (several builds at once): a slow page is not a failure.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: environment.ci,
  globalTeardown: "./tests/e2e/fixture-builds-teardown.ts",
  reporter: [["list"], ["json", { outputFile: ".test-summary/e2e-results.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices["Desktop Chrome"],
    launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
  },
  // The tests read the built site, as a host would serve it.
  webServer: {
    // --ignore-lock: several test runs (and a developer's own preview) may serve at once.
    command: `astro preview --ignore-lock --host 127.0.0.1 --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
