import { describe, expect, it } from "vitest";
import { MEDIA_TYPES, reportPagePathname } from "../../../src/lib/editions/built-files.ts";

describe("built files of the report page", () => {
  it("resolves a URL on /report/ to its site path, relative ones against the page, escapes decoded", () => {
    expect(reportPagePathname("/r/", "/r/_astro/figure%20one.webp")).toBe("/r/_astro/figure one.webp");
    expect(reportPagePathname("/", "../code.css")).toBe("/code.css");
  });

  it("knows the media types of images and fonts, not of pages", () => {
    expect(MEDIA_TYPES[".svg"]).toBe("image/svg+xml");
    expect(MEDIA_TYPES[".woff2"]).toBe("font/woff2");
    expect(MEDIA_TYPES[".html"]).toBeUndefined();
  });
});
