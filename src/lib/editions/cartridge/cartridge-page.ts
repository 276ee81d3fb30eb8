import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import { styleElement } from "../inline-styles.ts";

/** A stylesheet carried inside a page, with the media it applies to (print, or every medium). */
export interface PageStyle {
  css: string;
  media?: string | undefined;
}

/** What one web-content page of the cartridge holds. */
export interface CartridgePageOptions {
  /** BCP 47 tag of the text. */
  language: string;
  /** The document's title, as the LMS and the browser's tab show it. */
  title: string;
  /** The report page's `color-scheme`, so the page's dark styles apply as on the site. */
  colorScheme: string | undefined;
  styles: readonly PageStyle[];
  /** The part of the report, already adapted (links retargeted, images packaged, first heading h1). */
  content: Element;
  /** What the footer says under the part (the report it comes from, its licence). */
  footer: ElementContent[];
}

/**
 * One self-contained page of the cartridge as a hast tree: the part of the report inside `main`,
 * in the report's own article markup so the site's styles apply, the styles inside the document,
 * and no script, no outside request.
 */
export function cartridgePage({ language, title, colorScheme, styles, content, footer }: CartridgePageOptions): Root {
  return {
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: language }, [
        h("head", [
          h("meta", { charset: "utf-8" }),
          h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
          ...(colorScheme ? [h("meta", { name: "color-scheme", content: colorScheme })] : []),
          h("title", title),
          // styleElement refuses a text holding "</style", which would end the element early.
          ...styles.map((style) => styleElement(style.css, style.media, `Course package: "${title}"`)),
        ]),
        h("body", [
          h("main", { id: "main" }, [h("article", { className: ["full-report"] }, [content])]),
          // The site footer's class: the site's stylesheet, carried inside, sets it as on the site.
          h("footer", { className: ["site-footer"] }, [h("p", footer)]),
        ]),
      ]),
    ],
  };
}
