import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { zipSync } from "fflate";
import { toHtml } from "hast-util-to-html";
import { describe, expect, test } from "vitest";
import {
  checkBuiltOutput,
  checkDocument,
  cssLoadProblems,
  locateInContent,
  OutputPolicyError,
} from "../../../src/lib/build/output-gate.ts";

const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; script-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";
const page = (body: string, head = "") =>
  `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>t</title>${head}</head><body>${body}</body></html>`;
const problems = (html: string, kind: Parameters<typeof checkDocument>[2] = "page") =>
  checkDocument(html, "x.html", kind).map((violation) => violation.problem);

describe("the output gate", () => {
  test("a clean page passes, JSON-LD included", () => {
    expect(
      problems(
        page(
          '<p><a href="https://example.org/">x</a> <img src="/_astro/a.png" alt=""></p>',
          '<script type="application/ld+json">{}</script>',
        ),
      ),
    ).toEqual([]);
  });

  test.each([
    ["a script", page("<script>alert(1)</script>"), /<script> element/],
    [
      "a handler",
      page('<a href="https://x.org/" onmouseover="alert(1)">x</a>'),
      /event handler \(onMouseOver on <a>\)/,
    ],
    ["javascript: navigation", page('<a href="java\tscript:alert(1)">x</a>'), /javascript: scheme/],
    ["data: navigation", page('<a href="data:text/html,x">x</a>'), /data: scheme/],
    ["a remote image", page('<img src="//evil.example/a.png" alt="">'), /another host/],
    ["a \\/host image", page('<img src="\\/evil.example/a.png" alt="">'), /another host/],
    ["a remote stylesheet", page("", '<link rel="stylesheet" href="https://evil.example/a.css">'), /another host/],
    ["an inline style", page('<span style="color:red">x</span>'), /inline style/],
    ["a style element not in the CSP", page("", "<style>p{}</style>"), /does not allow by its hash/],
    ["an iframe", page('<iframe src="/a"></iframe>'), /<iframe> element/],
    ["no CSP", "<!doctype html><html><head><title>t</title></head><body></body></html>", /no Content-Security-Policy/],
  ])("%s is caught", (_name, html, problem) => {
    expect(problems(html).join("\n")).toMatch(problem);
  });

  test("a <link> that only names a page (canonical, license) is a hyperlink, not a load", () => {
    const head =
      '<link rel="canonical" href="https://example.edu/report/"><link rel="license" href="https://creativecommons.org/licenses/by/4.0/">';
    expect(problems(page("", head))).toEqual([]);
  });

  test.each([
    ['<link rel="canonical stylesheet" href="https://evil.example/a.css">', /another host/],
    ['<link rel="alternate stylesheet" href="https://evil.example/a.css">', /another host/],
    ['<link rel="icon" href="https://evil.example/a.png">', /another host/],
    ['<link rel="made-up" href="https://evil.example/a">', /another host/],
    ['<link href="https://evil.example/a">', /another host/],
    ['<link rel="canonical" href="javascript:alert(1)">', /javascript: scheme/],
  ])("%s is named", (head, expected) => {
    expect(problems(page("", head)).join("\n")).toMatch(expected);
  });

  test("a style element allowed by its hash passes", () => {
    const css = "p{color:red}";
    const hash = createHash("sha256").update(css).digest("base64");
    const html = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${hash}'; script-src 'none'"><style>${css}</style></head><body></body></html>`;
    expect(problems(html)).toEqual([]);
  });

  test.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', /<script> element/],
    ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', /event handler/],
    [
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://evil.example/a.png"/></svg>',
      /another host/,
    ],
    ['<svg xmlns="http://www.w3.org/2000/svg"><use href="https://evil.example/s.svg#a"/></svg>', /another host/],
    [
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe src="/x"></iframe></foreignObject></svg>',
      /<iframe> element/,
    ],
    ['<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:x()"><text>t</text></a></svg>', /javascript: scheme/],
    [
      '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css);</style></svg>',
      /imports another stylesheet/,
    ],
  ])("an SVG with %s is caught", (svg, problem) => {
    expect(problems(svg, "svg").join("\n")).toMatch(problem);
  });

  test.each([
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "data:image/jpeg;base64,/9j/4AAQSkZJRg==",
  ])("an SVG (as PlantUML or matplotlib write it) may inline a raster image: %s", (url) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="${url}"/><image href="${url}"/></svg>`;
    expect(problems(svg, "svg")).toEqual([]);
  });

  test.each([
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    "data:image/svg+xml,<svg onload='x()'></svg>",
    "data:text/html;base64,PHNjcmlwdD48L3NjcmlwdD4=",
    "data:font/woff2;base64,d09GMg==",
    "data:image/png,not-base64<script>",
  ])("an SVG may not inline anything else as a data: URL: %s", (url) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><image href="${url}"/></svg>`;
    expect(problems(svg, "svg").join("\n")).toMatch(/loads a data: URL/);
  });

  test("a built folder: pages, SVGs and the EPUB's documents are read, each named", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
    fs.mkdirSync(path.join(dist, "_astro"));
    fs.writeFileSync(path.join(dist, "index.html"), page("<p>ok</p>"));
    fs.writeFileSync(path.join(dist, "_astro", "d.svg"), '<svg xmlns="http://www.w3.org/2000/svg" onload="x()"></svg>');
    fs.writeFileSync(
      path.join(dist, "r.epub"),
      zipSync({
        "OEBPS/s.xhtml": new TextEncoder().encode('<html><body><a href="javascript:x()">x</a></body></html>'),
      }),
    );
    const found = checkBuiltOutput(dist).map((violation) => violation.file);
    expect(found.sort()).toEqual([path.join("_astro", "d.svg"), "r.epub/OEBPS/s.xhtml"]);
  });
});

