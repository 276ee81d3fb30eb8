import { transform } from "lightningcss";
import { codePaletteCss } from "../markdown/code-highlight.ts";
import { CONTENT_STYLESHEETS } from "../markdown/content-stylesheets.ts";

/**
 * The stylesheets served as files of their own, beside the site's one stylesheet (which every page
 * loads, made of global.css, print.css and what components import). Each is joined from files of
 * src/styles and minified, and only the pages that need it link it: the features of a page's text
 * (code, rich text, figures) and what one kind of page alone shows.
 */

/** Stands for the code highlighter's token colours of both themes, generated rather than written. */
export const CODE_PALETTE = "code palette";

/** One source of a served stylesheet: a file of src/styles, or the code palette. */
export type StylesheetPart = `${string}.css` | typeof CODE_PALETTE;

/**
 * Components that do not join the site's one stylesheet: only a few pages show them, so their rules
 * travel in those pages' stylesheets. Each still owns its file in src/styles, named after it.
 */
export const PAGE_COMPONENT_STYLESHEETS = {
  CiteThis: "cite-this.css",
  PageToc: "page-toc.css",
  SectionPager: "section-pager.css",
} as const satisfies Record<string, `${string}.css`>;

/** A served stylesheet: who links it, and the sources it joins, in order. */
export interface ServedStylesheetSpec {
  /** The pages that link it, and why it is a file of its own. */
  readonly servedTo: string;
  /** Its sources, joined in this order (later rules win ties). */
  readonly parts: readonly StylesheetPart[];
}

/** Every served stylesheet by the name it is served under from the site's root. */
export const SERVED_STYLESHEETS = {
  [CONTENT_STYLESHEETS.code]: {
    servedTo: "pages whose text has code: code blocks and their token colours (both themes)",
    parts: ["code.css", CODE_PALETTE],
  },
  [CONTENT_STYLESHEETS.richText]: {
    servedTo: "pages whose text has math, block elements or notes",
    parts: ["rich-text.css"],
  },
  [CONTENT_STYLESHEETS.figures]: {
    servedTo: "pages whose text has figures, images or tables, on screen and on paper",
    parts: ["figures.css"],
  },
  "cite-this.css": {
    servedTo: 'the home page, whose only page-specific component is "Cite this"',
    parts: [PAGE_COMPONENT_STYLESHEETS.CiteThis],
  },
  "section-page.css": {
    servedTo: 'section pages: contents, questions, "Cite this" and previous/next links',
    parts: [
      PAGE_COMPONENT_STYLESHEETS.PageToc,
      PAGE_COMPONENT_STYLESHEETS.SectionPager,
      "section-page.css",
      PAGE_COMPONENT_STYLESHEETS.CiteThis,
    ],
  },
  "instructors.css": {
    servedTo: "the instructors' page: the report's table look, its overview table and \"Cite this\"",
    parts: [CONTENT_STYLESHEETS.figures, "instructors.css", PAGE_COMPONENT_STYLESHEETS.CiteThis],
  },
  "timeline-full.css": {
    servedTo: "the timeline page alone: its width, legend, descriptions and wide layout",
    parts: ["timeline-full.css"],
  },
} as const satisfies Record<`${string}.css`, ServedStylesheetSpec>;

/** The name of a served stylesheet, such as `section-page.css`. */
export type ServedStylesheet = keyof typeof SERVED_STYLESHEETS;

/** The served stylesheets' names. */
export const servedStylesheets = Object.keys(SERVED_STYLESHEETS) as ServedStylesheet[];

/** The served stylesheets that join a source, such as `section-page.css` for `page-toc.css`. */
export function stylesheetsJoining(part: StylesheetPart): ServedStylesheet[] {
  return servedStylesheets.filter((name) => (SERVED_STYLESHEETS[name].parts as readonly string[]).includes(part));
}

/**
 * Joins a served stylesheet's sources and minifies them.
 * @param sources the text of the files of src/styles, by file name (`page-toc.css`)
 */
export async function composeStylesheet(
  name: ServedStylesheet,
  sources: Readonly<Record<string, string>>,
): Promise<string> {
  const texts = await Promise.all(
    SERVED_STYLESHEETS[name].parts.map(async (part): Promise<string> => {
      if (part === CODE_PALETTE) return codePaletteCss();
      const text = sources[part];
      if (text === undefined) {
        throw new Error(
          `src/styles/${part}: no such stylesheet, though /${name} is made from it.\n  Fix: restore src/styles/${part}, or take it out of ${name}'s parts in src/lib/site/stylesheets.ts.`,
        );
      }
      return text;
    }),
  );
  return minifyCss(name, texts.join("\n"));
}

/** Minifies a stylesheet; `filename` names it in a syntax error. */
export function minifyCss(filename: string, css: string): string {
  return transform({ filename, code: Buffer.from(css), minify: true }).code.toString();
}
