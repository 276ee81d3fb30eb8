import { describe, expect, it } from "vitest";
import { cssPageSize, cssString, pageRulesCss } from "../../../src/lib/pdf/page-css.ts";

describe("cssString", () => {
  it("quotes plain text", () => {
    expect(cssString("Self-Help Group Report")).toBe('"Self-Help Group Report"');
  });

  it("escapes quotes, backslashes and line breaks so the rule cannot be broken out of", () => {
    expect(cssString('The "Twelve Steps" \\ notes\nagain')).toBe('"The \\"Twelve Steps\\" \\\\ notes\\A again"');
  });

  it("writes @ and brackets as escapes, so no @import or url() appears in the stylesheet's text", () => {
    expect(cssString("Notes @import url(x.css)")).toBe(String.raw`"Notes \40 import url\28 x.css\29 "`);
  });
});

describe("pageRulesCss", () => {
  it("sets the CSS paper size keyword from report.yaml", () => {
    expect(cssPageSize("A4")).toBe("A4");
    expect(cssPageSize("Letter")).toBe("letter");
    expect(pageRulesCss({ pageSize: "A4", title: "T" })).toMatch(/size:\s*A4;/);
    expect(pageRulesCss({ pageSize: "Letter", title: "T" })).toMatch(/size:\s*letter;/);
  });

  it("runs the short title in the head, falling back to the title", () => {
    expect(pageRulesCss({ pageSize: "A4", title: "Long title", shortTitle: "Short" })).toMatch(
      /@top-center\s*\{\s*content:\s*"Short";/,
    );
    expect(pageRulesCss({ pageSize: "A4", title: "Long title" })).toMatch(
      /@top-center\s*\{\s*content:\s*"Long title";/,
    );
  });

  it('numbers pages "n of N" in the footer', () => {
    expect(pageRulesCss({ pageSize: "A4", title: "T" })).toMatch(
      /@bottom-center\s*\{\s*content:\s*counter\(page\) " of " counter\(pages\);/,
    );
  });

  it("keeps the running head off the cover page", () => {
    expect(pageRulesCss({ pageSize: "A4", title: "T" })).toMatch(
      /@page :first\s*\{\s*@top-center\s*\{\s*content:\s*none;/,
    );
  });
});
