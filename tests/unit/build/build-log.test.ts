import { describe, expect, test } from "vitest";
import { shownInBuildLog } from "../../../src/lib/build/build-log.ts";

describe("shownInBuildLog", () => {
  test("keeps every warning and error, whoever logs it", () => {
    for (const label of ["vite", "content", "report-content-preflight", null]) {
      expect(shownInBuildLog({ level: "warn", label, message: "x" })).toBe(true);
      expect(shownInBuildLog({ level: "error", label, message: "x" })).toBe(true);
    }
  });

  test("keeps what the report's steps wrote and Astro's page count, drops Astro's progress", () => {
    expect(shownInBuildLog({ level: "info", label: "report-pdf", message: "dist/r.pdf (4 pages, 67 KB)" })).toBe(true);
    expect(shownInBuildLog({ level: "info", label: "build", message: "12 page(s) built in 9.58s" })).toBe(true);
    for (const [label, message] of [
      ["content", "Syncing content"],
      ["types", "Generated 1.10s"],
      ["build", 'output: "static"'],
      ["vite", "✓ built in 1.46s"],
      ["SKIP_FORMAT", "  ├─ /index.html (+31ms)"],
      ["build", "Complete!"],
    ] as const) {
      expect(shownInBuildLog({ level: "info", label, message }), `${label}: ${message}`).toBe(false);
    }
    expect(shownInBuildLog({ level: "debug", label: "report-pdf", message: "x" })).toBe(false);
  });
});
