import fs from "node:fs";
import path from "node:path";

/** A file size as readers expect it: "812 KB", "1.4 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** What the download link says about the PDF: "(12 pages, 143 KB)". */
export function formatPdfDetails(pages: number, bytes: number): string {
  return `(${pages} ${pages === 1 ? "page" : "pages"}, ${formatFileSize(bytes)})`;
}

/** The attribute of the span a download link's details go in, per file: PDF, EPUB, single-file HTML, course package. */
export type DetailsAttribute =
  | "data-pdf-details"
  | "data-epub-details"
  | "data-single-file-details"
  | "data-cartridge-details";

/** Fills every `<span data-…-details>` of a page with the text; returns the new HTML. */
export function fillDetailsHtml(html: string, attribute: DetailsAttribute, details: string): string {
  // Matches filled spans too, so making the file again (scripts/print-pdf.ts) updates the details.
  const placeholder = new RegExp(`<span ${attribute}>[^<]*</span>`, "g");
  const text = details.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return html.replace(placeholder, `<span ${attribute}> ${text}</span>`);
}

/** Fills the details into every built HTML page that offers the file; returns how many pages changed. */
export function fillDetails(distDir: string, attribute: DetailsAttribute, details: string): number {
  let changed = 0;
  for (const file of fs.globSync("**/*.html", { cwd: distDir })) {
    const full = path.join(distDir, file);
    const html = fs.readFileSync(full, "utf8");
    const filled = fillDetailsHtml(html, attribute, details);
    if (filled === html) continue;
    fs.writeFileSync(full, filled);
    changed++;
  }
  return changed;
}

/** Fills every `<span data-pdf-details>` of a page with the PDF's details; returns the new HTML. */
export function fillPdfDetailsHtml(html: string, details: string): string {
  return fillDetailsHtml(html, "data-pdf-details", details);
}

/** Fills the PDF's details into every built HTML page that offers it; returns how many pages changed. */
export function fillPdfDetails(distDir: string, details: string): number {
  return fillDetails(distDir, "data-pdf-details", details);
}
