import fs from "node:fs";
import path from "node:path";
import { transform } from "lightningcss";
import { describe, expect, test } from "vitest";
import { CONTENT_STYLESHEETS } from "../../../src/lib/markdown/content-stylesheets.ts";
import {
  CODE_PALETTE,
  composeStylesheet,
  minifyCss,
  SERVED_STYLESHEETS,
  servedStylesheets,
  stylesheetsJoining,
} from "../../../src/lib/site/stylesheets.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const stylesDir = path.join(root, "src/styles");
const sources: Record<string, string> = Object.fromEntries(
  fs
    .readdirSync(stylesDir)
    .filter((file) => file.endsWith(".css"))
    .map((file) => [file, fs.readFileSync(path.join(stylesDir, file), "utf8")]),
);

/** The selector of a stylesheet's first rule, as minified: where its rules start in a joined file. */
const firstSelector = (css: string): string => minifyCss("part.css", css).split("{")[0] ?? "";

describe("the served stylesheets", () => {
  test.each(servedStylesheets)("%s joins its sources in the table's order, minified and valid", async (name) => {
    const css = await composeStylesheet(name, sources);
    // lightningcss throws on a syntax error.
    transform({ filename: name, code: Buffer.from(css), errorRecovery: false });
    expect(css).not.toMatch(/\/\*|\n\s/);
    let from = 0;
    for (const part of SERVED_STYLESHEETS[name].parts) {
      if (part === CODE_PALETTE) continue;
      const at = css.indexOf(`${firstSelector(sources[part] ?? "")}{`, from);
      expect(at, `${part}'s first rule in ${name}, after the parts before it`).toBeGreaterThanOrEqual(from);
      from = at;
    }
  });

  test("code.css carries the token colours of both themes", async () => {
    const css = await composeStylesheet("code.css", sources);
    expect(css).toContain(firstSelector(sources["code.css"] ?? ""));
    expect(css).toMatch(/\.code-block \.cl-[0-9a-f]+\{color:#/);
    expect(css).toMatch(/@media screen and \(prefers-color-scheme:dark\)\{\.code-block \.cd-/);
  });

  test("each component's stylesheet reaches the pages that show it and no others", () => {
    expect(stylesheetsJoining("page-toc.css")).toEqual(["section-page.css"]);
    expect(stylesheetsJoining("section-pager.css")).toEqual(["section-page.css"]);
    expect(stylesheetsJoining("cite-this.css").sort()).toEqual([
      "cite-this.css",
      "instructors.css",
      "section-page.css",
    ]);
  });

  test("the content features' stylesheets are served", () => {
    expect(servedStylesheets).toEqual(expect.arrayContaining(Object.values(CONTENT_STYLESHEETS)));
  });

  test("a source missing from src/styles names the file, the served stylesheet and the fix", async () => {
    const { "page-toc.css": _missing, ...withoutToc } = sources;
    await expect(composeStylesheet("section-page.css", withoutToc)).rejects.toThrow(
      /^src\/styles\/page-toc\.css: no such stylesheet, though \/section-page\.css is made from it\.\n {2}Fix: restore src\/styles\/page-toc\.css, or take it out of section-page\.css's parts/,
    );
  });

  test("every source of the table is a file of src/styles", () => {
    const parts = servedStylesheets
      .flatMap((name) => SERVED_STYLESHEETS[name].parts)
      .filter((part) => part !== CODE_PALETTE);
    expect(parts.filter((part) => !(part in sources))).toEqual([]);
  });

  test("pages link exactly the served stylesheets", () => {
    const pages = fs
      .readdirSync(path.join(root, "src/pages"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".astro"))
      .map((file) => fs.readFileSync(path.join(root, "src/pages", file), "utf8"));
    const linked = pages.flatMap((page) => [...page.matchAll(/siteUrl\("([^"]+\.css)"\)/g)].map((match) => match[1]));
    // The content features' stylesheets are linked through ContentStyles.astro, by feature.
    const served = new Set([...linked, ...Object.values(CONTENT_STYLESHEETS)]);
    expect([...served].sort()).toEqual([...servedStylesheets].sort());
  });
});
