import type { ContentFeatures } from "../report/content-features.ts";

/** The stylesheet files of content features, each served from the site root (see site/stylesheets.ts). */
export const CONTENT_STYLESHEETS = { code: "code.css", richText: "rich-text.css", figures: "figures.css" } as const;

/** The stylesheets a page needs for the features of its text (none for plain paragraphs). */
export function contentStylesheets(features: ContentFeatures): string[] {
  return (Object.keys(CONTENT_STYLESHEETS) as (keyof ContentFeatures)[])
    .filter((feature) => features[feature])
    .map((feature) => CONTENT_STYLESHEETS[feature]);
}
