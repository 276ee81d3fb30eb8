// Preloaded into a real `astro build` (node --import "file:///.../count-content-reads.mjs?dir=<content
// folder>&log=<file>") to count how often the project's own code reads each file of the content
// folder. A read is the project's when a frame of its stack lies outside node_modules and Node's
// internals; reads made by Astro and its loaders alone are Astro's.
import fs from "node:fs";
import path from "node:path";

const settings = new URL(import.meta.url).searchParams;
const contentDir = path.resolve(settings.get("dir") ?? "content");
const log = settings.get("log");
const self = new URL(import.meta.url).pathname;

function record(target, how) {
  if (!log || (typeof target !== "string" && !(target instanceof URL))) return;
  const file = path.resolve(target instanceof URL ? target.pathname : target);
  if (!file.startsWith(`${contentDir}${path.sep}`)) return;
  const frames = (new Error().stack ?? "").split("\n").slice(2);
  const ours = frames.some(
    (frame) =>
      /\(?\/|file:\/\//.test(frame) &&
      !frame.includes("node_modules") &&
      !frame.includes(self) &&
      !frame.includes("node:"),
  );
  fs.appendFileSync(log, `${JSON.stringify({ file: path.relative(contentDir, file), how, ours })}\n`);
}

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
