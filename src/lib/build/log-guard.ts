/**
 * THE gate for the log: every line a build process prints (astro build, the finish step, the
 * guide's build) passes through here. Secrets are hidden (the value of every secret-looking
 * environment variable, in the forms a message may carry it, and the user name and password of any
 * URL), and an error nobody formatted (a stack trace) becomes its message, where it happened and a
 * `Fix:` line: a build's log never shows a bare stack trace.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** What stands in a log for a hidden secret. */
export const SECRET_MASK = "***";

/** The forms a secret takes in a message: as written, percent-encoded (in a URL), escaped in JSON. */
function secretForms(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
  return [...new Set(forms)].filter((form) => form.length > 0);
}

/** `scheme://user:password@` (or `scheme://token@`): the credentials part of any URL in a text. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"<>]+@/gi;

/**
 * Hides every secret of `secrets` (see {@link secretForms}) and the credentials of every URL in
 * `text`. Repeats until none is left, since hiding one can join its neighbours into another.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  let current = text;
  for (;;) {
    let next = current.replace(URL_CREDENTIALS, `$1${SECRET_MASK}@`);
    for (const form of forms) next = next.split(form).join(SECRET_MASK);
    if (next === current) return next;
    current = next;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
const ANSI = /\u001b\[[0-9;]*m/g;

/** A stack frame line (`    at fn (file:line:col)`, `    at file:line:col`, `    at fn (native)`). */
const FRAME = /^\s+at\s+(?:\S.*?\s)?(?:\(.*?(?::\d+:\d+|<anonymous>|native)\)|\S+:\d+:\d+)\s*\{?\s*$/;

/** The file and line a stack frame names, when it names one. */
const FRAME_FILE = /^\s+at\s+(?:.*?\()?(.+?):(\d+):\d+\)?\s*\{?\s*$/;

/** What to do about an error the build does not know, by the system's error code in its message. */
const FIXES_BY_CODE: Readonly<Record<string, string>> = {
  ENOENT:
    "a file or folder the message names does not exist: check the path, and the settings that name folders (REPORT_CONTENT_DIR, REPORT_OUT_DIR, REPORT_CACHE_DIR).",
  ENOTDIR:
    "a path the build uses as a folder is a file: remove or rename that file, or point the setting that names it (REPORT_OUT_DIR, REPORT_CACHE_DIR) at a folder.",
  EISDIR: "a path the build reads as a file is a folder: rename the folder, or name the file it should read.",
  EACCES:
    "the build may not read or write the path the message names: make it readable and writable for the user running the build, or point the setting at another folder.",
  EPERM:
    "the build may not read or write the path the message names: make it readable and writable for the user running the build, or point the setting at another folder.",
  EROFS: "the path the message names is on a read-only file system: build into a writable folder (REPORT_OUT_DIR).",
  ENOSPC: "the disk is full: free some space and build again.",
  EMFILE: "too many files are open at once: raise the limit (ulimit -n 4096) and build again.",
};

/** The fix for an error nothing else recognised. */
export const UNKNOWN_ERROR_FIX =
  "this error comes from the build itself, not from a check of your content: build again, and if it stays, report it with this log (secrets are hidden) and the content folder that causes it.";

/** Every fix the log gate adds itself: a log holding one shows an error nothing else formatted. */
export const LOG_GATE_FIXES: readonly string[] = [...new Set([...Object.values(FIXES_BY_CODE), UNKNOWN_ERROR_FIX])];

/** The fix for an error message nothing formatted: by its system error code, else {@link UNKNOWN_ERROR_FIX}. */
export function fixForError(message: string): string {
  const code = /\b(E[A-Z]{3,})\b/.exec(message)?.[1];
  return (code && FIXES_BY_CODE[code]) ?? UNKNOWN_ERROR_FIX;
}

/** A frame's file as the log names it: relative to `projectRoot` when inside it. */
function frameFile(file: string, projectRoot: string): string {
  const plain = file.startsWith("file://") ? fileURLToPath(file) : file;
  const relative = path.relative(projectRoot, plain);
  return path.isAbsolute(plain) && !relative.startsWith("..") ? relative : plain;
}

/**
 * Where a stack says an error happened: the first frame in the project's own code (not a
 * dependency's, not Node's), else the first frame with a file, as `file:line`.
 */
function whereFromFrames(frames: readonly string[], projectRoot: string): string | undefined {
  const located = frames
    .map((line) => FRAME_FILE.exec(line))
    .filter((match): match is RegExpExecArray => Boolean(match?.[1]))
    .map((match) => ({ file: frameFile(match[1] as string, projectRoot), line: match[2] }));
  const own = located.find(({ file }) => !file.startsWith("node:") && !file.includes("node_modules"));
  const first = own ?? located.find(({ file }) => !file.startsWith("node:")) ?? located[0];
  return first ? `${first.file}:${first.line}` : undefined;
}

/**
 * Rewrites a chunk of log text that holds a stack trace: the frames and the "Stack trace:" heading
 * go; when the chunk says nowhere where (`Location:`) or what to do (`Fix:`), a line for each is
 * added. Text without a stack frame is returned as it is.
 */
export function rewriteStackTraces(text: string, projectRoot: string): string {
  const lines = text.split("\n");
  const plain = lines.map((line) => line.replace(ANSI, ""));
  const frames = plain.filter((line) => FRAME.test(line));
  const heading = (line: string) => /^\s*Stack trace:\s*$/.test(line);
  if (frames.length === 0 && !plain.some(heading)) return text;
  const kept = lines.filter((_, index) => {
    const line = plain[index] as string;
    return !FRAME.test(line) && !heading(line);
  });
  // A heading over an empty stack (an error of the build's own, whose message is all it needs).
  if (frames.length === 0) return kept.join("\n");
  const trailing = kept.length > 0 && kept[kept.length - 1]?.replace(ANSI, "").trim() === "" ? kept.pop() : undefined;
  const message = kept.join("\n").replace(ANSI, "");
  if (!/\bLocation:|^\S+:\d+: /m.test(message)) {
    const where = whereFromFrames(frames, projectRoot);
    if (where) kept.push(`  Where: ${where}`);
  }
  if (!/\bFix:/.test(message)) kept.push(`  Fix: ${fixForError(message)}`);
  return [...kept, ...(trailing === undefined ? [] : [trailing])].join("\n");
}

/**
 * An error that reached the top of a build process, as the log shows it: its message (which for
 * the build's own errors already names the file, the line and the fix), and otherwise where it
 * happened and a `Fix:` line ({@link fixForError}); never its stack.
 */
export function describeUncaughtError(error: unknown, projectRoot: string): string {
  if (!(error instanceof Error)) return `${String(error)}\n  Fix: ${UNKNOWN_ERROR_FIX}`;
  const message = error.message || error.name;
  if (/\bFix:/.test(message)) return message;
  const location = (error as { loc?: { file?: string; line?: number } }).loc;
  const frames = (error.stack ?? "").split("\n").filter((line) => FRAME.test(line));
  const where = location?.file
    ? `${frameFile(location.file, projectRoot)}${location.line ? `:${location.line}` : ""}`
    : whereFromFrames(frames, projectRoot);
  const cause = error.cause instanceof Error ? `\n  Caused by: ${error.cause.message}` : "";
  return `${error.name}: ${message}${cause}${where ? `\n  Where: ${where}` : ""}\n  Fix: ${fixForError(message)}`;
}

/** Options of {@link guardBuildLog}. */
export interface LogGuardOptions {
  /** Values never to print (environment.ts's `readSecretValues()`). */
  secrets: readonly string[];
  /** The project root, to name files relative to it. */
  projectRoot: string;
  /** Also end the process, printing the error as {@link describeUncaughtError} does, on an uncaught error. */
  catchUncaught?: boolean;
}

type Write = typeof process.stdout.write;

/**
 * Puts the log gate on this process's standard output and error: everything written to them,
 * whoever writes it (Astro's logger, its fatal error printer, the report's own steps, a
 * dependency), passes through {@link rewriteStackTraces} and {@link redactSecrets} first. Once per
 * process, however often it is called (Astro loads the config more than once).
 */
export function guardBuildLog({ secrets, projectRoot, catchUncaught = false }: LogGuardOptions): void {
  const store = globalThis as unknown as Record<symbol, boolean | undefined>;
  const key = Symbol.for("self-help-report.log-guard");
  if (store[key]) return;
  store[key] = true;
  const clean = (text: string) => redactSecrets(rewriteStackTraces(text, projectRoot), secrets);
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text =
        typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : chunk;
      return write(typeof text === "string" ? clean(text) : text, ...rest);
    }) as Write;
  }
  if (catchUncaught) {
    const fail = (error: unknown) => {
      process.stderr.write(`${describeUncaughtError(error, projectRoot)}\n`);
      process.exit(1);
    };
    process.on("uncaughtException", fail);
    process.on("unhandledRejection", fail);
  }
}
