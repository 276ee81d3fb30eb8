import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildSite, projectRoot } from "./build-helpers.ts";

// Real public papers ported by following the README (sources and licences in the fixtures' README).
const papers = path.join(projectRoot, "tests/fixtures/ported-papers");

function pageHtml(outDir: string, pagePath: string): string {
  return fs.readFileSync(path.join(outDir, pagePath, "index.html"), "utf8");
}

const expectations: Record<string, { figures: string[]; tables: string[]; sections: string[] }> = {
  "inara-example": {
    figures: ["fig-dunes"],
    tables: ["tbl-languages"],
    sections: ["summary", "internal-references", "behind-the-scenes"],
  },
  "joss-gala-example": { figures: ["fig-orbit", "fig-orbit-small"], tables: [], sections: ["summary", "figures"] },
};

describe("ported papers build", () => {
  for (const [name, expected] of Object.entries(expectations)) {
    test(`${name}: builds; figures, tables and every cross-reference resolve`, async () => {
      const result = await buildSite(path.join(papers, name));
      expect(result.exitCode, result.output).toBe(0);
      const report = pageHtml(result.outDir, "report");
      const ids = new Set([...report.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]));
      for (const id of [...expected.figures, ...expected.tables, ...expected.sections]) expect(ids).toContain(id);
      // Every cross-reference on the full report is an in-page link to an element that exists.
      const targets = [...report.matchAll(/<a href="#([^"]+)" class="cross-reference">/g)].map((match) => match[1]);
      expect(targets.length).toBeGreaterThan(2);
      for (const target of targets) expect(ids).toContain(target);
      // Nothing was left as raw syntax for a reader to see.
      for (const slug of expected.sections) {
        const html = pageHtml(result.outDir, `sections/${slug}`);
        expect(html).not.toMatch(/@(?:fig|tbl|eq|sec):|<Figure|<Table/);
      }
      // Images went through the image pipeline: responsive WebP with an intrinsic size.
      expect(report).toMatch(/<img src="\/_astro\/[^"]+\.webp" srcset="[^"]+ 320w/);
      fs.rmSync(result.outDir, { recursive: true, force: true });
    });
  }
});
