/**
 * Every environment variable the build, the scripts and the tests read, read here and nowhere else:
 * other modules take an {@link Environment} (or values from it) as a parameter. The author's guide's table
 * "Environment variables" (guide/sections/deploying.mdx) lists the same names, and a unit test keeps the two in step.
 *
 * An empty variable counts as unset, as a shell's `NAME= npm run build` intends.
 */

/** What the environment says, one field per variable, each named after what it sets. */
export interface Environment {
  /**
   * `SITE_URL`: the absolute http(s) address the site will be served from, such as
   * `https://example.edu/report/`; its path is the base path unless `BASE_PATH` is set. Unset, pages
   * link relatively and canonical links, the sitemap and URLs in citations are left out.
   */
  siteUrl: string | undefined;
  /** `BASE_PATH`: the path every page is served under (`/reports/self-help/`), when it differs from `SITE_URL`'s. */
  basePath: string | undefined;
  /** `REPORT_CONTENT_DIR`: the content folder of the report to publish, relative to the working folder; default `content`. */
  contentDir: string | undefined;
  /** `REPORT_OUT_DIR`: the folder the site is built into (and the PDF script and e2e tests read); default `dist`. */
  outDir: string | undefined;
  /** `REPORT_CACHE_DIR`: Astro's cache folder, so that builds of several content folders can run side by side. */
  cacheDir: string | undefined;
  /** `REPORT_PDF`: `off` builds the site without the PDF (and its e2e tests are skipped). */
  pdf: boolean;
  /** `REPORT_EPUB`: `off` builds the site without the EPUB. */
  epub: boolean;
  /**
   * `REPORT_FINISH`: `separate` leaves the PDF and the editions to scripts/finish-build.ts, run after
   * Astro's process has exited (`npm run build` does both), so that the two never hold memory at once.
   */
  finishSeparately: boolean;
  /** `CHROMIUM_PATH`: the Chromium or Chrome binary that prints the PDF and runs the browser tests; default the system's, else Playwright's own. */
  chromiumPath: string | undefined;
  /** `CI`: set (to anything) on a CI machine, where a focused test (`test.only`) fails the run. */
  ci: boolean;
  /** `E2E_PORT`: the port `astro preview` serves the built site on for the browser tests; default 4329. */
  e2ePort: number;
  /** `ORACLE_REPORT`: a file the citation oracle test writes every difference from Pandoc to, as rows of its table. */
  oracleReport: string | undefined;
  /**
   * `REPORT_FIXTURE_BUILDS`: the folder where one browser-test run keeps the fixtures' shared builds;
   * playwright.config.ts sets it for its workers when it is unset.
   */
  fixtureBuilds: string | undefined;
}

/** The environment variable behind each field of {@link Environment}. */
export const ENVIRONMENT_VARIABLES = {
  siteUrl: "SITE_URL",
  basePath: "BASE_PATH",
  contentDir: "REPORT_CONTENT_DIR",
  outDir: "REPORT_OUT_DIR",
  cacheDir: "REPORT_CACHE_DIR",
  pdf: "REPORT_PDF",
  epub: "REPORT_EPUB",
  finishSeparately: "REPORT_FINISH",
  chromiumPath: "CHROMIUM_PATH",
  ci: "CI",
  e2ePort: "E2E_PORT",
  oracleReport: "ORACLE_REPORT",
  fixtureBuilds: "REPORT_FIXTURE_BUILDS",
} as const satisfies Record<keyof Environment, string>;

/** The port the browser tests use when `E2E_PORT` is unset. */
export const DEFAULT_E2E_PORT = 4329;

/** Reads every variable of {@link Environment} from `env` (the process's environment by default). */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const text = (field: keyof Environment): string | undefined => {
    const value = env[ENVIRONMENT_VARIABLES[field]]?.trim();
    return value ? value : undefined;
  };
  return {
    siteUrl: text("siteUrl"),
    basePath: text("basePath"),
    contentDir: text("contentDir"),
    outDir: text("outDir"),
    cacheDir: text("cacheDir"),
    pdf: text("pdf") !== "off",
    epub: text("epub") !== "off",
    finishSeparately: readFinish(text("finishSeparately")),
    chromiumPath: text("chromiumPath"),
    ci: text("ci") !== undefined,
    e2ePort: readPort(text("e2ePort")),
    oracleReport: text("oracleReport"),
    fixtureBuilds: text("fixtureBuilds"),
  };
}

function readFinish(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value === "separate") return true;
  throw new Error(
    `REPORT_FINISH="${value}" is not understood.\n  Fix: set REPORT_FINISH=separate to print the PDF and make the editions in a process of their own after the site's build, or leave it unset.`,
  );
}

function readPort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_E2E_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(
      `E2E_PORT="${value}" is not a port number.\n  Fix: set E2E_PORT to a free port such as 4417, or leave it unset for ${DEFAULT_E2E_PORT}.`,
    );
  }
  return port;
}

/**
 * Parts of a variable's name that mark its value as a secret (`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`,
 * `DB_PASSWORD`, `NPM_AUTH`, npm's `_authToken`): a name part equal to one of these, or ending in one.
 */
const SECRET_NAME_PARTS = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASS", "KEY", "CREDENTIAL", "CREDENTIALS", "AUTH"];

/** The shortest value kept out of the log: shorter ones would blank every such word of every line. */
export const SHORTEST_SECRET = 4;

/** True for a variable name that says its value is a secret (see {@link SECRET_NAME_PARTS}). */
export function isSecretName(name: string): boolean {
  return name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .some((part) => SECRET_NAME_PARTS.some((secret) => part === secret || part.endsWith(secret)));
}

/**
 * Every value in the environment that must never reach a build's log: the value of each variable
 * whose name looks secret ({@link isSecretName}), and the user name and password of any URL held by
 * any variable (`DATABASE_URL=postgres://user:pw@host`). Values shorter than {@link SHORTEST_SECRET}
 * are left out. The log guard (log-guard.ts) hides them.
 */
export function readSecretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (isSecretName(name)) secrets.add(value);
    for (const match of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^\s/?#@]+)@/gi)) {
      for (const part of (match[1] ?? "").split(":")) {
        secrets.add(part);
        try {
          secrets.add(decodeURIComponent(part));
        } catch {
          // Not percent-encoded text: the part as written is hidden already.
        }
      }
    }
  }
  return [...secrets].filter((secret) => secret.length >= SHORTEST_SECRET);
}
