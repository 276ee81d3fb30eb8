import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseMdx } from "../../../../src/lib/content/mdx-tree.ts";
import {
  ALLOWED_ELEMENTS,
  CONTENT_COMPONENTS,
  isAllowedAttribute,
} from "../../../../src/lib/content/policy/allowlist.ts";
import { checkContentFolder, splitFrontmatter } from "../../../../src/lib/content/policy/check-content-folder.ts";
import { checkMdxTree } from "../../../../src/lib/content/policy/check-mdx-tree.ts";
import { classifyUrl, linkProblem, loadedResourceProblem } from "../../../../src/lib/content/policy/url-policy.ts";
import { calendarDateSchema, reportSchema } from "../../../../src/lib/content/schemas/report.ts";
import { sectionSlug } from "../../../../src/lib/content/section-sources.ts";
import { findUtf8Fault, readUtf8 } from "../../../../src/lib/content/utf8.ts";

const problems = (mdx: string) => checkMdxTree(parseMdx(mdx), "a.mdx").map((problem) => problem.problem);

describe("content policy on the MDX tree", () => {
  test("plain Markdown, the allowed elements and the project's components pass", () => {
    expect(
      problems(
        'Text *em* [link](https://example.org) [in site](/sections/a/#p-x) [mail](mailto:a@b.c) [top](#x)\n\n<abbr title="World Health Organization">WHO</abbr> H<sub>2</sub>O\n\n<Timeline />\n\n{/* a comment */}\n\n![alt](/images/a.png)',
      ),
    ).toEqual([]);
  });

  test.each([
    ["{process.env.HOME}", /JavaScript expression/],
    ['import x from "../../x.js"', /import and export run code/],
    ["export const a = 1", /import and export run code/],
    ["<Chart />", /not one of the report's components/],
    ["<script>alert(1)</script>", /<script> is not allowed/],
    ['<img src="/a.png" alt="a" onerror="x" />', /event-handler attribute onerror/],
    ['<span style="color:red">a</span>', /attribute style is not allowed/],
    ['<a href="java\tscript:alert(1)">a</a>', /javascript: scheme/],
    ["[a](vbscript:x)", /vbscript: scheme/],
    ["![a](https://example.org/a.png)", /on another host/],
    ["<Timeline when={1} />", /JavaScript expression/],
    ['<Timeline from="1935" />', /takes no attribute "from"/],
    ["<>text</>", /fragment/],
  ])("%s is refused", (mdx, expected) => {
    const found = problems(mdx);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join(" ")).toMatch(expected);
  });

  test("every violation is listed with its line", () => {
    const found = checkMdxTree(parseMdx("a\n\n<script />\n\n{x}\n"), "a.mdx");
    expect(found.map((problem) => problem.line)).toEqual([3, 5]);
  });
});

describe("the allowlist", () => {
  test("builds on GitHub's sanitizer schema without its dangerous parts", () => {
    for (const element of ["p", "a", "img", "table", "details", "sup", "abbr"])
      expect(ALLOWED_ELEMENTS.has(element)).toBe(true);
    for (const element of ["script", "style", "iframe", "input", "svg", "meta"])
      expect(ALLOWED_ELEMENTS.has(element)).toBe(false);
    expect(Object.keys(CONTENT_COMPONENTS)).toContain("Timeline");
  });

  test("compares attributes by property, so class and className are one", () => {
    expect(isAllowedAttribute("a", "href")).toBe(true);
    expect(isAllowedAttribute("abbr", "title")).toBe(true);
    expect(isAllowedAttribute("span", "aria-label")).toBe(true);
    expect(isAllowedAttribute("span", "class")).toBe(false);
    expect(isAllowedAttribute("span", "className")).toBe(false);
    expect(isAllowedAttribute("span", "id")).toBe(false);
    expect(isAllowedAttribute("img", "onLoad")).toBe(false);
  });
});

