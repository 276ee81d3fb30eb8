import type { Element, ElementContent, Root } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import {
  type BundledLanguage,
  type BundledTheme,
  bundledLanguages,
  createHighlighter,
  type HighlighterGeneric,
} from "shiki";
import { visit } from "unist-util-visit";
import { processWide } from "../build/process-wide.ts";

/** The two colour themes of code blocks: light (screen and print) and dark (screens that prefer it). */
export const CODE_THEMES = { light: "github-light-default", dark: "github-dark-default" } as const;

type Highlighter = HighlighterGeneric<BundledLanguage, BundledTheme>;

// Astro loads plugins and pages as separate module graphs in one process: one highlighter for both.
/** The shared highlighter, with both themes and no language yet (each is loaded when first used). */
export function codeHighlighter(): Promise<Highlighter> {
  return processWide("code-highlighter", () =>
    createHighlighter({ themes: [CODE_THEMES.light, CODE_THEMES.dark], langs: [] }),
  );
}

/** Class name of a colour: `cl-1f2328` (light theme) or `cd-e6edf3` (dark theme). */
function colorClass(scheme: "l" | "d", color: string): string {
  return `c${scheme}-${color.replace(/^#/, "").toLowerCase()}`;
}

/**
 * Turns the inline style Shiki writes on a token (`--shiki-light:#CF222E;--shiki-dark:#FF7B72`)
 * into classes, since the site's Content Security Policy refuses inline styles.
 */
export function tokenClasses(style: string): string[] {
  const classes: string[] = [];
  for (const declaration of style.split(";")) {
    const [name, value] = declaration.split(":").map((part) => part.trim());
    if (!name || !value) continue;
    if (name === "--shiki-light") classes.push(colorClass("l", value));
    else if (name === "--shiki-dark") classes.push(colorClass("d", value));
    else if (name === "--shiki-light-font-style" || name === "--shiki-dark-font-style") {
      if (value.includes("italic")) classes.push("fi");
      if (value.includes("bold")) classes.push("fb");
      if (value.includes("underline")) classes.push("fu");
    }
  }
  return [...new Set(classes)];
}

/** Every colour a theme can give a token, normalised to lower-case `#rrggbb(aa)`. */
function themeColors(highlighter: Highlighter, theme: BundledTheme): string[] {
  const resolved = highlighter.getTheme(theme);
  const colors = new Set<string>([resolved.fg.toLowerCase()]);
  for (const rule of resolved.settings) {
    const foreground = rule.settings.foreground;
    if (typeof foreground === "string") colors.add(foreground.toLowerCase());
  }
  for (const replacement of Object.values(resolved.colorReplacements ?? {})) colors.add(replacement.toLowerCase());
  return [...colors].filter((color) => /^#[0-9a-f]{3,8}$/.test(color)).sort();
}

/**
 * The stylesheet rules for every token colour of both themes: light by default and in print, dark
 * on screens that prefer it. Made from the themes themselves, so it does not depend on the content.
 */
export async function codePaletteCss(): Promise<string> {
  const highlighter = await codeHighlighter();
  const light = themeColors(highlighter, CODE_THEMES.light).map(
    (color) => `.code-block .${colorClass("l", color)}{color:${color}}`,
  );
  const dark = themeColors(highlighter, CODE_THEMES.dark).map(
    (color) => `.code-block .${colorClass("d", color)}{color:${color}}`,
  );
  return [...light, `@media screen and (prefers-color-scheme: dark){${dark.join("")}}`].join("\n");
}

/** The language of a `<code class="language-x">`, if any. */
function languageOf(code: Element): string | undefined {
  const className = code.properties["className"];
  const classes = Array.isArray(className) ? className.map(String) : [];
  return classes.find((name) => name.startsWith("language-"))?.slice("language-".length);
}

function isBundledLanguage(language: string): language is BundledLanguage {
  return Object.hasOwn(bundledLanguages, language);
}

/** Replaces Shiki's inline styles in a highlighted tree by classes, in place. */
function stylesToClasses(node: Element): void {
  visit(node, "element", (element: Element) => {
    const style = element.properties["style"];
    if (typeof style !== "string") return;
    delete element.properties["style"];
    if (element.tagName !== "span") return;
    const existing = element.properties["className"];
    const classes = [...(Array.isArray(existing) ? existing.map(String) : []), ...tokenClasses(style)];
    if (classes.length > 0) element.properties["className"] = classes;
  });
}

/** A code block's `<pre>`: scrollable by keyboard, named for screen readers, with the site's class. */
function codeBlock(children: ElementContent[], language: string | undefined): Element {
  return {
    type: "element",
    tagName: "pre",
    properties: {
      className: ["code-block"],
      tabIndex: 0,
      ...(language ? { dataLanguage: language } : {}),
    },
    children,
  };
}

/**
 * Highlights fenced code blocks at build time with Shiki, writing classes instead of inline styles
 * (see {@link tokenClasses}) so the colours survive the site's Content Security Policy. A block
 * without a language, or in a language Shiki does not know, is kept as plain text in the same box.
 */
export function rehypeCodeHighlight() {
  return async (tree: Root) => {
    const blocks: { pre: Element; code: Element }[] = [];
    visit(tree, "element", (pre: Element) => {
      const code = pre.tagName === "pre" ? pre.children.find((child) => child.type === "element") : undefined;
      if (code?.type === "element" && code.tagName === "code") blocks.push({ pre, code });
    });
    if (blocks.length === 0) return;
    const highlighter = await codeHighlighter();
    for (const { pre, code } of blocks) {
      const language = languageOf(code);
      let children: ElementContent[] = [code];
      if (language && isBundledLanguage(language)) {
        if (!highlighter.getLoadedLanguages().includes(language)) await highlighter.loadLanguage(language);
        const highlighted = highlighter.codeToHast(hastToString(code).replace(/\n$/, ""), {
          lang: language,
          themes: CODE_THEMES,
          defaultColor: false,
        });
        const shikiPre = highlighted.children.find((child): child is Element => child.type === "element");
        if (shikiPre) {
          stylesToClasses(shikiPre);
          children = shikiPre.children;
        }
      }
      Object.assign(pre, codeBlock(children, language));
    }
  };
}
