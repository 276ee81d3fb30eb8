import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** One attempt to reach another machine, as strace saw it: the process, the call and where it went. */
export interface NetworkAttempt {
  pid: number;
  call: string;
  address: string;
  port: number;
}

/** True for an address of this machine: 127.0.0.0/8, ::1 and the IPv4-mapped loopback, or "any". */
function isLoopback(address: string): boolean {
  return (
    /^127\./.test(address) ||
    address === "::1" ||
    /^::ffff:127\./i.test(address) ||
    address === "0.0.0.0" ||
    address === "::"
  );
}

// strace -yy writes each socket with its protocol and, once connected, often its peer: 19<UDP:[10.0.0.2:5974->10.0.0.1:53]>.
const CALL = /^(\d+)\s+(connect|sendto|sendmsg|sendmmsg)\((\d+)<([A-Za-z0-9]+):\[(.*?)\]>,/;
const INET4 = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/;
const INET6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\),.*?inet_pton\(AF_INET6, "([^"]+)"/;
const PEER = /->\[?([0-9a-fA-F.:]+?)\]?:(\d+)$/;

/**
 * Every attempt in an strace log (`strace -f -yy -e trace=connect,sendto,sendmsg,sendmmsg`) to
 * reach the network: a TCP connection or a datagram to an address outside this machine, anything to
 * port 53 (a DNS query, wherever the resolver is), and anything to `trapPort`, the closed local port
 * the proxy variables point at (a tool that honours them tries there instead). Local sockets and
 * loopback are not attempts, nor is connect() on a UDP socket to another port until a datagram is
 * sent on it: connect() alone sends nothing (Chromium asks the kernel this way whether IPv6 has a route).
 */
export function networkAttempts(log: string, trapPort: number): NetworkAttempt[] {
  const attempts: NetworkAttempt[] = [];
  // Where each UDP socket was connect()ed, by thread and descriptor: a later send without an address goes there.
  const connectedUdp = new Map<string, { address: string; port: number }>();
  for (const line of log.split("\n")) {
    const call = CALL.exec(line);
    if (!call) continue;
    const [, pid, name = "", fd, protocol = "", socket = ""] = call;
    const target = INET4.exec(line) ?? INET6.exec(line);
    const peer = target ? undefined : PEER.exec(socket);
    const remembered = target || peer ? undefined : connectedUdp.get(`${pid}:${fd}`);
    const port = Number(target?.[1] ?? peer?.[2] ?? remembered?.port ?? Number.NaN);
    const address = target?.[2] ?? peer?.[1] ?? remembered?.address;
    if (address === undefined || Number.isNaN(port)) continue;
    if (isLoopback(address) && port !== 53 && port !== trapPort) continue;
    if (name === "connect" && protocol.startsWith("UDP") && port !== 53 && port !== trapPort) {
      connectedUdp.set(`${pid}:${fd}`, { address, port });
      continue;
    }
    attempts.push({ pid: Number(pid), call: name, address, port });
  }
  return attempts;
}

/** A local port nothing listens on: bound once by the system's choice, then closed again. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** True when strace can trace a child here (installed, and ptrace allowed). */
export function straceWorks(): boolean {
  return spawnSync("strace", ["-f", "-qq", "-e", "trace=connect", "-o", "/dev/null", "true"]).status === 0;
}

/** What a command printed, how it ended, and every network attempt of its whole process tree. */
export interface RecordedRun {
  exitCode: number;
  output: string;
  attempts: NetworkAttempt[];
}

/**
 * Runs `command` under strace, following every process it starts (Node, npm, Chromium ...), with
 * the proxy variables pointing at a closed local port, and returns every attempt to reach the network.
 */
export async function recordNetwork(
  command: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; trapPort: number; timeoutMs: number },
): Promise<RecordedRun> {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "network-")), "strace.log");
  const proxy = `http://127.0.0.1:${options.trapPort}`;
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    ALL_PROXY: proxy,
    http_proxy: proxy,
    https_proxy: proxy,
    all_proxy: proxy,
    // Loopback stays direct: the PDF step serves the built site to Chromium on 127.0.0.1.
    NO_PROXY: "localhost,127.0.0.1,::1",
    no_proxy: "localhost,127.0.0.1,::1",
    // Node's own fetch and http honour the proxy variables only when asked.
    NODE_USE_ENV_PROXY: "1",
  };
  const strace = ["-f", "-qq", "-yy", "--seccomp-bpf", "-e", "trace=connect,sendto,sendmsg,sendmmsg", "-o", log];
  return await new Promise((resolve) => {
    const child = spawn("strace", [...strace, ...command], { cwd: options.cwd, env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const text = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
      fs.rmSync(path.dirname(log), { recursive: true, force: true });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
      output = output.replace(/\u001b\[[0-9;]*m/g, "");
      resolve({ exitCode: code ?? 1, output, attempts: networkAttempts(text, options.trapPort) });
    });
  });
}
