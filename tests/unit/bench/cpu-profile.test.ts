import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  attributeProfile,
  attributeProfiles,
  CITATION_PATH,
  type CpuProfile,
} from "../../../scripts/bench/cpu-profile.ts";

const frame = (id: number, functionName: string, url = "file:///x.js", children: number[] = []) => ({
  id,
  callFrame: { functionName, url },
  children,
});

// (root) -> loadReportContext -> readBibtex -> parse
//        -> loadReportContext -> formatBibliography -> formatCitation (counted once, as the bibliography)
//        -> transformer in remark-citations.ts -> formatCitation
//        -> render (not citations)
const profile: CpuProfile = {
  nodes: [
    frame(1, "(root)", "", [2, 5, 8, 10]),
    frame(2, "loadReportContext", "file:///src/lib/report/report-context.ts", [3, 6]),
    frame(3, "readBibtex", "file:///src/lib/citations/read-bibtex.ts", [4]),
    frame(4, "parse", "file:///node_modules/@retorquere/bibtex-parser/index.js"),
    frame(5, "", "file:///src/lib/markdown/remark-citations.ts", [9]),
    frame(6, "formatBibliography", "file:///src/lib/citations/citation-engine.ts", [7]),
    frame(7, "formatCitation", "file:///src/lib/citations/citation-engine.ts"),
    frame(8, "render", "file:///dist/.prerender/chunks/page.mjs"),
    frame(9, "formatCitation", "file:///src/lib/citations/citation-engine.ts"),
    frame(10, "(idle)", ""),
  ],
  samples: [4, 4, 3, 7, 6, 9, 5, 8, 8, 1, 10],
  timeDeltas: [1000, 1000, 500, 2000, 1000, 3000, 250, 4000, 4000, 250, 9000],
};

describe("attributeProfile", () => {
  test("adds each sample to the first category on its stack, and all but idle ones to the total", () => {
    const shares = attributeProfile(profile, CITATION_PATH);
    expect(shares.totalMs).toBe(17);
    expect(shares.byCategory).toEqual({
      "reading the bibliography": 2.5,
      "creating the engine": 0,
      "formatting the listed works": 3,
      "in-text citations": 3.25,
    });
  });

  test("profiles of several processes in one folder add up", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-profile-"));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, "CPU.1.cpuprofile"), JSON.stringify(profile));
    fs.writeFileSync(path.join(dir, "CPU.2.cpuprofile"), JSON.stringify(profile));
    fs.writeFileSync(path.join(dir, "notes.txt"), "not a profile");
    const shares = attributeProfiles(dir, CITATION_PATH);
    expect(shares.totalMs).toBe(34);
    expect(shares.byCategory["in-text citations"]).toBe(6.5);
  });
});
