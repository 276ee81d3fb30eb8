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

// Matches filled spans too, so printing again (scripts/print-pdf.ts) updates the details.
const PLACEHOLDER = /<span data-pdf-details>[^<]*<\/span>/g;

/** Fills every `<span data-pdf-details>` of a page with the PDF's details; returns the new HTML. */
export function fillPdfDetailsHtml(html: string, details: string): string {
  const text = details.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return html.replace(PLACEHOLDER, `<span data-pdf-details> ${text}</span>`);
}

/** Fills the PDF's details into every built HTML page that offers it; returns how many pages changed. */
export function fillPdfDetails(distDir: string, details: string): number {
  let changed = 0;
  for (const file of fs.readdirSync(distDir, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".html")) continue;
    const full = path.join(distDir, file);
    const html = fs.readFileSync(full, "utf8");
    const filled = fillPdfDetailsHtml(html, details);
    if (filled === html) continue;
    fs.writeFileSync(full, filled);
    changed++;
  }
  return changed;
}
