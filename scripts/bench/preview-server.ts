import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

/** A running `astro preview` of a built site. */
export interface PreviewServer {
  origin: string;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(origin: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`astro preview exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${origin}/`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`astro preview did not answer at ${origin} within ${timeoutMs} ms`);
}

/** Serves `distDir` with `astro preview` (the same server the e2e tests use) on a free port. */
export async function startPreview(root: string, distDir: string, env: NodeJS.ProcessEnv): Promise<PreviewServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const astro = path.join(root, "node_modules", "astro", "bin", "astro.mjs");
  const child = spawn(
    process.execPath, // --ignore-lock: Astro allows one locked preview per project, and others may be running one.
    [astro, "preview", "--ignore-lock", "--host", "127.0.0.1", "--port", String(port)],
    {
      cwd: root,
      env: { ...env, REPORT_OUT_DIR: distDir },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-2000);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  try {
    await waitUntilServing(origin, child, 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${errors.trim()}`);
  }
  return { origin, stop };
}
