import fs from "node:fs";

/** The parent pid in the text of `/proc/<pid>/stat`; the command name may hold spaces and parentheses. */
export function parentPidFromStat(stat: string): number | undefined {
  const afterName = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ppid = Number(afterName[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** The resident set size in bytes in the text of `/proc/<pid>/status` (its `VmRSS:` line, in kB). */
export function rssBytesFromStatus(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** A process and everything it started, given every process's parent. */
export function descendantsOf(root: number, parents: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    // The process ended between listing and reading.
    return "";
  }
}

/** True where `/proc` can tell the memory of a process tree (Linux). */
export function canSampleProcessTree(): boolean {
  return fs.existsSync("/proc/self/status");
}

/** The summed resident memory in bytes of a process and all its descendants, now. */
export function processTreeRss(root: number): number {
  const parents = new Map<number, number>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentPidFromStat(readOrEmpty(`/proc/${name}/stat`));
    if (ppid !== undefined) parents.set(Number(name), ppid);
  }
  return descendantsOf(root, parents).reduce(
    (sum, pid) => sum + rssBytesFromStatus(readOrEmpty(`/proc/${pid}/status`)),
    0,
  );
}
