import { describe, expect, test } from "vitest";
import { sectionSlug } from "../../../src/lib/content/section-sources.ts";

describe("slugs", () => {
  test("slugs are ASCII, lowercase and made from the file name only", () => {
    expect(sectionSlug("/c/pages/Über uns.mdx")).toBe("uber-uns");
    expect(sectionSlug("Straße der Ärzte.mdx")).toBe("strasse-der-arzte");
    expect(sectionSlug("introduction.mdx")).toBe("introduction");
    expect(sectionSlug("关于.mdx")).toBe("");
  });
});
