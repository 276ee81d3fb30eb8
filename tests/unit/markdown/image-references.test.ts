import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import fc from "fast-check";
import { expect, test } from "vitest";
import { reportMarkdownPlugins } from "../../../src/lib/markdown/pipeline.ts";

// The whole pipeline over the rich-report fixture, whose sections folder holds real images.
const contentDir = path.resolve(import.meta.dirname, "../../fixtures/rich-report");
const section = path.join(contentDir, "sections", "methods.mdx");
const { remarkPlugins, rehypePlugins } = reportMarkdownPlugins({ contentDir, base: "/" });
const processor = await createMarkdownProcessor({
  gfm: false,
  syntaxHighlight: false,
  // Paragraph anchors check the text against the fixture file's own analysis: this text is another.
  remarkPlugins: remarkPlugins.filter(
    (plugin) =>
      !(Array.isArray(plugin) && typeof plugin[0] === "function" && plugin[0].name === "remarkParagraphAnchors"),
  ),
  rehypePlugins,
});

/** The HTML, or the error's message with its line number taken out (the two forms differ in lines). */
async function outcome(body: string): Promise<string> {
  try {
    return (await processor.render(body, { fileURL: pathToFileURL(section) })).code;
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`.replace(/:\d+\b/g, ":N");
  }
}

// Paths of every kind the image rules judge: a real image, a missing one, one climbing out of the
// content folder (plain and percent-encoded), a data: URL, another host, a non-image file.
const TARGETS = [
  "./images/meetings.png",
  "./images/meeting-room.jpg",
  "./images/missing.png",
  "../../../../etc/passwd",
  "./images/%2e%2e/%2e%2e/%2e%2e/report.yaml",
  "data:image/png;base64,iVBORw0KGgo=",
  "https://example.com/chart.png",
  "../README.md",
];

test("![alt][ref] meets every image rule exactly as ![alt](url) does, alone in its paragraph or in a sentence", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...TARGETS), fc.boolean(), async (target, alone) => {
      const [before, after] = alone ? ["", ""] : ["Text ", " here."];
      const inline = await outcome(`${before}![A chart](${target})${after}\n`);
      const referenced = await outcome(`${before}![A chart][chart]${after}\n\n[chart]: ${target}\n`);
      if (!inline.startsWith("error: ")) {
        expect(referenced).toBe(inline);
        return;
      }
      // The same problem and fix for the image; the definition's URL may add its own, as a link's would.
      expect(referenced.startsWith("error: ")).toBe(true);
      const problemLines = inline.split("\n").filter((line) => /:N: |Fix: /.test(line));
      expect(problemLines.length).toBeGreaterThan(0);
      for (const line of problemLines) expect(referenced).toContain(line.trim());
    }),
    { numRuns: 24 },
  );
}, 120_000);
