import { describe, expect, it } from "vitest";
import { demotedHeading, embedsTimeline, inPageHref } from "../../../src/lib/report/full-report.ts";

describe("demotedHeading", () => {
  it("moves section headings one level down, h6 staying h6", () => {
    expect(["h2", "h3", "h4", "h5", "h6"].map(demotedHeading)).toEqual(["h3", "h4", "h5", "h6", "h6"]);
  });

  it("refuses what is not a heading", () => {
    expect(() => demotedHeading("p")).toThrow(/not a heading/);
  });
});

describe("inPageHref", () => {
  const targets = {
    referencesUrl: "/base/references/",
    sectionIds: new Map([["/base/sections/introduction/", "introduction"]]),
  };

  it("keeps citations on the page", () => {
    expect(inPageHref("/base/references/#ref-li2020", targets)).toBe("#ref-li2020");
    expect(inPageHref("/base/references/", targets)).toBe("#references");
  });

  it("turns links to a section or its paragraphs into in-page links", () => {
    expect(inPageHref("/base/sections/introduction/#p-self-help-groups", targets)).toBe("#p-self-help-groups");
    expect(inPageHref("/base/sections/introduction/", targets)).toBe("#introduction");
  });

  it("leaves other links alone", () => {
    expect(inPageHref("https://doi.org/10.1/x", targets)).toBe("https://doi.org/10.1/x");
    expect(inPageHref("/base/timeline/", targets)).toBe("/base/timeline/");
    expect(inPageHref("#p-local", targets)).toBe("#p-local");
  });
});

describe("embedsTimeline", () => {
  it("finds the component however it is closed", () => {
    expect(embedsTimeline("Text\n\n<Timeline />\n")).toBe(true);
    expect(embedsTimeline("<Timeline/>")).toBe(true);
    expect(embedsTimeline("<Timeline compact />")).toBe(true);
  });

  it("ignores other components and prose", () => {
    expect(embedsTimeline("<TimelineEvent />")).toBe(false);
    expect(embedsTimeline("The timeline of the movement")).toBe(false);
  });
});
