import { expect, test, vi } from "vitest";
import { processWide } from "../../../src/lib/build/process-wide.ts";

test("a process-wide value is made once and found again by name, as another module graph would", async () => {
  let made = 0;
  const first = processWide("test-value", () => ({ made: ++made }));
  expect(processWide("test-value", () => ({ made: ++made }))).toBe(first);
  // A second copy of the module (what a separate module graph loads) sees the same value.
  vi.resetModules();
  const copy = await import("../../../src/lib/build/process-wide.ts");
  expect(copy.processWide("test-value", () => ({ made: ++made }))).toBe(first);
  expect(made).toBe(1);
  expect(processWide("another-value", () => "other")).toBe("other");
});
