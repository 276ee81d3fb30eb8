import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { orderSections } from "../../../src/lib/content/section-order.ts";
import { readSectionFiles } from "../../../src/lib/content/section-sources.ts";

const entry = (id: string, order: number, body = "Text.", filePath?: string) => ({
  id,
  body,
  filePath,
  data: { order },
});

test("sections come out in reading order", () => {
  const ordered = orderSections([entry("c", 3), entry("a", 1), entry("b", 2)]);
  expect(ordered.map((section) => section.id)).toEqual(["a", "b", "c"]);
});

test("a duplicate order names the file, the line of `order:` (found when the file was read) and the other file", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "order-"));
  fs.mkdirSync(path.join(folder, "sections"));
  const file = path.join(folder, "sections", "second.mdx");
  fs.writeFileSync(path.join(folder, "sections", "first.mdx"), "---\norder: 1\ntitle: First\n---\n\nText.\n");
  fs.writeFileSync(file, "---\ntitle: Second\norder: 1\n---\n\nText.\n");
  const read = readSectionFiles(folder).map((section) => ({
    id: section.slug,
    filePath: section.file,
    body: section.body,
    orderLine: section.orderLine,
    data: { order: section.order },
  }));
  try {
    orderSections(read);
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problem).toMatchObject({
      file,
      line: 3,
      problem: expect.stringContaining("first.mdx"),
    });
  }
});

test("a section without text is refused", () => {
  expect(() => orderSections([entry("a", 1, "  \n")])).toThrow(/the section has no text/);
});
