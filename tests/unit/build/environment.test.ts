import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DEFAULT_E2E_PORT, ENVIRONMENT_VARIABLES, readEnvironment } from "../../../src/lib/build/environment.ts";

const root = path.resolve(import.meta.dirname, "../../..");

describe("readEnvironment", () => {
  test("reads every variable into its field", () => {
    expect(
      readEnvironment({
        SITE_URL: "https://example.edu/report/",
        BASE_PATH: "/course/",
        REPORT_CONTENT_DIR: "tests/fixtures/text-elements",
        REPORT_OUT_DIR: "dist-test",
        REPORT_CACHE_DIR: ".cache-test",
        REPORT_PDF: "off",
        REPORT_EPUB: "off",
        REPORT_FINISH: "separate",
        CHROMIUM_PATH: "/opt/chrome/chrome",
        CI: "true",
        E2E_PORT: "4417",
        ORACLE_REPORT: "/tmp/oracle.txt",
      }),
    ).toEqual({
      siteUrl: "https://example.edu/report/",
      basePath: "/course/",
      contentDir: "tests/fixtures/text-elements",
      outDir: "dist-test",
      cacheDir: ".cache-test",
      pdf: false,
      epub: false,
      finishSeparately: true,
      chromiumPath: "/opt/chrome/chrome",
      ci: true,
      e2ePort: 4417,
      oracleReport: "/tmp/oracle.txt",
    });
  });

  test("unset and empty variables give the defaults", () => {
    const defaults = {
      siteUrl: undefined,
      basePath: undefined,
      contentDir: undefined,
      outDir: undefined,
      cacheDir: undefined,
      pdf: true,
      epub: true,
      finishSeparately: false,
      chromiumPath: undefined,
      ci: false,
      e2ePort: DEFAULT_E2E_PORT,
      oracleReport: undefined,
    };
    expect(readEnvironment({})).toEqual(defaults);
    const empty = Object.fromEntries(Object.values(ENVIRONMENT_VARIABLES).map((name) => [name, ""]));
    expect(readEnvironment(empty)).toEqual(defaults);
    expect(readEnvironment({ SITE_URL: "  https://example.edu/ " }).siteUrl).toBe("https://example.edu/");
  });

  test("only `off` turns the PDF or the EPUB off", () => {
    expect(readEnvironment({ REPORT_PDF: "on", REPORT_EPUB: "no" })).toMatchObject({ pdf: true, epub: true });
    expect(readEnvironment({ REPORT_PDF: "off" })).toMatchObject({ pdf: false, epub: true });
  });

  test.each(["later", "yes", "Separate"])("REPORT_FINISH=%s is refused with a fix", (value) => {
    expect(() => readEnvironment({ REPORT_FINISH: value })).toThrow(
      /REPORT_FINISH="[^"]+" is not understood[\s\S]*Fix:/,
    );
  });

  test.each(["abc", "0", "70000", "4417.5"])("E2E_PORT=%s is refused with a fix", (value) => {
    expect(() => readEnvironment({ E2E_PORT: value })).toThrow(/E2E_PORT="[^"]+" is not a port number[\s\S]*Fix:/);
  });
});

describe("one place reads the environment", () => {
  test("the guide's table lists exactly the variables the module reads", () => {
    const guide = fs.readFileSync(path.join(root, "guide/sections/deploying.mdx"), "utf8");
    const section = guide.split("\n## Environment variables\n")[1]?.split("\n## ")[0] ?? "";
    const listed = [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(Object.values(ENVIRONMENT_VARIABLES).sort());
  });

  test("no other module, script or test reads a variable itself", () => {
    // Astro's own build constants (import.meta.env.PROD, BASE_URL, SITE) come from its config, not the shell.
    const astroConstants = new Set(["PROD", "DEV", "MODE", "SSR", "BASE_URL", "SITE"]);
    const reader = path.join(root, "src/lib/build/environment.ts");
    const files = [
      ...["src", "scripts", "tests/e2e", "tests/build", "tests/pdf-ua"].flatMap((folder) =>
        fs
          .readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
          .filter((name) => /\.(ts|mts|mjs|astro)$/.test(name))
          .map((name) => path.join(root, folder, name)),
      ),
      path.join(root, "astro.config.mjs"),
      path.join(root, "playwright.config.ts"),
    ].filter((file) => file !== reader && fs.existsSync(file));
    const reads: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(/process\.env(?:\.([A-Za-z_]\w*)|\[)|import\.meta\.env\.([A-Za-z_]\w*)/g)) {
        if (match[2] && astroConstants.has(match[2])) continue;
        reads.push(`${path.relative(root, file)}: ${match[0]}`);
      }
    }
    expect(reads).toEqual([]);
  });
});
