import fs from "node:fs";
import path from "node:path";

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) this module reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

/** A named part of the build, recognised by the functions on the stack. */
export interface ProfileCategory {
  name: string;
  /** True for a frame of this category. */
  matches(frame: { functionName: string; url: string }): boolean;
}

/**
 * Milliseconds per category, and in all. V8 samples on a wall clock, so on a busy machine these
 * stretch with the load; the shares hold.
 */
export interface ProfileShares {
  totalMs: number;
  byCategory: Record<string, number>;
}

/**
 * Adds up the time of the samples whose stack holds a frame of each category, idle samples left
 * out. A sample counts once, for the first category in `categories` order found on its stack, so
 * that the parts never overlap and their sum is the time of the whole path.
 */
export function attributeProfile(profile: CpuProfile, categories: readonly ProfileCategory[]): ProfileShares {
  const parent = new Map<number, number>();
  const frames = new Map<number, { functionName: string; url: string }>();
  for (const node of profile.nodes) {
    frames.set(node.id, node.callFrame);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  // Each node's category, found once for its whole stack.
  const categoryOf = new Map<number, string | undefined>();
  const resolve = (id: number): string | undefined => {
    if (categoryOf.has(id)) return categoryOf.get(id);
    const stack: number[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(at);
    let found: string | undefined;
    for (const category of categories) {
      if (stack.some((node) => category.matches(frames.get(node) ?? { functionName: "", url: "" }))) {
        found = category.name;
        break;
      }
    }
    categoryOf.set(id, found);
    return found;
  };
  const byCategory: Record<string, number> = Object.fromEntries(categories.map((category) => [category.name, 0]));
  let total = 0;
  profile.samples.forEach((id, index) => {
    // Waiting for the disk or a child process is not work of this process.
    if (frames.get(id)?.functionName === "(idle)") return;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    total += ms;
    const category = resolve(id);
    if (category !== undefined) byCategory[category] = (byCategory[category] ?? 0) + ms;
  });
  return { totalMs: total, byCategory };
}

/** The profiles in a folder, added up (a build may run more than one Node process). */
export function attributeProfiles(dir: string, categories: readonly ProfileCategory[]): ProfileShares {
  const sum: ProfileShares = {
    totalMs: 0,
    byCategory: Object.fromEntries(categories.map((category) => [category.name, 0])),
  };
  for (const name of fs.readdirSync(dir).filter((file) => file.endsWith(".cpuprofile"))) {
    const shares = attributeProfile(
      JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as CpuProfile,
      categories,
    );
    sum.totalMs += shares.totalMs;
    for (const [category, ms] of Object.entries(shares.byCategory)) {
      sum.byCategory[category] = (sum.byCategory[category] ?? 0) + ms;
    }
  }
  return sum;
}

const named =
  (...names: string[]) =>
  (frame: { functionName: string }) =>
    names.includes(frame.functionName);

/**
 * The citation path, by the functions that do it (their names survive Astro's bundling of the
 * pages): reading the bibliography, creating the engine, formatting the listed works, and the
 * in-text citations (the Markdown plugin, and any citation a page formats).
 */
export const CITATION_PATH: readonly ProfileCategory[] = [
  { name: "reading the bibliography", matches: named("readBibtex", "parseCslJson") },
  { name: "creating the engine", matches: named("createCitationEngine") },
  { name: "formatting the listed works", matches: named("formatBibliography") },
  {
    name: "in-text citations",
    matches: (frame) => frame.functionName === "formatCitation" || /remark-citations\.ts$/.test(frame.url),
  },
];