describe("URLs", () => {
  test("are read as a browser reads them", () => {
    expect(classifyUrl("/sections/a/")).toEqual({ kind: "in-site" });
    expect(classifyUrl("../a.png")).toEqual({ kind: "in-site" });
    expect(classifyUrl("#p-a")).toEqual({ kind: "in-site" });
    expect(classifyUrl("//example.org/a")).toMatchObject({ kind: "remote" });
    expect(classifyUrl(" \tJAVA\nSCRIPT:alert(1)")).toEqual({ kind: "scheme", scheme: "javascript" });
    expect(linkProblem("https://example.org/")).toBeUndefined();
    expect(linkProblem("mailto:a@example.org")).toBeUndefined();
    expect(linkProblem("data:text/html,x")).toMatch(/data: scheme/);
    expect(loadedResourceProblem("images/a.png")).toBeUndefined();
    expect(loadedResourceProblem("http://example.org/a.png")).toMatch(/another host/);
  });
});

describe("UTF-8", () => {
  test("finds the first bad byte, its offset and line", () => {
    expect(findUtf8Fault(Buffer.from("héllo\n", "utf8"))).toBeUndefined();
    expect(findUtf8Fault(Buffer.from([0x61, 0x0a, 0x62, 0xe9, 0x63]))).toEqual({ offset: 3, line: 2 });
    // Overlong encodings and surrogates are not UTF-8 either.
    expect(findUtf8Fault(Buffer.from([0xc0, 0xaf]))).toEqual({ offset: 0, line: 1 });
    expect(findUtf8Fault(Buffer.from([0xed, 0xa0, 0x80]))).toEqual({ offset: 0, line: 1 });
    expect(findUtf8Fault(Buffer.from([0xf0, 0x9f, 0x98]))).toEqual({ offset: 0, line: 1 });
  });

  test("reads a BOM and CRLF file, and names the byte of a Latin-1 one", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "utf8-"));
    const good = path.join(folder, "good.yaml");
    fs.writeFileSync(good, Buffer.from("\uFEFFa: 1\r\nb: 2\r\n", "utf8"));
    expect(readUtf8(good)).toBe("a: 1\r\nb: 2\r\n");
    const bad = path.join(folder, "bad.bib");
    fs.writeFileSync(bad, Buffer.from([0x61, 0x0a, 0x63, 0x61, 0x66, 0xe9]));
    expect(() => readUtf8(bad)).toThrow(
      /bad\.bib:2: .*0xE9 at byte offset 5 \(line 2\)[\s\S]*Fix: save the file as UTF-8/,
    );
    fs.rmSync(folder, { recursive: true });
  });
});

describe("slugs, dates, languages", () => {
  test("slugs are ASCII, lowercase and made from the file name only", () => {
    expect(sectionSlug("/c/pages/Über uns.mdx")).toBe("uber-uns");
    expect(sectionSlug("Straße der Ärzte.mdx")).toBe("strasse-der-arzte");
    expect(sectionSlug("introduction.mdx")).toBe("introduction");
    expect(sectionSlug("关于.mdx")).toBe("");
  });

  test("dates are real calendar days", () => {
    expect(calendarDateSchema.parse("2024-02-29").toISOString()).toBe("2024-02-29T00:00:00.000Z");
    for (const bad of ["2026-02-30", "2026-13-01", "2026", 2026, "26-11-2026", "2026-1-5"]) {
      expect(calendarDateSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  test("languages are BCP 47 tags, kept canonical", () => {
    const base = { title: "T", published: "2026-11-26", summary: "S" };
    expect(reportSchema.parse({ ...base, language: "en-gb" }).language).toBe("en-GB");
    for (const bad of ["english", "en_GB", "e", "en--GB"]) {
      expect(reportSchema.safeParse({ ...base, language: bad }).success, bad).toBe(false);
    }
  });
});

describe("the content folder", () => {
  test("keeps body lines where the file has them", () => {
    const split = splitFrontmatter("\uFEFF---\r\ntitle: A\r\n---\r\n\r\nText\r\n");
    expect(split.yaml).toBe("title: A");
    expect(split.body.split("\n")[4]).toBe("Text");
  });

  test("a folder that is not there says so", () => {
    expect(() => checkContentFolder("/nonexistent/content")).toThrow(
      /does not exist[\s\S]*Fix: set REPORT_CONTENT_DIR/,
    );
  });
});
