import type { ReportMetadata } from "../content/schemas/report.ts";

/**
 * Quotes text as a CSS string, so a title with quotes or backslashes cannot break the rule. "@" and
 * brackets are written as escapes: the bundler moves any "@import" and rewrites any "url(...)" it
 * finds in a stylesheet's text, even in a string.
 */
export function cssString(text: string): string {
  const escaped = text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r?\n/g, "\\A ")
    .replace(/[@()]/g, (character) => `\\${character.charCodeAt(0).toString(16)} `);
  return `"${escaped}"`;
}

/** The CSS `size` keyword of a paper size in report.yaml. */
export function cssPageSize(pageSize: ReportMetadata["pageSize"]): string {
  return pageSize === "A4" ? "A4" : "letter";
}

/**
 * The `@page` rules that depend on the report's metadata: paper size, the running head with the short
 * title, and "n of N" page numbers. Served as a stylesheet because the CSP forbids inline styles.
 */
export function pageRulesCss(report: Pick<ReportMetadata, "pageSize" | "shortTitle" | "title">): string {
  const runningHead = cssString(report.shortTitle ?? report.title);
  return `/* Generated from report.yaml: paper size, running head and page numbers. */
@page {
  size: ${cssPageSize(report.pageSize)};
  @top-center {
    content: ${runningHead};
  }
  @bottom-center {
    content: counter(page) " of " counter(pages);
  }
}

/* The cover carries the title already; its page number stays. */
@page :first {
  @top-center {
    content: none;
  }
}
`;
}
