import fc from "fast-check";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, test } from "vitest";
import { classifyUrl, redactUrl, webAddress } from "../../../src/lib/build/url-gate.ts";
import { linkProblem, loadedResourceProblem } from "../../../src/lib/content/policy/url-policy.ts";
import { trickyUrl } from "../../arbitraries/tricky-urls.ts";

describe("the URL gate reads URLs as browsers do", () => {
  test.each([
    ["\\/evil.example/x.png", "remote"],
    ["/\\evil.example/x.png", "remote"],
    ["\\\\evil.example/x.png", "remote"],
    ["//evil.example/x.png", "remote"],
    ["ht\ttp://evil.example/", "remote"],
    [" \u0001javascript:alert(1)", "scheme"],
    ["java\nscript:alert(1)", "scheme"],
    ["JaVaScRiPt:alert(1)", "scheme"],
    ["./images/a.png", "in-site"],
    ["#fn-1", "in-site"],
    ["%2e%2e/a.png", "in-site"],
  ])("%j is %s", (url, kind) => {
    expect(classifyUrl(url).kind).toBe(kind);
  });

  test("a web address comes back serialized: a quote in it can never end an attribute", () => {
    expect(webAddress('https://x.org/a"onmouseover="alert(1)')).toEqual({
      href: "https://x.org/a%22onmouseover=%22alert(1)",
    });
    expect(webAddress("javascript:alert(1)")).toMatchObject({ problem: /javascript: scheme/ });
    expect(webAddress("www.example.org")).toMatchObject({ problem: /not an http\(s\) address/ });
  });

  test("passwords never reach a message", () => {
    expect(redactUrl("https://ci:s3cret@example.edu/r/")).toBe("https://***:***@example.edu/r/");
    expect(redactUrl("https://ci:s3cret@exa mple.edu/")).not.toContain("s3cret");
  });
});

describe("property: what the gate lets through is what the site means", () => {
  test("a link it accepts opens as http(s), mailto or a page of the site in a browser", () => {
    fc.assert(
      fc.property(trickyUrl, (url) => {
        if (linkProblem(url) !== undefined) return;
        // The oracle: the URL as a browser on a page of a real host resolves it.
        const opened = new URL(url, "https://site.example/report/");
        expect(["http:", "https:", "mailto:"], url).toContain(opened.protocol);
      }),
      { numRuns: 3000 },
    );
  });

  test("an image it accepts loads from the site's own host", () => {
    fc.assert(
      fc.property(trickyUrl, (url) => {
        if (loadedResourceProblem(url) !== undefined) return;
        expect(new URL(url, "https://site.example/report/").host, url).toBe("site.example");
      }),
      { numRuns: 3000 },
    );
  });

  test("a web address it accepts stays one attribute in HTML", () => {
    fc.assert(
      fc.property(trickyUrl, fc.string(), (url, extra) => {
        const address = webAddress(url + extra);
        if (!("href" in address)) return;
        const tree = fromHtml(`<a href="${address.href}">x</a>`, { fragment: true });
        const [anchor] = tree.children;
        expect(anchor?.type === "element" && Object.keys(anchor.properties)).toEqual(["href"]);
      }),
      { numRuns: 3000 },
    );
  });
});
