import { defineConfig } from "vitest/config";
import { switchOffTelemetry } from "./src/lib/build/telemetry.ts";

// Every build a test starts inherits this: no usage report from Astro.
switchOffTelemetry();

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 20_000 } },
      {
        // Real `astro build`s share the project's .astro/ folder, so they must run one at a time.
        test: {
          name: "build",
          include: ["tests/build/**/*.test.ts"],
          fileParallelism: false,
          maxConcurrency: 1,
          testTimeout: 180_000,
        },
      },
      // The long fuzz run, only when asked for (`npm run fuzz` = `vitest run --project fuzz`).
      ...(process.argv.includes("fuzz")
        ? [
            {
              test: {
                name: "fuzz",
                include: ["tests/fuzz/**/*.fuzz.test.ts"],
                fileParallelism: false,
                maxConcurrency: 1,
                testTimeout: 6 * 3600_000,
              },
            },
          ]
        : []),
    ],
  },
});
