import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { startPreview } from "../../../scripts/bench/preview-server.ts";

const dist = fs.mkdtempSync(path.join(os.tmpdir(), "bench-preview-"));
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

test("serves a built site from Astro's preview() on a free port, pages by their slash URLs, and stops", async () => {
  fs.mkdirSync(path.join(dist, "sections", "introduction"), { recursive: true });
  fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>Home</title>");
  fs.writeFileSync(path.join(dist, "sections", "introduction", "index.html"), "<!doctype html><title>Intro</title>");
  fs.writeFileSync(path.join(dist, "404.html"), "<!doctype html><title>Not found</title>");
  const root = path.resolve(import.meta.dirname, "../../..");
  const server = await startPreview(root, dist);
  try {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.origin).not.toMatch(/:0$/);
    const home = await fetch(`${server.origin}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("<title>Home</title>");
    const section = await fetch(`${server.origin}/sections/introduction/`);
    expect(await section.text()).toContain("<title>Intro</title>");
    const missing = await fetch(`${server.origin}/nowhere/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("<title>Not found</title>");
  } finally {
    await server.stop();
  }
  await expect(fetch(`${server.origin}/`)).rejects.toThrow();
});
