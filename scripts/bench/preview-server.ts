import { preview } from "astro";

/** A built site served by Astro's preview server, inside the benchmark's own process. */
export interface PreviewServer {
  /** Where it answers, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  stop(): Promise<void>;
}

/**
 * Serves `distDir` with Astro's programmatic `preview()` (the server `astro preview` and the e2e
 * tests use) on a port the system picks. The project's config is not loaded: its integrations
 * check content, and a built site needs none of them to be served.
 */
export async function startPreview(root: string, distDir: string): Promise<PreviewServer> {
  const server = await preview({
    root,
    configFile: false,
    outDir: distDir,
    // The bench builds with the default base, links end in a slash, as in astro.config.mjs.
    trailingSlash: "ignore",
    server: { host: "127.0.0.1", port: 0 },
    logLevel: "error",
  });
  return { origin: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
}
