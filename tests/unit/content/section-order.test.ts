import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { ContentError } from "../../../src/lib/content/content-error.ts";
import { orderSections } from "../../../src/lib/content/section-order.ts";

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

test("a duplicate order names the file, the line of `order:` and the other file", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "order-"));
  const file = path.join(folder, "second.mdx");
  fs.writeFileSync(file, "---\ntitle: Second\norder: 1\n---\n\nText.\n");
  try {
    orderSections([entry("first", 1, "Text.", path.join(folder, "first.mdx")), entry("second", 1, "Text.", file)]);
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
