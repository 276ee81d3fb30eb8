// A build sends nothing to anyone. `npm run build` runs as on a fresh machine (a new home folder:
// no Astro settings, no npm state; no CI variables) under strace, which records every connect() and
// send of every process it starts: npm, Node, Chromium printing the PDF. The proxy variables point at
// a closed local port, so a tool that honours them is caught there instead of at the DNS.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { systemChromiumPath } from "../../src/lib/build/browser.ts";
import { TELEMETRY_OFF } from "../../src/lib/build/telemetry.ts";
import { buildEnvironment, projectRoot, withFixtureBuildLock } from "./build-helpers.ts";
import { closedPort, networkAttempts, recordNetwork, straceWorks } from "./network-recorder.ts";

let trapPort = 0;
beforeAll(async () => {
  trapPort = await closedPort();
});

/** The shell of a developer's fresh machine: nothing says "CI" or "telemetry off" unless the project does. */
function freshMachine(home: string): NodeJS.ProcessEnv {
  const env = buildEnvironment();
  for (const name of [
    ...Object.keys(TELEMETRY_OFF),
    "TELEMETRY_DISABLED",
    "CI",
    "CONTINUOUS_INTEGRATION",
    "BUILD_NUMBER",
    "RUN_ID",
  ])
    delete env[name];
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, ".config"),
    XDG_CACHE_HOME: path.join(home, ".cache"),
    FORCE_COLOR: "0",
  };
}

describe("the recorder", () => {
  test("reads TCP connects, datagrams and DNS from strace's lines; loopback and a UDP connect() send nothing", () => {
    const log = [
      '12  connect(19<TCP:[317599]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("151.101.1.69")}, 16) = -1 EINPROGRESS',
      '12  connect(20<UDP:[317600]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0',
      '12  sendto(21<UDP:[317601]>, "\\0", 1, 0, {sa_family=AF_INET, sin_port=htons(123), sin_addr=inet_addr("192.0.2.7")}, 16) = 1',
      "12  sendmsg(22<UDPv6:[[::]:4713->[2001:db8::1]:443]>, {msg_name=NULL, msg_namelen=0}, 0) = 9",
      '13  connect(23<UDPv6:[[::]:47134]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0',
      '13  connect(27<UDP:[0.0.0.0:3434]>, {sa_family=AF_INET, sin_port=htons(123), sin_addr=inet_addr("192.0.2.9")}, 16) = 0',
      '13  sendmsg(27<UDP:[0.0.0.0:3434]>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="x", iov_len=1}]}, 0) = 1',
      '13  connect(24<TCP:[317602]>, {sa_family=AF_INET, sin_port=htons(4321), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
      '13  connect(25<TCP:[317603]>, {sa_family=AF_INET, sin_port=htons(9999), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED',
      '14  connect(26<UNIX:[317604]>, {sa_family=AF_UNIX, sun_path="/run/dbus/system_bus_socket"}, 29) = -1 ENOENT',
    ].join("\n");
    expect(networkAttempts(log, 9999).map((attempt) => `${attempt.address}:${attempt.port}`)).toEqual([
      "151.101.1.69:443",
      "127.0.0.53:53",
      "192.0.2.7:123",
      "2001:db8::1:443",
      "192.0.2.9:123",
      "127.0.0.1:9999",
    ]);
  });

  test.runIf(straceWorks())("sees Node and Chromium try to reach an outside address", async () => {
    const options = { cwd: projectRoot, env: buildEnvironment(), trapPort, timeoutMs: 60_000 };
    const fetchOutside = "fetch('http://192.0.2.1/', { signal: AbortSignal.timeout(2000) }).catch(() => {})";
    const node = await recordNetwork([process.execPath, "-e", fetchOutside], options);
    expect(node.attempts.length, node.output).toBeGreaterThan(0);
    const chromium = systemChromiumPath();
    if (!chromium) return;
    // Without the project's flags (CHROMIUM_ARGS keep it to this machine): is its network process followed?
    const page = [
      chromium,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-proxy-server",
      "--timeout=3000",
      "--dump-dom",
      "http://192.0.2.1/",
    ];
    const browser = await recordNetwork(page, options);
    expect(browser.attempts.length, browser.output).toBeGreaterThan(0);
  });
});

describe("npm run build on a fresh machine", () => {
  test("builds the site and its PDF without one attempt to reach the network, and Astro's telemetry is never consulted", async () => {
    expect(straceWorks(), "strace is needed (apt-get install strace; scripts/ensure-tools.sh does)").toBe(true);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "fresh-home-"));
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "report-dist-"));
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "report-cache-"));
    try {
      const env = { ...freshMachine(home), REPORT_OUT_DIR: outDir, REPORT_CACHE_DIR: cacheDir };
      const run = await withFixtureBuildLock(() =>
        recordNetwork(["npm", "run", "build"], { cwd: projectRoot, env, trapPort, timeoutMs: 600_000 }),
      );
      expect(run.exitCode, run.output).toBe(0);
      // The PDF was printed, so Chromium ran under the recorder too.
      expect(fs.readdirSync(outDir).filter((name) => name.endsWith(".pdf"))).toHaveLength(1);
      expect(run.attempts).toEqual([]);
      // Astro's first-run notice is not shown, and its settings folder was never read or written.
      expect(run.output).not.toMatch(/collects anonymous usage data|astro telemetry disable/i);
      expect(fs.existsSync(path.join(home, ".config", "astro"))).toBe(false);
    } finally {
      for (const folder of [home, outDir, cacheDir]) fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 600_000);
});
