import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  assertWritableFolder,
  lockOutputFolder,
  lockProject,
  PROJECT_LOCK,
  resolveSiteLocation,
} from "../../../src/lib/build/build-environment.ts";
import { readEnvironment } from "../../../src/lib/build/environment.ts";

describe("SITE_URL and BASE_PATH", () => {
  test("unset: no site, base from BASE_PATH", () => {
    expect(resolveSiteLocation(readEnvironment({}))).toEqual({ site: undefined, base: "/" });
    expect(resolveSiteLocation(readEnvironment({ BASE_PATH: "course" }))).toEqual({
      site: undefined,
      base: "/course/",
    });
  });

  test("its path is the base path unless BASE_PATH says otherwise", () => {
    expect(resolveSiteLocation(readEnvironment({ SITE_URL: "https://example.edu/course" }))).toEqual({
      site: "https://example.edu/course/",
      base: "/course/",
    });
    expect(resolveSiteLocation(readEnvironment({ SITE_URL: "https://example.edu" }))).toEqual({
      site: "https://example.edu/",
      base: "/",
    });
    expect(
      resolveSiteLocation(readEnvironment({ SITE_URL: "https://example.edu/a/", BASE_PATH: "/b/" })),
    ).toMatchObject({
      base: "/b/",
    });
  });

  test.each([
    ["not-a-url", /is not a URL[\s\S]*Fix: set SITE_URL/],
    ["ftp://example.edu/", /is not an http\(s\) address/],
    ["javascript:alert(1)", /is not an http\(s\) address/],
    ["https://example.edu/?a=1", /query, fragment or password/],
  ])("%s is refused", (value, message) => {
    expect(() => resolveSiteLocation(readEnvironment({ SITE_URL: value }))).toThrow(message);
  });
});

describe("the output folder", () => {
  test("a lock held by a running build stops a second one; a stale one is taken over", async () => {
    const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lock-")), "dist");
    const lock = lockOutputFolder(folder);
    expect(fs.readFileSync(lock.file, "utf8")).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
    // Another process holds it.
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    fs.writeFileSync(lock.file, String(sleeper.pid));
    expect(() => lockOutputFolder(folder)).toThrow(new RegExp(`another build \\(process ${sleeper.pid}\\) is writing`));
    sleeper.kill();
    await new Promise((resolve) => sleeper.on("exit", resolve));
    // That process is gone: its lock is stale.
    const again = lockOutputFolder(folder);
    again.release();
  });

  test("builds of one project take turns: the second waits for the first, then builds", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    fs.mkdirSync(path.join(project, ".astro"));
    fs.writeFileSync(path.join(project, PROJECT_LOCK), String(sleeper.pid));
    const waitedFor: number[] = [];
    const taken = lockProject(project, (holder) => waitedFor.push(holder));
    let done = false;
    void taken.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    // Told once, still waiting while the other build runs.
    expect(waitedFor).toEqual([sleeper.pid]);
    expect(done).toBe(false);
    sleeper.kill();
    const lock = await taken;
    expect(fs.readFileSync(lock.file, "utf8")).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
  });

  test("a build that waits too long for the project stops with the holder and a fix", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    fs.mkdirSync(path.join(project, ".astro"));
    fs.writeFileSync(path.join(project, PROJECT_LOCK), String(sleeper.pid));
    try {
      await expect(lockProject(project, () => {}, 300)).rejects.toThrow(
        new RegExp(`another build of this project \\(process ${sleeper.pid}\\)`),
      );
    } finally {
      sleeper.kill();
    }
  });

  test("an unwritable folder is named with the reason", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "ro-"));
    const file = path.join(parent, "dist");
    fs.writeFileSync(file, "");
    expect(() => assertWritableFolder(path.join(file, "sub"))).toThrow(/is a file/);
    assertWritableFolder(path.join(parent, "new", "dist"));
  });
});

describe("SITE_URL and BASE_PATH pass the URL gate", () => {
  test("a password in SITE_URL never reaches the message", () => {
    expect(() => resolveSiteLocation(readEnvironment({ SITE_URL: "https://ci:hunter2@example.edu/r/" }))).toThrow(
      /SITE_URL="https:\/\/\*\*\*:\*\*\*@example\.edu\/r\/" carries a query, fragment or password/,
    );
    try {
      resolveSiteLocation(readEnvironment({ SITE_URL: "https://ci:hunter2@exa mple.edu/" }));
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
    }
  });

  test.each(["https://example.edu/r/", "//example.edu/r/", "javascript:alert(1)"])(
    "BASE_PATH=%s is refused",
    (value) => {
      expect(() => resolveSiteLocation(readEnvironment({ BASE_PATH: value }))).toThrow(/is a full address, not a path/);
    },
  );

  test("BASE_PATH with a quote is refused", () => {
    expect(() => resolveSiteLocation(readEnvironment({ BASE_PATH: '/a"b/' }))).toThrow(/characters a path/);
  });
});
