import fs from "node:fs";
import path from "node:path";

/** The attribute of the span each download link fills with its file's size, per edition. */
export type DetailsAttribute = "data-epub-details" | "data-single-file-details";

/** Fills every `<span data-…-details>` of a page with the text; returns the new HTML. */
export function fillDetailsHtml(html: string, attribute: DetailsAttribute, details: string): string {
  // Matches filled spans too, so making the edition again updates the details.
  const placeholder = new RegExp(`<span ${attribute}>[^<]*</span>`, "g");
  const text = details.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return html.replace(placeholder, `<span ${attribute}> ${text}</span>`);
}

/** Fills the details into every built HTML page that offers the file; returns how many pages changed. */
export function fillDetails(distDir: string, attribute: DetailsAttribute, details: string): number {
  let changed = 0;
  for (const file of fs.readdirSync(distDir, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".html")) continue;
    const full = path.join(distDir, file);
    const html = fs.readFileSync(full, "utf8");
    const filled = fillDetailsHtml(html, attribute, details);
    if (filled === html) continue;
    fs.writeFileSync(full, filled);
    changed++;
  }
  return changed;
}
