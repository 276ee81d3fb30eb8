/**
 * Usage reports are off: no tool the build or the tests run tells a third party that it ran.
 * Astro's anonymous telemetry is the one such report among them; Astro reads this variable before
 * it loads the project's config (its first-run notice comes first), so every npm script that starts
 * Astro sets it on its command line too (package.json), and every script that starts tools itself
 * sets it here for its children. The variable is the one @astrojs/telemetry's README gives (astro.build/telemetry).
 */
export const TELEMETRY_OFF: Readonly<Record<string, string>> = { ASTRO_TELEMETRY_DISABLED: "1" };

/** Switches usage reports off in `env` (the process's own by default) and in every process it starts. */
export function switchOffTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  Object.assign(env, TELEMETRY_OFF);
}