describe("a violation names the content line it came from, where the content holds its text", () => {
  test("a link, an image and an SVG's handler are traced to their files and lines; text the build made is not", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "gate-dist-"));
    const content = fs.mkdtempSync(path.join(os.tmpdir(), "gate-content-"));
    fs.mkdirSync(path.join(content, "sections", "images"), { recursive: true });
    fs.writeFileSync(
      path.join(content, "sections", "a.md"),
      "---\ntitle: A\n---\n\nText.\n\n[Click](javascript:steal(document.cookie))\n\n![x](https://evil.example/p.png)\n",
    );
    fs.writeFileSync(
      path.join(content, "sections", "images", "d.svg"),
      '<svg xmlns="http://www.w3.org/2000/svg">\n  <rect onclick="grab(location)"/>\n</svg>\n',
    );
    fs.mkdirSync(path.join(dist, "_astro"));
    fs.writeFileSync(
      path.join(dist, "index.html"),
      page(
        '<a href="javascript:steal(document.cookie)">Click</a><img src="https://evil.example/p.png" alt="x"><a href="javascript:madeByTheBuild()">y</a>',
      ),
    );
    fs.copyFileSync(path.join(content, "sections", "images", "d.svg"), path.join(dist, "_astro", "d.1a2b.svg"));
    const located = locateInContent(checkBuiltOutput(dist), content);
    const where = (fragment: string) => located.find((violation) => violation.problem.includes(fragment))?.source;
    expect(where("steal(")).toEqual({ file: path.join(content, "sections", "a.md"), line: 7 });
    expect(where("evil.example/p.png")).toEqual({ file: path.join(content, "sections", "a.md"), line: 9 });
    expect(where("onClick")).toEqual({ file: path.join(content, "sections", "images", "d.svg"), line: 2 });
    expect(where("madeByTheBuild")).toBeUndefined();
    const message = new OutputPolicyError(dist, located).message;
    expect(message).toContain(`javascript: scheme. (from ${path.join(content, "sections", "a.md")}:7)`);
    for (const folder of [dist, content]) fs.rmSync(folder, { recursive: true, force: true });
  });
});

