import fs from "node:fs";
import path from "node:path";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { visit } from "unist-util-visit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BuildResult, buildSite, contentWithOverlay, projectRoot } from "./build-helpers.ts";
import { checkCartridge } from "./cartridge-checks.ts";

const overlay = path.join(projectRoot, "tests/fixtures/bibliography-as-data");
let content = "";
let build: BuildResult;

beforeAll(async () => {
  content = contentWithOverlay(overlay);
  build = await buildSite(content);
}, 180_000);

afterAll(() => {
  fs.rmSync(content, { recursive: true, force: true });
  fs.rmSync(build.outDir, { recursive: true, force: true });
});

const read = (file: string) => fs.readFileSync(path.join(build.outDir, file), "utf8");

describe("bibliography text is data, never markup", () => {
  test("the build succeeds", () => {
    expect(build.exitCode, build.output).toBe(0);
  });

  test("no page gains a script or image element from the title", () => {
    for (const page of ["references/index.html", "sections/conclusion/index.html", "report/index.html"]) {
      const tree = fromHtml(read(page));
      const tags: string[] = [];
      visit(tree, "element", (element: Element) => {
        if (element.tagName === "img") tags.push("img");
        if (element.tagName === "script" && element.properties["type"] !== "application/ld+json") tags.push("script");
      });
      expect(tags, page).toEqual([]);
      expect(toText(tree), page).toContain("<script>alert(");
    }
  });

  test("the references page shows it as escaped text", () => {
    // "<" must be escaped in text; ">" may be left as it is (HTML's serializers differ there).
    expect(read("references/index.html")).toMatch(/(&#60;|&#x3C;|&lt;)script(>|&#62;|&#x3E;|&gt;)alert/);
  });

  test("the citation's preview carries it as text, and the link is named by the citation alone", () => {
    const tree = fromHtml(read("sections/conclusion/index.html"));
    const previews: string[] = [];
    const names: string[] = [];
    const pointers: unknown[] = [];
    const ids: unknown[] = [];
    visit(tree, "element", (element: Element) => {
      const className = element.properties["className"];
      const text = toText(element);
      if (!Array.isArray(className) || !text.startsWith("Hacker")) return;
      if (className.includes("citation-preview")) {
        previews.push(text);
        ids.push(element.properties["id"]);
      }
      if (className.includes("citation-link")) {
        names.push(text);
        pointers.push(element.properties["interestfor"]);
      }
    });
    expect(previews).toHaveLength(1);
    expect(pointers).toEqual(ids);
    expect(previews[0]).toMatch(/^Hacker, A\. \(2020\)\. <script>alert\(.title.\)<\/script> and <img/);
    expect(names).toEqual(["Hacker, 2020"]);
  });

  test("downloads keep the title as data in each format's own escaping", () => {
    expect(read("references.json")).toContain('<script>alert(\\"title\\")</script>');
    expect(read("references.bib")).toContain("\\textless{}script\\textgreater{}alert");
    expect(read("references.ris")).toMatch(/^TI {2}- <script>alert\("title"\)<\/script>/m);
  });

  test("the course package is valid and its references page carries the title as text", () => {
    const cartridge = checkCartridge(build.outDir);
    expect(cartridge.problems).toEqual([]);
    const references = fromHtml(fs.readFileSync(path.join(cartridge.folder, "pages/references.html"), "utf8"));
    expect(toText(references)).toContain("<script>alert(");
    fs.rmSync(cartridge.folder, { recursive: true, force: true });
  });

  test("a work listed as further reading appears under its own heading", () => {
    const html = read("references/index.html");
    expect(html).toMatch(/Further reading<\/h2>.*A book listed as further reading/s);
  });

  test("an entry nothing cites is named in a build warning", () => {
    expect(build.output).toMatch(/cited nowhere .*: unused2019\. Cite them, list them under furtherReading/);
  });
});
