import { describe, expect, it } from "vitest";
import { readEnvironment } from "../../../src/lib/build/environment.ts";
import { NO_CHROMIUM_MESSAGE, pdfSkipReason } from "../../../src/lib/pdf/pdf-availability.ts";

describe("pdfSkipReason", () => {
  it("skips when the PDF is turned off", async () => {
    expect(await pdfSkipReason(readEnvironment({ REPORT_PDF: "off" }))).toBe("PDF skipped: REPORT_PDF=off.");
  });

  it("skips with install advice when CHROMIUM_PATH names no file", async () => {
    const reason = await pdfSkipReason(readEnvironment({ CHROMIUM_PATH: "/nonexistent/chromium" }));
    expect(reason).toBe(NO_CHROMIUM_MESSAGE);
    expect(reason).toMatch(/apt-get install chromium/);
    expect(reason).toMatch(/npx playwright install chromium/);
  });

  it("prints when CHROMIUM_PATH names a file", async () => {
    expect(await pdfSkipReason(readEnvironment({ CHROMIUM_PATH: process.execPath }))).toBeUndefined();
  });
});
