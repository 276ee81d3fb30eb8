/**
 * A value shared by every module graph of this process, made on first use. Astro loads the
 * integrations, the Markdown plugins and the pages as separate module graphs of one process, so a
 * module-level variable exists once per graph; a value under a registered symbol exists once.
 */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`self-help-report.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const value = store[key] ?? create();
  store[key] = value;
  return value;
}
