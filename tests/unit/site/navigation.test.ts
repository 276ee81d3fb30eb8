import { expect, test } from "vitest";
import { navigationFor } from "../../../src/lib/site/navigation.ts";

test("a report without timeline data has no Timeline link", () => {
  expect(navigationFor({ timeline: false }).map((link) => link.label)).not.toContain("Timeline");
  expect(navigationFor({ timeline: true }).map((link) => link.label)).toContain("Timeline");
});
