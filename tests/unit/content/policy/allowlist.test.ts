import { describe, expect, test } from "vitest";
import {
  ALLOWED_ELEMENTS,
  CONTENT_COMPONENTS,
  isAllowedAttribute,
} from "../../../../src/lib/content/policy/allowlist.ts";

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
