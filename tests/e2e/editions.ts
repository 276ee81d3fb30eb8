import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { parse } from "yaml";
import { readEnvironment } from "../../src/lib/build/environment.ts";
import { contentDir, distDir } from "./site.ts";

/** The report's file stem (report.yaml's pdfName), which both editions are named after. */
export function editionStem(): string {
  const yaml = parse(fs.readFileSync(path.join(contentDir, "report.yaml"), "utf8")) as { pdfName?: string };
  return yaml.pdfName ?? "report";
}

/** Path of the built EPUB. */
export const epubFile = path.join(distDir, `${editionStem()}.epub`);

/** Path of the built single-file HTML edition. */
export const singleHtmlFile = path.join(distDir, `${editionStem()}.html`);

/** Unzips the EPUB into a fresh temporary folder and returns it. */
export function unpackEpub(file: string = epubFile): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "report-epub-"));
  for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(file)))) {
    if (name.endsWith("/")) continue;
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), bytes);
  }
  return folder;
}

/** What EPUBCheck reports on a file: its messages by severity and its own text output. */
export interface EpubCheckResult {
  counts: Record<"FATAL" | "ERROR" | "WARNING" | "USAGE" | "INFO", number>;
  messages: string[];
  version: string;
}

const JAR = "/usr/share/java/epubcheck.jar";

/**
 * Runs EPUBCheck (Debian's package: a jar run with java) and reads its JSON report. An EPUB is checked
 * once per test run: the report of the same bytes is kept in the run's builds folder, so the specs
 * that ask about one EPUB (editions.spec.ts and the matrix, for the report's) share one run.
 */
export function epubcheck(file: string): EpubCheckResult {
  const runFolder = readEnvironment().fixtureBuilds;
  const digest = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  const kept = runFolder ? path.join(runFolder, `epubcheck-${digest}.json`) : undefined;
  const report = kept && fs.existsSync(kept) ? kept : runEpubcheck(file);
  if (kept && report !== kept) fs.copyFileSync(report, kept);
  return readEpubcheckReport(report);
}

function runEpubcheck(file: string): string {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "epubcheck-")), "report.json");
  // A short run: the JIT's first tier and the serial collector take less than half the CPU time of
  // Java's defaults (about 4 s against 10 s an EPUB), with the same report.
  const [command, args] = fs.existsSync(JAR)
    ? ["java", ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR]]
    : ["epubcheck", []];
  try {
    execFileSync(command, [...args, file, "--json", report], { stdio: "pipe" });
  } catch {
    // EPUBCheck exits 1 when it finds errors; the JSON report says which.
  }
  return report;
}

function readEpubcheckReport(report: string): EpubCheckResult {
  const json = JSON.parse(fs.readFileSync(report, "utf8")) as {
    checker: { checkerVersion: string };
    messages: { severity: string; ID: string; message: string; locations: { path: string; line: number }[] }[];
  };
  const counts = { FATAL: 0, ERROR: 0, WARNING: 0, USAGE: 0, INFO: 0 };
  const messages: string[] = [];
  for (const message of json.messages) {
    const severity = message.severity as keyof typeof counts;
    counts[severity] += message.locations.length || 1;
    messages.push(
      `${severity} ${message.ID} ${message.message} ${message.locations.map((l) => `${l.path}:${l.line}`).join(" ")}`,
    );
  }
  return { counts, messages, version: json.checker.checkerVersion };
}
