/** What `npm run bench -- ...` asked for. */
export interface BenchRequest {
  /** The benchmarks to run, in the registry's order. */
  names: string[];
  quick: boolean;
  /** True when every benchmark runs, so the figures may stand for the project's (latest.json, README). */
  all: boolean;
  help: boolean;
}

/** A command line the bench cannot run, with what to type instead. */
export class BenchUsageError extends Error {}

/**
 * Reads the bench's command line: benchmark names (none means all), `--quick`, and the older
 * `--no-lighthouse` and `--no-scale`, which leave one benchmark out of a run of all.
 */
export function parseBenchArgs(argv: readonly string[], known: readonly string[]): BenchRequest {
  const flags = new Set(argv.filter((arg) => arg.startsWith("-")));
  const asked = argv.filter((arg) => !arg.startsWith("-"));
  for (const flag of flags) {
    if (!["--quick", "--no-lighthouse", "--no-scale", "--help", "-h"].includes(flag)) {
      throw new BenchUsageError(
        `unknown option ${flag}; the options are --quick, --no-lighthouse, --no-scale, --help.`,
      );
    }
  }
  for (const name of asked) {
    if (!known.includes(name)) {
      throw new BenchUsageError(`no benchmark named "${name}"; the benchmarks are ${known.join(", ")}.`);
    }
  }
  const left = new Set<string>();
  if (flags.has("--no-lighthouse")) left.add("lighthouse");
  if (flags.has("--no-scale")) left.add("scale");
  const names = known.filter((name) => (asked.length === 0 || asked.includes(name)) && !left.has(name));
  return {
    names,
    quick: flags.has("--quick"),
    all: names.length === known.length,
    help: flags.has("--help") || flags.has("-h"),
  };
}

/** The bench's help text. */
export function usage(benchmarks: ReadonlyArray<{ name: string; description: string }>): string {
  const width = Math.max(...benchmarks.map((benchmark) => benchmark.name.length));
  return [
    "npm run bench [-- <name> ...] [--quick] [--no-lighthouse] [--no-scale]",
    "",
    "Runs every benchmark, or the ones named:",
    ...benchmarks.map((benchmark) => `  ${benchmark.name.padEnd(width)}  ${benchmark.description}`),
    "",
    "--quick  one run of each measure and small synthetic reports, for a try-out",
    "A full run of all of them writes bench/results/latest.json and latest.md and the guide's figures (guide/sections/benchmarks.mdx).",
  ].join("\n");
}
