/**
 * The reports the edition matrix checks, found from the folders (so a fixture or ported paper added
 * later joins by itself), and one shared build of each per test run: every spec and worker that
 * asks for a fixture gets the same output folder, built once under that fixture's lock.
 */
import fs from "node:fs";
import path from "node:path";
import { readEnvironment } from "../../src/lib/build/environment.ts";
import { loadReportMetadata } from "../../src/lib/content/report-file.ts";
import { buildSiteUnserialized, projectRoot, withFixtureBuildLock } from "../build/build-helpers.ts";
import { contentDir, distDir, environment } from "./site.ts";

/** A report the matrix checks: its name in test titles, its content folder, the environment of its build. */
export interface MatrixFixture {
  name: string;
  contentDir: string;
  /** Extra environment of its build (e.g. SITE_URL); none for the report itself, built by `npm test`. */
  env: Record<string, string>;
  /** Already built into this folder (the report's own dist/), so no build is needed. */
  builtDir?: string;
}

const FIXTURES = path.join(projectRoot, "tests/fixtures");

/**
 * A content folder that is a whole report: a report.yaml, a sections/ folder and a bibliography.
 * At the top of tests/fixtures/ it must also say what it is in a README.md: the bare folders beside
 * them (citations/, bibliography-as-data/ ...) are laid over the report's own content by their
 * tests, not built alone.
 */
function isReport(folder: string, documented: boolean): boolean {
  const has = (name: string) => fs.existsSync(path.join(folder, name));
  return (
    has("report.yaml") &&
    has("sections") &&
    (has("references.bib") || has("references.json")) &&
    (!documented || has("README.md"))
  );
}

/** Fixtures whose builds other specs share, with the environment those specs expect. */
const BUILD_ENV: Record<string, Record<string, string>> = {
  // Its e2e tests read absolute links to the site in the PDF.
  "rich-report": { SITE_URL: "https://example.org" },
};

/**
 * Every report to check: the report itself (as `npm test` built it), every whole-report fixture in
 * tests/fixtures/ and every ported paper in tests/fixtures/ported-papers/.
 */
export function matrixFixtures(): MatrixFixture[] {
  const found: MatrixFixture[] = [{ name: "report", contentDir, env: {}, builtDir: distDir }];
  const folders = [FIXTURES, path.join(FIXTURES, "ported-papers")];
  for (const parent of folders) {
    for (const entry of fs.readdirSync(parent, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const folder = path.join(parent, entry.name);
      if (!entry.isDirectory() || !isReport(folder, parent === FIXTURES)) continue;
      const name = parent === FIXTURES ? entry.name : `${path.basename(parent)}/${entry.name}`;
      found.push({ name, contentDir: folder, env: BUILD_ENV[entry.name] ?? {} });
    }
  }
  return found;
}

/** Where this test run keeps its shared builds (set once by playwright.config.ts, inherited by workers). */
function buildsRoot(): string {
  const root = readEnvironment().fixtureBuilds;
  if (!root) throw new Error("REPORT_FIXTURE_BUILDS is unset: run the e2e tests through playwright.config.ts");
  return root;
}

/** A fixture's built site: its folder and the report's file stem (pdfName). */
export interface FixtureBuild {
  outDir: string;
  /** What the build printed ("" for the report itself, built by `npm test`). */
  output: string;
  stem: string;
  pdf: string | undefined;
  epub: string | undefined;
  singleFile: string | undefined;
}

function describeBuild(fixture: MatrixFixture, outDir: string): FixtureBuild {
  const stem = loadReportMetadata(fixture.contentDir).pdfName;
  const file = (extension: string) => {
    const candidate = path.join(outDir, `${stem}.${extension}`);
    return fs.existsSync(candidate) ? candidate : undefined;
  };
  const log = `${outDir}.log`;
  const output = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
  return { outDir, output, stem, pdf: file("pdf"), epub: file("epub"), singleFile: file("html") };
}

/** The matrix's fixture of this name (as in test titles: "rich-report", "ported-papers/inara-example"). */
export function matrixFixture(name: string): MatrixFixture {
  const fixture = matrixFixtures().find((candidate) => candidate.name === name);
  if (!fixture) throw new Error(`no whole-report fixture named ${name}`);
  return fixture;
}

/**
 * The fixture's built site with its PDF, EPUB and single file, built on first request in this test
 * run and shared by every later request, in any worker. Throws with the build's output on failure.
 */
export async function fixtureBuild(fixture: MatrixFixture): Promise<FixtureBuild> {
  if (fixture.builtDir) {
    if (fixture.name === "report" && !environment.pdf) throw new Error("the report was built without its PDF");
    return describeBuild(fixture, fixture.builtDir);
  }
  const key = fixture.name.replace(/[^a-z0-9-]+/gi, "_");
  const outDir = path.join(buildsRoot(), key);
  const done = `${outDir}.done`;
  const failed = `${outDir}.failed`;
  // Checked inside this fixture's own lock: a second worker asking for it waits, then finds the build.
  // Builds of two fixtures overlap: the build's own project lock (content-guard.ts) takes their Astro
  // phases in turn, and one's PDF and EPUB are made while the next is built.
  await withFixtureBuildLock(async () => {
    if (fs.existsSync(done) || fs.existsSync(failed)) return;
    const result = await buildSiteUnserialized(fixture.contentDir, { REPORT_PDF: "on", ...fixture.env });
    if (result.exitCode === 0) {
      fs.renameSync(result.outDir, outDir);
      fs.writeFileSync(`${outDir}.log`, result.output);
      fs.writeFileSync(done, "");
    } else {
      fs.writeFileSync(failed, result.output);
    }
  }, `${outDir}.lock`);
  if (fs.existsSync(failed)) throw new Error(`${fixture.name}: the build failed:\n${fs.readFileSync(failed, "utf8")}`);
  return describeBuild(fixture, outDir);
}
