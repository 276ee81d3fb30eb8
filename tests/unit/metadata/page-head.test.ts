import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { homePageTitle, pageTitle } from "../../../src/lib/metadata/page-head.ts";

describe("page titles", () => {
  test("the home page's title is the report's, or its short title when the report's is over 70 characters", () => {
    const paper = "Speed/accuracy trade-off between the habitual and the goal-directed processes";
    expect(homePageTitle({ title: paper, shortTitle: "Speed/accuracy trade-off" })).toBe("Speed/accuracy trade-off");
    expect(homePageTitle({ title: paper })).toBe(paper);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 70 }), fc.string({ minLength: 1 }), (title, shortTitle) => {
        expect(homePageTitle({ title, shortTitle })).toBe(title);
      }),
    );
  });

  test("a page's title adds the report's when both fit in 70 characters", () => {
    expect(pageTitle("Methods", "A report")).toBe("Methods · A report");
    expect(pageTitle("A report", "A report")).toBe("A report");
    expect(pageTitle("M".repeat(60), "A report")).toBe("M".repeat(60));
  });
});
