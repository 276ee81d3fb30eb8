import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { canSampleProcessTree, processTreeRss } from "./process-tree.ts";

/** Wall time, CPU time and peak memory of one command run. */
export interface MeasuredRun {
  wallMs: number;
  /**
   * User plus system CPU time of the command and every process it waited for (GNU time), or null
   * without /usr/bin/time. Other load on the machine stretches wall time far more than CPU time.
   */
  cpuMs: number | null;
  /** Peak summed resident memory of the process tree, or null where /proc is missing. */
  peakRssBytes: number | null;
  exitCode: number | null;
  /** The last lines of its output, to explain a failure. */
  outputTail: string;
}

const SAMPLE_EVERY_MS = 100;
const GNU_TIME = "/usr/bin/time";

/** CPU milliseconds from the `%U %S` (user and system seconds) line GNU time writes; null when absent. */
export function cpuMsFromTimeOutput(text: string): number | null {
  const match = /^BENCH_CPU ([\d.]+) ([\d.]+)$/m.exec(text);
  return match ? Math.round((Number(match[1]) + Number(match[2])) * 1000) : null;
}

/** Runs a command and measures its wall time and the peak memory of all its processes. */
export function runMeasured(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const timeFile = fs.existsSync(GNU_TIME)
      ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-time-")), "cpu.txt")
      : undefined;
    const [program, programArgs] = timeFile
      ? [GNU_TIME, ["-f", "BENCH_CPU %U %S", "-o", timeFile, command, ...args]]
      : [command, [...args]];
    const started = performance.now();
    const child = spawn(program, programArgs, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const sampling = canSampleProcessTree() && child.pid !== undefined;
    let peak = 0;
    const sample = () => {
      if (child.pid !== undefined) peak = Math.max(peak, processTreeRss(child.pid));
    };
    const timer = sampling ? setInterval(sample, SAMPLE_EVERY_MS) : undefined;
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (exitCode) => {
      clearInterval(timer);
      const wallMs = performance.now() - started;
      let cpuMs: number | null = null;
      if (timeFile && fs.existsSync(timeFile)) {
        cpuMs = cpuMsFromTimeOutput(fs.readFileSync(timeFile, "utf8"));
        fs.rmSync(path.dirname(timeFile), { recursive: true, force: true });
      }
      resolve({
        wallMs,
        cpuMs,
        peakRssBytes: sampling ? peak : null,
        exitCode,
        outputTail: output.split("\n").slice(-25).join("\n"),
      });
    });
  });
}
