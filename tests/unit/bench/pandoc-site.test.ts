import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildPandocSite, sectionOrder } from "../../../scripts/bench/pandoc-site.ts";

describe("sectionOrder", () => {
  test("takes the sections in the order the home page links them, each once", () => {
    const home = '<a href="/sections/b/">B</a><a href="/sections/a/#x">A</a><a href="/sections/b/">again</a>';
    expect(sectionOrder(home)).toEqual(["b", "a"]);
  });
});

describe("buildPandocSite", () => {
  test("Pandoc makes the first section's page and the full report, each one file with its CSS inside", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandoc-site-"));
    const sections = path.join(dir, "sections");
    fs.mkdirSync(sections);
    fs.writeFileSync(path.join(sections, "b.mdx"), "---\ntitle: Bee\n---\n\nBees *hum*.\n");
    fs.writeFileSync(path.join(sections, "a.md"), "---\ntitle: Ant\n---\n\nAnts march.\n");
    const out = path.join(dir, "out");
    const site = buildPandocSite({ sectionsDir: sections, slugs: ["b", "a"], reportTitle: "Insects", outDir: out });
    expect(site).toEqual({ sectionPath: "/sections/b/", reportPath: "/report/" });
    const page = fs.readFileSync(path.join(out, "sections/b/index.html"), "utf8");
    expect(page).toContain("<em>hum</em>");
    expect(page).toMatch(/<style>/);
    expect(page).not.toMatch(/<link[^>]+stylesheet/);
    const report = fs.readFileSync(path.join(out, "report/index.html"), "utf8");
    expect(report.indexOf("Bees")).toBeGreaterThan(-1);
    expect(report.indexOf("Ants")).toBeGreaterThan(report.indexOf("Bees"));
    expect(() => buildPandocSite({ sectionsDir: sections, slugs: ["c"], reportTitle: "", outDir: out })).toThrow(
      /no Markdown for the section c/,
    );
    fs.rmSync(dir, { recursive: true });
  });
});
