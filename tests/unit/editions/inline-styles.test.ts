import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import type { ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, it } from "vitest";
import {
  inlinePageStyles,
  inlineSiteStyles,
  parsedStyleText,
  withStyleSources,
} from "../../../src/lib/editions/inline-styles.ts";

const POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'";
const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

function page(links: string[], body: string): string {
  const tags = links.map((href) => `<link rel="stylesheet" href="${href}">`).join("");
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${POLICY}"><title>T</title>${tags}<script type="application/ld+json">{"a":"\\u003c/head>"}</script></head><body>${body}</body></html>`;
}

// CSS-like text: any characters, but never one that ends a style element.
const cssText = fc.string({ minLength: 1 }).filter((text) => !/<\/style/i.test(text));

describe("inlinePageStyles", () => {
  it("puts each linked stylesheet's exact text in the link's place, allows exactly those by hash, and leaves the body's bytes alone", () => {
    fc.assert(
      fc.property(fc.array(cssText, { minLength: 1, maxLength: 4 }), fc.string(), (sheets, bodyText) => {
        const body = `<p>${bodyText.replace(/[<&]/g, "")}</p><link rel="stylesheet" href="/body.css">`;
        const hrefs = sheets.map((_, index) => `/s${index}.css`);
        const { html, styleSources } = inlinePageStyles(
          page(hrefs, body),
          (href) => sheets[hrefs.indexOf(href)] ?? "",
          "test",
        );
        const head = html.slice(0, html.indexOf("</head>"));
        expect(head).not.toMatch(/<link/);
        // A parser reads back the texts the hashes are of, in the links' order.
        const parsed = styleTexts(html);
        expect(parsed).toEqual(sheets.map(parsedStyleText));
        expect(styleSources).toEqual(parsed.map(sha));
        const policy = /content="([^"]+)"/.exec(html.slice(html.indexOf("Content-Security-Policy")))?.[1] ?? "";
        const styleSrc = /style-src ([^;]+)/.exec(policy)?.[1]?.split(" ");
        expect(new Set(styleSrc)).toEqual(new Set(parsed.map(sha)));
        expect(policy.replace(/style-src [^;]+/, "style-src 'self'")).toBe(POLICY);
        expect(html.slice(html.indexOf("</head>"))).toBe(`</head><body>${body}</body></html>`);
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a stylesheet that would end its style element early", () => {
    expect(() => inlinePageStyles(page(["/a.css"], ""), () => "a{} </style><p>", "page.html")).toThrow(
      /page\.html: \/a\.css: the stylesheet holds "<\/style"/,
    );
  });
});

describe("withStyleSources", () => {
  it("replaces style-src alone, sorted and without repeats", () => {
    expect(withStyleSources(POLICY, ["'b'", "'a'", "'b'"])).toBe(
      "default-src 'none'; style-src 'a' 'b'; img-src 'self' data:; script-src 'none'",
    );
    expect(() => withStyleSources("default-src 'none'", ["'a'"])).toThrow(/no style-src/);
  });
});

describe("inlineSiteStyles", () => {
  it("rewrites every page of a built site, resolving relative links, and gives _headers the union of the pages' hashes", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "inline-styles-"));
    fs.mkdirSync(path.join(dist, "_astro"));
    fs.mkdirSync(path.join(dist, "sections/a"), { recursive: true });
    fs.writeFileSync(path.join(dist, "_astro/site.css"), "body{color:red}");
    fs.writeFileSync(path.join(dist, "section.css"), "nav{color:blue}");
    fs.writeFileSync(path.join(dist, "index.html"), page(["/_astro/site.css"], "home"));
    fs.writeFileSync(path.join(dist, "sections/a/index.html"), page(["../../section.css", "/_astro/site.css"], "a"));
    fs.writeFileSync(path.join(dist, "_headers"), `/*\n  Content-Security-Policy: ${POLICY}; frame-ancestors 'none'\n`);
    const result = inlineSiteStyles({ distDir: dist, base: "/" });
    expect(result.pages).toBe(2);
    const union = [sha("body{color:red}"), sha("nav{color:blue}")].sort();
    expect(result.styleSources).toEqual(union);
    expect(fs.readFileSync(path.join(dist, "_headers"), "utf8")).toContain(
      `style-src ${union.join(" ")}; img-src 'self' data:; script-src 'none'; frame-ancestors 'none'`,
    );
    const section = fs.readFileSync(path.join(dist, "sections/a/index.html"), "utf8");
    expect(section).toContain("<style>nav{color:blue}</style><style>body{color:red}</style>");
    fs.rmSync(dist, { recursive: true });
  });

  it("names the page and the missing stylesheet", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "inline-styles-"));
    fs.writeFileSync(path.join(dist, "index.html"), page(["/gone.css"], ""));
    expect(() => inlineSiteStyles({ distDir: dist, base: "/" })).toThrow(
      /index\.html: its stylesheet \/gone\.css is not a file the build wrote/,
    );
    fs.rmSync(dist, { recursive: true });
  });
});

/** The texts of a page's style elements, as a real HTML parser (parse5, through hast) reads them. */
function styleTexts(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Root | ElementContent): void => {
    if (node.type === "element" && node.tagName === "style") {
      found.push(node.children.map((child) => (child.type === "text" ? child.value : "")).join(""));
    }
    if ("children" in node) for (const child of node.children) walk(child as ElementContent);
  };
  walk(fromHtml(html));
  return found;
}
