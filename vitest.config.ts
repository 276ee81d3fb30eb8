import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/build/**/*.test.ts"],
    testTimeout: 20_000,
    // Build tests run real `astro build`s; two at once is all two cores take.
    maxWorkers: 2,
  },
});
