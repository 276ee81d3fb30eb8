import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { HtmlValidate, type RuleConfig } from "html-validate";

/** The axe rule sets every page is held to: WCAG 2.0, 2.1 and 2.2, A and AA, and best practices. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** How a page is shown: a colour scheme on screen, or printed. */
export type DisplayMode = "light" | "dark" | "print";

/** Opens a page in a fresh browser context of the given width, in light, dark or print. */
export async function openIn(browser: Browser, mode: DisplayMode, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.emulateMedia(mode === "print" ? { media: "print" } : { colorScheme: mode });
  return page;
}

/** Starts collecting what the Content Security Policy refuses on this page, from now on. */
export function watchCspViolations(page: Page): string[] {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return refused;
}

/** The page's sideways overflow, if any: wider content than its window. */
export async function overflowProblem(page: Page, label: string): Promise<string | undefined> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  return scroll > client ? `${label}: page is ${scroll} px wide in a ${client} px window` : undefined;
}

/** Every axe violation on the page as it is now, one line each with its rule, count and first element. */
export async function axeProblems(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map(
    (violation) => `${label}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(" ")}`,
  );
}

/** What {@link checkPages} looks at on each page. */
export interface PageChecks {
  /** Fail when the page scrolls sideways. */
  overflow?: boolean;
  /** Run axe. */
  axe?: boolean;
}

/**
 * Visits each URL in turn in `page` and lists every problem found: sideways scrolling and axe
 * violations, as asked. Content Security Policy refusals are collected with
 * {@link watchCspViolations}, set up before the first visit.
 */
export async function checkPages(
  page: Page,
  urls: readonly { url: string; label: string }[],
  checks: PageChecks,
): Promise<string[]> {
  const problems: string[] = [];
  for (const { url, label } of urls) {
    await page.goto(url);
    if (checks.overflow) {
      const overflow = await overflowProblem(page, label);
      if (overflow) problems.push(overflow);
    }
    if (checks.axe) problems.push(...(await axeProblems(page, label)));
  }
  return problems;
}

/**
 * html-validate's recommended rules, less two that only object to Astro's output style (void
 * elements written `<meta ... >`) and to trailing spaces; `rules` adds or switches off others.
 */
export function htmlValidator(rules: RuleConfig = {}): HtmlValidate {
  return new HtmlValidate({
    extends: ["html-validate:recommended"],
    rules: { "void-style": "off", "no-trailing-whitespace": "off", ...rules },
  });
}

/** Every html-validate error in the given documents, as `name:line:column rule: message`. */
export async function htmlErrors(
  documents: readonly { name: string; html: string }[],
  rules: RuleConfig = {},
): Promise<string[]> {
  const validator = htmlValidator(rules);
  const errors: string[] = [];
  for (const { name, html } of documents) {
    const report = await validator.validateString(html, name);
    for (const result of report.results)
      for (const message of result.messages)
        errors.push(`${name}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
  }
  return errors;
}
