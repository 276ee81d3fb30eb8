import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("the EPUB of a built site with a missing image", () => {
  it("fails naming the section and the image", async () => {
    const { buildEpub, EpubBuildError } = await import("../../../../src/lib/editions/epub/build-epub.ts");
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "epub-dist-"));
    fs.mkdirSync(path.join(dist, "report"));
    fs.writeFileSync(
      path.join(dist, "report/index.html"),
      '<article class="full-report"><header class="report-cover"><h1>R</h1></header><section class="report-section" aria-labelledby="s"><h2 id="s">Methods</h2><p><img src="/_astro/gone.png" alt="A chart"></p></section></article>',
    );
    const report = {
      title: "R",
      authors: [],
      published: new Date("2026-01-01"),
      language: "en",
      summary: "S",
      keywords: [],
      pageSize: "A4" as const,
      pdfName: "r",
      furtherReading: [],
    };
    const attempt = buildEpub({ distDir: dist, base: "/", site: "https://example.edu", report, modified: new Date() });
    await expect(attempt).rejects.toBeInstanceOf(EpubBuildError);
    await expect(attempt).rejects.toThrow(/gone\.png in "Methods" is not a file the build wrote/);
    fs.rmSync(dist, { recursive: true, force: true });
  });
});
