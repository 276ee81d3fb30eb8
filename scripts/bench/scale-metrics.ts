/**
 * Build time per section net of the fixed cost every build pays (Astro start-up, bundling, the
 * pages that exist once): `(t - baseline) / sections`. Without subtracting it the smallest
 * size would always look slowest per section and hide a superlinear step.
 */
export function netMsPerSection(buildMs: number, baselineMs: number, sections: number): number {
  if (sections <= 0) throw new RangeError("a report needs at least one section");
  return (buildMs - baselineMs) / sections;
}

/** Share of the build time spent on citations: `(t_with - t_without) / t_with`, never below 0. */
export function citationShare(withCitationsMs: number, withoutCitationsMs: number): number {
  if (withCitationsMs <= 0) throw new RangeError("build time must be positive");
  return Math.max(0, (withCitationsMs - withoutCitationsMs) / withCitationsMs);
}

/**
 * How much the cost per section grew from the smallest size to the largest (1 = linear), or
 * undefined when the smallest size cost nothing measurable above the baseline (noise swamped it).
 */
export function perSectionGrowth(smallestMsPerSection: number, largestMsPerSection: number): number | undefined {
  if (smallestMsPerSection <= 0) return undefined;
  return largestMsPerSection / smallestMsPerSection;
}
