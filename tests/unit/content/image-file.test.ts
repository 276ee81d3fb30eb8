import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { imageFileProblem, readImageHeader } from "../../../src/lib/content/image-file.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "image-file-"));
const write = (name: string, bytes: Buffer | string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

describe("images are images, of a sane size, and SVGs pass the output policy", () => {
  test("sizes read from the bytes agree with sharp's", async () => {
    for (const format of ["png", "jpeg", "gif", "webp"] as const) {
      const bytes = await sharp({ create: { width: 321, height: 123, channels: 3, background: "#888" } })
        .toFormat(format)
        .toBuffer();
      const meta = await sharp(bytes).metadata();
      expect(readImageHeader(bytes), format).toMatchObject({ format, width: meta.width, height: meta.height });
    }
  });

  test("a real PNG passes", async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    expect(imageFileProblem(write("ok.png", png))).toBeUndefined();
  });

  test("a text file named .png is refused", () => {
    expect(imageFileProblem(write("fake.png", "TOKEN=secret\n"))?.problem).toMatch(
      /is not a PNG file: its bytes are not PNG/,
    );
  });

  test("a PNG named .svg is refused", async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    expect(imageFileProblem(write("png.svg", png))?.problem).toMatch(/is not an SVG file: its bytes are a PNG image/);
  });

  test("a 100,000 × 100,000 PNG header is refused before any decoder sees it", () => {
    const header = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
    header.writeUInt32BE(13, 8);
    header.write("IHDR", 12, "latin1");
    header.writeUInt32BE(100_000, 16);
    header.writeUInt32BE(100_000, 20);
    expect(imageFileProblem(write("huge.png", header))?.problem).toMatch(/100000 × 100000 pixels \(10000 megapixels\)/);
  });

  test.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("//evil.example")</script></svg>', /<script> element/],
    ['<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>', /event handler/],
    ['<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/t.png"/></svg>', /another host/],
  ])("an author SVG with script, handler or outside reference is refused: %s", (svg, problem) => {
    expect(imageFileProblem(write("d.svg", svg))?.problem).toMatch(problem);
  });

  test("a plain drawing passes", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/><use href="#g"/></svg>';
    expect(imageFileProblem(write("ok.svg", svg))).toBeUndefined();
  });
});
