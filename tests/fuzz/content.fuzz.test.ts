import { test } from "vitest";
import { fuzzBuilds } from "../build/fuzz-content.ts";

// The long run (`npm run fuzz`): 150 real builds of generated hostile content, about an hour.
test("property, long run: hostile content never gets past the gates", { timeout: 6 * 3600_000 }, async () => {
  await fuzzBuilds(150);
});