describe("property: markup serialized from any attribute value never smuggles a handler past the gate", () => {
  test("an href of any text either passes as a link or is named", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.constantFrom("a", "img", "link", "area"), (value, tag) => {
        const element = toHtml({
          type: "element",
          tagName: tag,
          properties: { [tag === "img" ? "src" : "href"]: value },
          children: [],
        });
        const found = problems(page(element));
        for (const problem of found) expect(problem).not.toMatch(/event handler|inline style/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("styles are read as CSS, strings as strings", () => {
  test.each([
    ['p::after { content: "@import url(https://evil.example/)" }', []],
    ["p { background: url(/_astro/a.png) }", []],
    ["p { background: url(data:image/png;base64,AA) }", []],
    ['@import "https://evil.example/a.css";', [/@import/]],
    ["p { background: url( 'https://evil.example/a.png' ) }", [/another host/]],
    ["p { background: url(//evil.example/a.png) }", [/another host/]],
  ])("%s", (css, expected) => {
    const found = cssLoadProblems(css);
    expect(found).toHaveLength(expected.length);
    for (const [index, pattern] of expected.entries()) expect(found[index]).toMatch(pattern);
  });
});

describe("property: an SVG runs, loads and submits nothing, whatever form the attempt takes", () => {
  /** Targets outside the drawing: another host, another file of the site, another scheme. */
  const outside = fc.constantFrom(
    "https://evil.example/a.svg#x",
    "//evil.example/a",
    "\\/evil.example/a",
    "other.svg#a",
    "/images/x.svg",
    "../secret.png",
    "data:image/svg+xml;base64,PHN2Zz4=",
    "javascript:alert(1)",
    "file:///etc/passwd",
  );
  const hrefName = fc.constantFrom("href", "xlink:href");
  const quote = fc.constantFrom('"', "'", "");
  /** The attribute's own quote: the one the url() inside does not use. */
  const around = (inner: string) => (inner === '"' ? "'" : '"');
  /** Elements that refer to another by an href, and attributes that refer by url(). */
  const referrer = fc.constantFrom(
    "use",
    "image",
    "feImage",
    "textPath",
    "pattern",
    "linearGradient",
    "mpath",
    "tref",
    "cursor",
  );
  const urlAttribute = fc.constantFrom("fill", "stroke", "filter", "mask", "clip-path", "marker-start", "cursor");

  const hostile = fc.oneof(
    fc.constant("<script>alert(1)</script>"),
    fc.constant('<handler type="application/ecmascript">alert(1)</handler>'),
    fc.constantFrom("onload", "onclick", "onmouseover", "onbegin", "ONFOCUSIN").map((on) => `<rect ${on}="alert(1)"/>`),
    fc.tuple(referrer, hrefName, outside).map(([tag, name, url]) => `<${tag} ${name}="${url}"/>`),
    fc
      .tuple(urlAttribute, outside, quote)
      .map(([name, url, q]) => `<rect ${name}=${around(q)}url(${q}${url}${q})${around(q)}/>`),
    fc.tuple(outside, quote).map(([url, q]) => `<rect style=${around(q)}fill: URL(${q}${url}${q})${around(q)}/>`),
    fc.tuple(outside, quote).map(([url, q]) => `<style>rect { fill: url(${q}${url}${q}) }</style>`),
    outside.map((url) => `<style>@import "${url}";</style>`),
    fc
      .constantFrom("href", "xlink:href", "onclick")
      .map((name) => `<a><set attributeName="${name}" to="javascript:alert(1)"/><text>t</text></a>`),
    fc.constant('<a><animate attributeName="href" values="javascript:alert(1)"/><text>t</text></a>'),
    fc.constant('<g xml:base="https://evil.example/"><image href="a.png"/></g>'),
    fc.constant('<foreignObject><form action="https://evil.example/"><input name="password"/></form></foreignObject>'),
    fc.constant('<foreignObject><iframe src="/x"></iframe></foreignObject>'),
    fc
      .constantFrom("javascript:alert(1)", "data:text/html,<script>x()</script>", "vbscript:x")
      .map((url) => `<a href="${url}"><text>t</text></a>`),
  );
  const hostilePrologue = fc.oneof(
    fc.constant('<!DOCTYPE svg [<!ENTITY x "xxxxxxxx">]>'),
    fc.constant('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
    outside.map((url) => `<?xml-stylesheet type="text/css" href="${url}"?>`),
  );
  const benign = fc.constantFrom(
    '<use href="#g"/>',
    '<use xlink:href="#g"/>',
    '<rect fill="url(#g)" stroke="url( \'#g\' )"/>',
    '<g clip-path="url(#g)"><rect/></g>',
    "<style>.a { fill: url(#g); stroke-linejoin: round }</style>",
    '<image href="data:image/png;base64,iVBORw0KGgo="/>',
    '<a xlink:href="https://www.drawio.com/doc/faq/svg-export-text-problems"><text>help</text></a>',
    '<foreignObject width="100%"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex">A label</div></foreignObject>',
    "<text>url(https://evil.example/) is only text here</text>",
    '<animate attributeName="opacity" values="0;1" dur="1s"/>',
  );
  const benignPrologue = fc.constantFrom(
    "",
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
  );
  const svg = (prologue: string, parts: readonly string[]) =>
    `${prologue}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs>${parts.join("")}</svg>`;

  test("drawings made only of what a drawing needs pass", () => {
    fc.assert(
      fc.property(benignPrologue, fc.array(benign, { maxLength: 6 }), (prologue, parts) => {
        expect(problems(svg(prologue, parts), "svg")).toEqual([]);
      }),
    );
  });

  test("one hostile part, anywhere among them, is caught", () => {
    fc.assert(
      fc.property(
        benignPrologue,
        fc.array(benign, { maxLength: 4 }),
        hostile,
        fc.nat(4),
        (prologue, parts, attack, at) => {
          const mixed = [...parts.slice(0, at), attack, ...parts.slice(at)];
          expect(problems(svg(prologue, mixed), "svg"), attack).not.toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("a hostile prologue (entities, a stylesheet instruction) is caught", () => {
    fc.assert(
      fc.property(hostilePrologue, fc.array(benign, { maxLength: 3 }), (prologue, parts) => {
        expect(problems(svg(prologue, parts), "svg"), prologue).not.toEqual([]);
      }),
    );
  });
});
