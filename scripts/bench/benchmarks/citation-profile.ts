import fs from "node:fs";
import path from "node:path";
import type { BenchContext, BenchOutcome } from "../context.ts";
import { coldBuild } from "../context.ts";
import { attributeProfiles, CITATION_PATH } from "../cpu-profile.ts";
import { QUICK_SCALE_SIZES, SCALE_SIZES, writeSyntheticReport } from "../synthetic-report.ts";
import { formatTable } from "../table.ts";

const secondsOf = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percentOf = (part: number, whole: number) => `${whole > 0 ? ((part / whole) * 100).toFixed(1) : "0.0"}%`;

/**
 * The largest synthetic report built once with citations under `node --cpu-prof`: how much of its
 * CPU time the citation path itself takes, part by part, beside the scale benchmark's with/without
 * difference (which also counts the work citations add to every later step).
 */
export async function run(context: BenchContext): Promise<BenchOutcome> {
  const size = (context.quick ? QUICK_SCALE_SIZES : SCALE_SIZES).at(-1) ?? {
    sections: 1,
    references: 5,
    citations: 10,
  };
  const name = `profile-${size.sections}s`;
  const contentDir = path.join(context.workDir, `content-${name}`);
  const profileDir = path.join(context.workDir, `${name}-cpuprofile`);
  writeSyntheticReport(contentDir, { ...size, withCitations: true });
  fs.rmSync(profileDir, { recursive: true, force: true });
  context.log(`citation profile: ${size.sections} sections with citations, under --cpu-prof`);
  await coldBuild(context, name, { contentDir, pdf: false, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] });
  const shares = attributeProfiles(profileDir, CITATION_PATH);
  const pathMs = Object.values(shares.byCategory).reduce((sum, ms) => sum + ms, 0);
  const rows = Object.entries(shares.byCategory).map(([part, ms]) => [
    part,
    secondsOf(ms),
    percentOf(ms, shares.totalMs),
  ]);
  const label = `${size.sections}/${size.references}/${size.citations}`;
  return {
    figures: {
      size,
      profiledMs: Math.round(shares.totalMs),
      citationPathMs: Math.round(pathMs),
      byCategory: shares.byCategory,
    },
    report: [
      `Citation path in a CPU profile of the ${label} build with citations (site only, one cold build)`,
      formatTable(
        ["part", "time", "share of the build"],
        [
          ...rows,
          ["the citation path", secondsOf(pathMs), percentOf(pathMs, shares.totalMs)],
          ["the whole build (sampled, idle left out)", secondsOf(shares.totalMs), "100%"],
        ],
      ),
    ].join("\n"),
    budgets: [],
    readme: [
      {
        measure: `the citation path's own time at ${size.sections} sections (CPU profile, idle left out)`,
        figure: `${secondsOf(pathMs)} of ${secondsOf(shares.totalMs)} (${percentOf(pathMs, shares.totalMs)}): ${Object.entries(
          shares.byCategory,
        )
          .map(([part, ms]) => `${part} ${secondsOf(ms)}`)
          .join(", ")}`,
        budget: "–",
      },
    ],
  };
}
