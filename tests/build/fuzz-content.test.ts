import { test } from "vitest";
import { fuzzBuilds } from "./fuzz-content.ts";

// A bounded run of the hostile-content property in every test run (about a minute); `npm run fuzz`
// runs the same property for many more samples (tests/fuzz/).
test("property: hostile content either stops the build with a content error naming a file, or builds output that passes the output gate; nothing outside the output folder changes", {
  timeout: 600_000,
}, async () => {
  await fuzzBuilds(10);
});
