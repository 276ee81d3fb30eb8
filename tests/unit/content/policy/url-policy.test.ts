import { describe, expect, test } from "vitest";
import { classifyUrl, linkProblem, loadedResourceProblem } from "../../../../src/lib/content/policy/url-policy.ts";

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
