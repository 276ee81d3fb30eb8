import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isSecretName, readSecretValues } from "../../../src/lib/build/environment.ts";
import {
  describeUncaughtError,
  redactSecrets,
  rewriteStackTraces,
  SECRET_MASK,
  UNKNOWN_ERROR_FIX,
} from "../../../src/lib/build/log-guard.ts";
import { ContentError } from "../../../src/lib/content/content-error.ts";

const root = path.resolve(import.meta.dirname, "../../..");

/** The forms a message may carry a value in: as written, in a URL, inside JSON. */
const forms = (secret: string) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];

/** Secrets of every kind of character: ASCII, any Unicode, and the marks URLs and JSON escape. */
const secretArbitrary = fc.oneof(
  fc.string({ minLength: 4, maxLength: 40 }),
  fc.string({ minLength: 4, maxLength: 20, unit: "binary" }),
  fc.stringMatching(/^[A-Za-z0-9_\-*"\\/:@%+= ]{4,30}$/),
);

/** A real error from the file system: a folder asked for below a file. */
function realFsError(): Error {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "log-guard-")), "file");
  fs.writeFileSync(file, "");
  try {
    fs.mkdirSync(path.join(file, "cache"));
  } catch (error) {
    return error as Error;
  }
  throw new Error("mkdir below a file succeeded");
}

describe("redactSecrets", () => {
  test("no form of a secret survives, wherever and however often it stands in the text", () => {
    fc.assert(
      fc.property(secretArbitrary, fc.array(fc.tuple(fc.string(), fc.nat(2))), (secret, parts) => {
        const text = parts.map(([filler, form]) => filler + (forms(secret)[form] as string)).join("");
        const out = redactSecrets(text, [secret]);
        for (const form of forms(secret)) expect(out.includes(form), `${JSON.stringify(form)} in ${out}`).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  test("a secret made of the mask and its neighbours is hidden too (hiding one cannot form another)", () => {
    expect(redactSecrets("xx***", ["x***"])).not.toContain("x***");
  });

  test("text that holds no secret and no URL credentials comes out unchanged", () => {
    fc.assert(
      fc.property(secretArbitrary, fc.string({ maxLength: 200 }), (secret, text) => {
        fc.pre(forms(secret).every((form) => !text.includes(form)) && !/:\/\/\S*@/.test(text));
        expect(redactSecrets(text, [secret])).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  test("the user name and password of any URL are hidden, with no secret given", () => {
    fc.assert(
      fc.property(
        fc.webUrl({ authoritySettings: { withUserInfo: true }, withQueryParameters: true }),
        fc.string(),
        (url, before) => {
          const userinfo = /^[a-z]+:\/\/([^@/?#]*)@/.exec(url)?.[1];
          fc.pre(Boolean(userinfo));
          const out = redactSecrets(`${before} ${url} failed`, []);
          expect(out).not.toContain(`//${userinfo}@`);
          expect(out).toContain(`//${SECRET_MASK}@`);
        },
      ),
    );
  });

  test("a password in SITE_URL, a token in a git remote: both hidden", () => {
    expect(redactSecrets('SITE_URL="https://ci:hunter22@example.edu/" is wrong', [])).toBe(
      'SITE_URL="https://***@example.edu/" is wrong',
    );
    expect(redactSecrets("git+https://ghp_abcdef@github.com/x/y.git", [])).toBe("git+https://***@github.com/x/y.git");
  });
});

describe("readSecretValues", () => {
  test("reads the value of every secret-looking variable and the credentials of any URL", () => {
    const secrets = readSecretValues({
      GITHUB_TOKEN: "ghp_0123456789",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI",
      DB_PASSWORD: "hunter22",
      "npm_config_//registry.npmjs.org/:_authToken": "npm_abcdef",
      DATABASE_URL: "postgres://admin:pa%24%24word@db.example:5432/x",
      PATH: "/usr/bin:/bin",
      HOME: "/root",
      PWD: "/work",
      KEYBOARD_LAYOUT: "dvorak",
      API_KEY: "abc",
    });
    expect(secrets.sort()).toEqual(
      ["ghp_0123456789", "wJalrXUtnFEMI", "hunter22", "npm_abcdef", "admin", "pa%24%24word", "pa$$word"].sort(),
    );
  });

  test("a name is secret by a part of it, not by any letters it holds", () => {
    for (const name of [
      "TOKEN",
      "NODE_AUTH_TOKEN",
      "CLIENT_SECRET",
      "SMTP_PASS",
      "GPG_PRIVATE_KEY",
      "APIKEY",
      "X-Auth",
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ["PATH", "PWD", "OLDPWD", "KEYBOARD_LAYOUT", "TOKENIZER_MODE", "SITE_URL", "PASSAGE"]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe("rewriteStackTraces", () => {
  test("a real file system error's stack becomes its message, where in our code it happened and a fix", () => {
    const error = realFsError();
    const out = rewriteStackTraces(`${inspect(error)}\n`, root);
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).toContain("ENOTDIR");
    expect(out).toMatch(/\n {2}Where: tests\/unit\/build\/log-guard\.test\.ts:\d+\n/);
    expect(out).toMatch(/\n {2}Fix: a path the build uses as a folder is a file/);
    expect(out.endsWith("\n")).toBe(true);
  });

  test("an error of unknown kind gets the fix that says so, and a message with its own fix keeps it", () => {
    const unknown = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(rewriteStackTraces(unknown.stack ?? "", root)).toContain(`Fix: ${UNKNOWN_ERROR_FIX}`);
    const own = `a.md:3: bad\n  Fix: mend it\n${(unknown.stack ?? "").split("\n").slice(1).join("\n")}`;
    expect(rewriteStackTraces(own, root)).toBe("a.md:3: bad\n  Fix: mend it");
  });

  test("colour codes around the frames do not hide them", () => {
    const stack = new Error("boom").stack ?? "";
    const coloured = `\u001b[31mboom\u001b[39m\n  \u001b[1mStack trace:\u001b[22m\n\u001b[2m${stack.split("\n").slice(1).join("\n")}\u001b[22m`;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
    const plain = rewriteStackTraces(coloured, root).replace(/\u001b\[[0-9;]*m/g, "");
    expect(plain).not.toMatch(/^\s+at /m);
    expect(plain).not.toContain("Stack trace:");
    expect(plain).toContain("Fix:");
  });

  test("text without a stack trace is left alone", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/Stack trace:|\n\s+at /.test(text));
        expect(rewriteStackTraces(text, root)).toBe(text);
      }),
    );
    const prose = "dist/r.pdf (4 pages)\n  at least one author is needed\n";
    expect(rewriteStackTraces(prose, root)).toBe(prose);
  });
});

describe("describeUncaughtError", () => {
  test("a content error is its message: file, line and fix", () => {
    const error = new ContentError({ file: "content/a.md", line: 4, problem: "bad", fix: "mend it" });
    expect(describeUncaughtError(error, root)).toBe(error.message);
  });

  test("any other error: message, where in our code, and a fix; never a stack", () => {
    const described = describeUncaughtError(realFsError(), root);
    expect(described).not.toMatch(/^\s+at /m);
    expect(described).toMatch(/^Error: ENOTDIR.*\n {2}Where: tests\/unit\/build\/log-guard\.test\.ts:\d+\n {2}Fix: /);
    expect(describeUncaughtError("a string", root)).toBe(`a string\n  Fix: ${UNKNOWN_ERROR_FIX}`);
  });
});
