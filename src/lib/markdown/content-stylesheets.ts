import { transform } from "lightningcss";
import type { ContentFeatures } from "../report/content-features.ts";

/** The stylesheet files of content features, each served from the site root. */
export const CONTENT_STYLESHEETS = { code: "code.css", richText: "rich-text.css", figures: "figures.css" } as const;

/** The stylesheets a page needs for the features of its text (none for plain paragraphs). */
export function contentStylesheets(features: ContentFeatures): string[] {
  return (Object.keys(CONTENT_STYLESHEETS) as (keyof ContentFeatures)[])
    .filter((feature) => features[feature])
    .map((feature) => CONTENT_STYLESHEETS[feature]);
}

/** Minifies a stylesheet served by an endpoint. */
export function minifyCss(filename: string, css: string): string {
  return transform({ filename, code: Buffer.from(css), minify: true }).code.toString();
}
