import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildSite, projectRoot } from "./build-helpers.ts";
import { checkCartridge } from "./cartridge-checks.ts";

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
  // Fetched papers kept as their authors wrote them (.md), split into sections.
  "rescience-stachelek-2016": {
    figures: ["fig-nodeselection", "fig-irlconstruction", "fig-performance", "fig-directionalbias"],
    tables: [],
    sections: ["introduction", "methods", "results", "conclusion"],
  },
  // Its one figure is a PDF (../code/fig.pdf), drawn as a PNG by the build.
  "rescience-viejo-2016": {
    figures: ["fig-figure1"],
    tables: [],
    sections: ["introduction", "methods", "results", "conclusion"],
  },
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
      expect(targets.length).toBeGreaterThanOrEqual(Math.max(1, expected.figures.length + expected.tables.length));
      for (const target of targets) expect(ids).toContain(target);
      // Nothing was left as raw syntax for a reader to see.
      for (const slug of expected.sections) {
        const html = pageHtml(result.outDir, `sections/${slug}`);
        const article = /<article[\s\S]*<\/article>/.exec(html)?.[0] ?? "";
        expect(article).not.toMatch(/@(?:fig|tbl|eq|sec)[:-]|<Figure|<Table|\{#|:::|\$\$|\]\{/);
      }
      // Images went through the image pipeline: responsive WebP with an intrinsic size.
      // (attributes in either order: MDX's image component and Markdown's image step write them differently)
      expect(report).toMatch(/<img(?=[^>]*\ssrc="\/_astro\/[^"]+\.webp")(?=[^>]*\ssrcset="[^"]+ 320w)/);
      if (name === "rescience-stachelek-2016") {
        // The paper's crossref.yaml sets figPrefix "": its text writes "Figures @fig:a , @fig:b" itself.
        expect(pageHtml(result.outDir, "sections/results")).toContain(
          'Figures <a href="#fig-nodeselection" class="cross-reference">1</a> , <a href="#fig-irlconstruction" class="cross-reference">2</a>',
        );
      }
      if (name === "rescience-viejo-2016") {
        // The PDF figure went through the image pipeline as the PNG drawn from it, named after it.
        expect(pageHtml(result.outDir, "sections/results")).toMatch(
          /<figure id="fig-figure1"[^>]*>\s*<div class="figure-media"><img[^>]*src="\/_astro\/fig-[0-9a-f]{24}\.[^"]+\.webp"/,
        );
        expect(pageHtml(result.outDir, "sections/results")).toContain(
          'Results are presented in Figure <a href="#fig-figure1" class="cross-reference">1</a>',
        );
      }
      // The course package: valid, a page per section, its figures packaged beside the pages.
      const cartridge = checkCartridge(result.outDir);
      expect(cartridge.problems).toEqual([]);
      for (const slug of expected.sections) expect(cartridge.pages).toContain(`pages/${slug}.html`);
      expect(cartridge.entries.some((entry) => entry.name.startsWith("pages/images/"))).toBe(true);
      fs.rmSync(cartridge.folder, { recursive: true, force: true });
      fs.rmSync(result.outDir, { recursive: true, force: true });
    });
  }
});
