// Preloaded into a real `astro build` (node --import "file:///.../count-content-reads.mjs?dir=<content
// folder>&log=<file>") to count how often the project's own code reads each file of the content
// folder, and how often it parses an MDX body (unified's parse, which src/lib/content/mdx-tree.ts
// calls). A read or parse is the project's when a frame of its stack lies outside node_modules and
// Node's internals; reads and parses made by Astro and its loaders alone are Astro's.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { unified } from "unified";

const settings = new URL(import.meta.url).searchParams;
const contentDir = path.resolve(settings.get("dir") ?? "content");
const log = settings.get("log");
const self = new URL(import.meta.url).pathname;

/** True when a frame of the caller's stack is the project's own code. */
function calledByOurs() {
  const frames = (new Error().stack ?? "").split("\n").slice(3);
  return frames.some(
    (frame) =>
      /\(?\/|file:\/\//.test(frame) &&
      !frame.includes("node_modules") &&
      !frame.includes(self) &&
      !frame.includes("node:"),
  );
}

function record(target, how) {
  if (!log || (typeof target !== "string" && !(target instanceof URL))) return;
  const file = path.resolve(target instanceof URL ? target.pathname : target);
  if (!file.startsWith(`${contentDir}${path.sep}`)) return;
  fs.appendFileSync(log, `${JSON.stringify({ file: path.relative(contentDir, file), how, ours: calledByOurs() })}\n`);
}

// Every unified processor shares one prototype: a parse logs the SHA-256 of the text it parses.
const processor = Object.getPrototypeOf(unified);
const parse = processor.parse;
processor.parse = function (file) {
  if (log) {
    const text = typeof file === "string" ? file : String(file?.value ?? "");
    const sha256 = createHash("sha256").update(text).digest("hex");
    fs.appendFileSync(log, `${JSON.stringify({ parse: sha256, ours: calledByOurs() })}\n`);
  }
  return parse.call(this, file);
};

for (const name of ["readFileSync"]) {
  const original = fs[name];
  fs[name] = function (target, ...rest) {
    record(target, name);
    return original.call(this, target, ...rest);
  };
}
for (const name of ["readFile"]) {
  const original = fs.promises[name];
  fs.promises[name] = function (target, ...rest) {
    record(target, `promises.${name}`);
    return original.call(this, target, ...rest);
  };
  const callback = fs[name];
  fs[name] = function (target, ...rest) {
    record(target, name);
    return callback.call(this, target, ...rest);
  };
}
