import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRestricted, topicTitle } from "../../../../src/lib/editions/cartridge/build-cartridge.ts";

describe("discussion topic titles", () => {
  it("name the section, and tell a section's questions apart when it asks several", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 12 }), (section, count) => {
        const titles = Array.from({ length: count }, (_, index) => topicTitle(section, index, count));
        for (const title of titles) expect(title.startsWith(`Discussion: ${section}`)).toBe(true);
        expect(new Set(titles).size).toBe(count);
      }),
    );
    expect(topicTitle("Introduction", 0, 1)).toBe("Discussion: Introduction");
    expect(topicTitle("Introduction", 1, 3)).toBe("Discussion: Introduction (2 of 3)");
  });
});

describe("LOM's copyrightAndOtherRestrictions", () => {
  it("is yes unless the licence gives the text to the public domain", () => {
    expect(isRestricted(undefined)).toBe(true);
    expect(isRestricted("CC BY 4.0")).toBe(true);
    expect(isRestricted("All rights reserved")).toBe(true);
    expect(isRestricted("CC0 1.0")).toBe(false);
    expect(isRestricted("Public Domain Mark 1.0")).toBe(false);
  });
});
