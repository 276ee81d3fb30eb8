import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildSite, contentWithOverlay, folderDigest } from "./build-helpers.ts";

// Each finding of issue 21, as a real build: the build stops with file, problem and fix, and
// touches nothing it must keep; or it builds and its output passes the output gate.

const TIMEOUT = 300_000;

function withContent(files: Record<string, string>): string {
  const content = contentWithOverlay(undefined);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(content, name)), { recursive: true });
    fs.writeFileSync(path.join(content, name), text);
  }
  return content;
}

describe("the write gate", () => {
  test("an output folder naming the content folder stops the build and deletes nothing", {
    timeout: TIMEOUT,
  }, async () => {
    const content = withContent({});
    const before = folderDigest(content);
    const result = await buildSite(content, { REPORT_OUT_DIR: content });
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toMatch(/the output folder .* is or contains the content folder/);
      expect(result.output).toMatch(/Fix: set REPORT_OUT_DIR to a folder of its own/);
      expect(folderDigest(content)).toBe(before);
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });

  test("an output folder holding other files stops the build and keeps them", { timeout: TIMEOUT }, async () => {
    const content = withContent({});
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "someone-"));
    fs.writeFileSync(path.join(outDir, "thesis.docx"), "years of work");
    const result = await buildSite(content, { REPORT_OUT_DIR: outDir });
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toMatch(/holds files no build of this project wrote \(thesis\.docx\)/);
      expect(fs.readFileSync(path.join(outDir, "thesis.docx"), "utf8")).toBe("years of work");
    } finally {
      for (const folder of [content, outDir, result.outDir]) fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test("pdfName: index cannot replace the home page", { timeout: TIMEOUT }, async () => {
    const content = contentWithOverlay(undefined);
    const yaml = path.join(content, "report.yaml");
    fs.writeFileSync(yaml, fs.readFileSync(yaml, "utf8").replace(/^pdfName: .*$/m, "pdfName: index"));
    const result = await buildSite(content);
    try {
      expect(result.exitCode, result.output).not.toBe(0);
      expect(result.output).toMatch(/report\.yaml:\d+: .*pdfName.*index and 404 are the names of the site's own pages/);
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    }
  });
});
