import path from "node:path";
import { ContentError } from "./content-error.ts";

/** The part of a section that ordering looks at. */
export interface OrderableSection {
  id: string;
  filePath?: string | undefined;
  body?: string | undefined;
  data: { order: number };
  /** Line of `order:` in the file, found when the file was read. */
  orderLine?: number | undefined;
}

/** A file's name as messages give it: from the project when it is inside it. */
function shownPath(file: string): string {
  const fromProject = path.relative(process.cwd(), file);
  return path.isAbsolute(file) && !fromProject.startsWith("..") ? fromProject : file;
}

/**
 * Sorts sections into reading order. Two sections with the same `order`, or a section with no text,
 * stop the build: either would publish a report in an order or shape the author did not mean.
 */
export function orderSections<T extends OrderableSection>(entries: readonly T[]): T[] {
  const sorted = [...entries].sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1];
    const current = sorted[index];
    // A section without a valid order is reported by the frontmatter check, not here.
    if (previous && current && Number.isFinite(current.data.order) && previous.data.order === current.data.order) {
      throw new ContentError({
        file: current.filePath ?? current.id,
        line: current.orderLine,
        problem: `order ${current.data.order} is also the order of ${previous.filePath ? shownPath(previous.filePath) : previous.id}.`,
        fix: "give every section its own order number (1, 2, 3 ... in reading order).",
      });
    }
  }
  for (const entry of sorted) {
    if ((entry.body ?? "").trim() === "") {
      throw new ContentError({
        file: entry.filePath ?? entry.id,
        problem: "the section has no text.",
        fix: "write the section's paragraphs below its frontmatter, or delete the file.",
      });
    }
  }
  return sorted;
}
