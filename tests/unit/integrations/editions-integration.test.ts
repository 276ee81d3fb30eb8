import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AstroIntegrationLogger } from "astro";
import { describe, expect, it } from "vitest";
import { editionsIntegration } from "../../../src/integrations/editions-integration.ts";
import { projectRoot } from "../../build/build-helpers.ts";

describe("the editions step of the build", () => {
  const logger = { info: () => {}, warn: () => {}, error: () => {} } as unknown as AstroIntegrationLogger;

  it("fails on a site without its report page and writes neither edition", async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "editions-dist-"));
    fs.writeFileSync(path.join(dist, "index.html"), "<p>home</p>");
    const integration = editionsIntegration({ contentDir: path.join(projectRoot, "content") });
    const done = integration.hooks["astro:build:done"] as (options: {
      dir: URL;
      logger: AstroIntegrationLogger;
    }) => Promise<void>;
    await expect(done({ dir: new URL(`file://${dist}/`), logger })).rejects.toThrow(
      /report[/\\]index\.html is missing/,
    );
    expect(fs.readdirSync(dist)).toEqual(["index.html"]);
    fs.rmSync(dist, { recursive: true, force: true });
  });
});
