import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { pageWeightRows } from "../../../scripts/bench/benchmarks/pages.ts";
import type { BudgetCheck } from "../../../scripts/bench/budgets.ts";
import {
  budgetCell,
  FIGURES_END,
  FIGURES_FILE,
  FIGURES_START,
  figuresBlock,
  quotedFigures,
  replaceFigures,
} from "../../../scripts/bench/figures.ts";
import { summarizePage } from "../../../scripts/bench/page-weight.ts";

const check = (status: BudgetCheck["status"], actual = "x"): BudgetCheck => ({
  budget: "largest page, first visit",
  limit: "<= 10000 B gzip",
  actual,
  status,
});

describe("budgetCell", () => {
  test("says pass or missed with the limit as the guide writes it, or that it was not measured", () => {
    expect(budgetCell(check("pass"))).toBe("pass (≤ 10,000 B gzip)");
    expect(budgetCell(check("FAIL"))).toBe("**missed** (≤ 10,000 B gzip)");
    expect(budgetCell(check("not measured", "no Chromium found"))).toBe("not measured");
    expect(budgetCell(undefined)).toBe("–");
  });
});

describe("the guide's figures block", () => {
  const block = figuresBlock("2026-11-27, 2 CPUs.", [{ measure: "PDF step alone", figure: "1.35 s", budget: "pass" }]);

  test("is a heading line and a Markdown table", () => {
    expect(block).toBe(
      [
        "2026-11-27, 2 CPUs.",
        "",
        "| measure        | figure | budget |",
        "| -------------- | ------ | ------ |",
        "| PDF step alone | 1.35 s | pass   |",
      ].join("\n"),
    );
  });

  test("replaces what stands between the markers and nothing else", () => {
    const text = `# Title\n\n${FIGURES_START}\nold figures\n${FIGURES_END}\n\nAfter.\n`;
    const updated = replaceFigures(text, block);
    expect(updated).toBe(`# Title\n\n${FIGURES_START}\n${block}\n${FIGURES_END}\n\nAfter.\n`);
    expect(quotedFigures(updated)).toBe(block);
    expect(replaceFigures(updated, block)).toBe(updated);
  });

  test("a file without the markers is an error, never a silent skip", () => {
    expect(() => replaceFigures("# Title\n", block)).toThrow(/no figures block/);
    expect(quotedFigures("# Title\n")).toBeUndefined();
  });

  test("the guide's benchmarks section quotes the figures of the last full bench run word for word", () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const latest = fs.readFileSync(path.join(root, "bench", "results", "latest.md"), "utf8").trim();
    const json = JSON.parse(fs.readFileSync(path.join(root, "bench", "results", "latest.json"), "utf8")) as {
      readme?: string;
    };
    expect(quotedFigures(fs.readFileSync(path.join(root, FIGURES_FILE), "utf8"))).toBe(latest);
    expect(json.readme).toBe(latest);
  });
});

describe("pageWeightRows", () => {
  const page = (name: string, document: number) =>
    summarizePage(name, [
      { url: `http://h${name}`, resourceType: "document", rawBytes: document * 4, gzipBytes: document },
      { url: "http://h/a.css", resourceType: "stylesheet", rawBytes: 20_000, gzipBytes: 5000 },
    ]);

  test("details the heaviest page and gives the range of the others, each judged", () => {
    const rows = pageWeightRows([page("/", 3000), page("/report/", 6164), page("/timeline/", 3900)], "verdict", 10_000);
    expect(rows).toEqual([
      {
        measure: "largest page (`/report/`)",
        figure: "11,164 B gzip (HTML 6,164 + CSS 5,000), 2 requests, 0 B JS",
        budget: "verdict",
      },
      {
        measure: "every other page",
        figure: "8,000–8,900 B gzip, at most 2 requests, 0 B JS",
        budget: "pass (≤ 10,000 B gzip)",
      },
    ]);
  });

  test("no pages, no rows", () => {
    expect(pageWeightRows([], "verdict", 10_000)).toEqual([]);
  });
});
