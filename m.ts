import { checkMatterhorn } from "./tests/pdf-ua/matterhorn.ts";

for (const f of process.argv.slice(2)) {
  const r = checkMatterhorn(f);
  const failed = [...r].filter(([, v]) => v.length);
  console.log(f, "pass", r.size - failed.length, "fail", failed.length);
  for (const [id, v] of failed) console.log(" ", id, v.length, v.slice(0, 4).join(" | "));
}
