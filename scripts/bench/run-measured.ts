import { spawn } from "node:child_process";
import { canSampleProcessTree, processTreeRss } from "./process-tree.ts";

/** Wall time and peak memory of one command run. */
export interface MeasuredRun {
  wallMs: number;
  /** Peak summed resident memory of the process tree, or null where /proc is missing. */
  peakRssBytes: number | null;
  exitCode: number | null;
  /** The last lines of its output, to explain a failure. */
  outputTail: string;
}

const SAMPLE_EVERY_MS = 100;

/** Runs a command and measures its wall time and the peak memory of all its processes. */
export function runMeasured(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
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
      resolve({
        wallMs: performance.now() - started,
        peakRssBytes: sampling ? peak : null,
        exitCode,
        outputTail: output.split("\n").slice(-25).join("\n"),
      });
    });
  });
}
