// `npm run bench [-- <name> ...] [--quick]`: runs every benchmark, or the ones named, one module
// each under scripts/bench/benchmarks/ (the shape of withastro/astro's benchmark/index.js).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { switchOffTelemetry } from "../src/lib/build/telemetry.ts";
import { BenchUsageError, parseBenchArgs, usage } from "./bench/cli.ts";
import { type Benchmark, type BenchOutcome, createContext, machineInfo } from "./bench/context.ts";
import { FIGURES_FILE, figuresBlock, replaceFigures } from "./bench/figures.ts";
import { formatTable } from "./bench/table.ts";

// The builds and Astro's preview() below send no usage report.
switchOffTelemetry();

/** Every benchmark, in the order a full run takes them (the real report first: the others read its build). */
const BENCHMARKS: readonly Benchmark[] = [
  {
    name: "real",
    description: "the real report: cold builds (site and PDF), and the PDF step alone",
    load: () => import("./bench/benchmarks/real-report.ts"),
  },
  {
    name: "editions",
    description: "the EPUB and the single-file HTML: time to make each from the built site, and size",
    load: () => import("./bench/benchmarks/editions.ts"),
  },
  {
    name: "typesetting",
    description:
      "the report's PDF against LaTeX's of the same sections: pages, characters a line, hyphens, blank space",
    load: () => import("./bench/benchmarks/typesetting.ts"),
  },
  {
    name: "pages",
    description: "page weight: every page of the real report on a first visit in Chromium",
    load: () => import("./bench/benchmarks/pages.ts"),
  },
  {
    name: "lighthouse",
    description: "Lighthouse on the home page, the first section, the references and the timeline",
    load: () => import("./bench/benchmarks/lighthouse.ts"),
  },
  {
    name: "scale",
    description: "synthetic reports of 20, 100 and 400 sections, with and without citations",
    load: () => import("./bench/benchmarks/scale.ts"),
  },
  {
    name: "citation-profile",
    description: "the 400-section report under node --cpu-prof: the citation path's own share of the build",
    load: () => import("./bench/benchmarks/citation-profile.ts"),
  },
];

const root = process.cwd();
let request: ReturnType<typeof parseBenchArgs>;
try {
  request = parseBenchArgs(
    process.argv.slice(2),
    BENCHMARKS.map((benchmark) => benchmark.name),
  );
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  console.error(`npm run bench: ${error.message}\n\n${usage(BENCHMARKS)}`);
  process.exit(2);
}
if (request.help) {
  console.log(usage(BENCHMARKS));
  process.exit(0);
}

const started = new Date();
const machine = machineInfo();
const context = createContext({ root, quick: request.quick });
const outcomes: Record<string, BenchOutcome> = {};
for (const benchmark of BENCHMARKS.filter((entry) => request.names.includes(entry.name))) {
  const module = await benchmark.load();
  outcomes[benchmark.name] = await module.run(context);
}

const ran = Object.values(outcomes);
const budgets = ran.flatMap((outcome) => outcome.budgets);
const day = started.toISOString().slice(0, 10);
const machineLine = `${machine.cpus} CPUs (${machine.model}), ${machine.memoryGiB} GiB, Node ${machine.node.replace(/^v/, "")}, load average ${machine.loadAverageAtStart.join(" ")} at start`;
const mode = request.quick ? ", `--quick` (1 run, small sizes)" : "";
const stamp = started
  .toISOString()
  .replace(/:/g, "-")
  .replace(/\.\d+Z$/, "Z");
const suffix = `${request.quick ? "-quick" : ""}${request.all ? "" : `-${request.names.join("-")}`}`;
const file = path.join(root, "bench", "results", `${stamp}${suffix}.json`);
const readmeBlock = figuresBlock(
  `${day}, ${machineLine}${mode} (\`${path.relative(root, file)}\`).`,
  ran.flatMap((outcome) => outcome.readme),
);

const missed = budgets.filter((check) => check.status === "FAIL");
console.log(
  [
    `Machine: ${machineLine}`,
    ...ran.map((outcome) => `\n${outcome.report}`),
    "",
    "Budgets",
    formatTable(
      ["budget", "limit", "actual", "status"],
      budgets.map((check) => [check.budget, check.limit, check.actual, check.status]),
    ),
    "",
    missed.length === 0
      ? "All measured budgets met."
      : `${missed.length} budget(s) MISSED: ${missed.map((check) => check.budget).join("; ")}`,
    "",
    "Figures for the guide",
    "",
    readmeBlock,
  ].join("\n"),
);

const results = {
  date: started.toISOString(),
  durationS: Math.round((Date.now() - started.getTime()) / 1000),
  mode: request.quick ? "quick" : "full",
  benchmarks: request.names,
  note: "Cold builds (empty output and cache folders). Timings vary with whatever else runs on the machine.",
  machine: { ...machine, loadAverageAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100) },
  ...Object.fromEntries(Object.entries(outcomes).map(([name, outcome]) => [name, outcome.figures])),
  budgets,
  readme: readmeBlock,
};
const json = `${JSON.stringify(results, null, 2)}\n`;
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, json);
// Only a full run of every benchmark stands for the project's figures.
if (request.all && !request.quick) {
  fs.writeFileSync(path.join(root, "bench", "results", "latest.json"), json);
  fs.writeFileSync(path.join(root, "bench", "results", "latest.md"), `${readmeBlock}\n`);
  const guide = path.join(root, FIGURES_FILE);
  fs.writeFileSync(guide, replaceFigures(fs.readFileSync(guide, "utf8"), readmeBlock));
  context.log(
    `results written to ${path.relative(root, file)}, bench/results/latest.json and latest.md, and ${FIGURES_FILE}`,
  );
} else {
  context.log(`results written to ${path.relative(root, file)}`);
}
process.exit(missed.length > 0 ? 1 : 0);
