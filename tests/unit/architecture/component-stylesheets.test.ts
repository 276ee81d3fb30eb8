import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  PAGE_COMPONENT_STYLESHEETS,
  SERVED_STYLESHEETS,
  stylesheetsJoining,
} from "../../../src/lib/site/stylesheets.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const src = path.join(root, "src");

/**
 * Components with classes but no stylesheet of their own, and where their rules are instead. Keep
 * this short: a new component gets its own src/styles/<name>.css.
 */
const STYLED_ELSEWHERE: Readonly<Record<string, { sheet: string; selector: string }>> = {
  // Its line shares one rule with the other page-header lines (.eyebrow, .byline, .section-meta).
  ReportByline: { sheet: "global.css", selector: ".report-byline" },
  // Its class only lets print.css hide the offer on paper.
  DownloadLink: { sheet: "print.css", selector: ".pdf-offer" },
};

const read = (file: string): string => fs.readFileSync(file, "utf8");
const filesUnder = (folder: string, extension: string): string[] =>
  fs
    .readdirSync(path.join(src, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(extension))
    .map((file) => path.join(src, folder, file));

const kebab = (name: string): string => name.replace(/(?<=[a-z0-9])(?=[A-Z])/g, "-").toLowerCase();
const componentName = (file: string): string => path.basename(file, ".astro");
/** The files of src/styles a module imports (`import "../styles/x.css"`). */
const importedStylesheets = (text: string): string[] =>
  [...text.matchAll(/^import\s+"(?:\.\.\/)+styles\/([\w-]+\.css)";$/gm)].map((match) => match[1] ?? "");
const hasClasses = (text: string): boolean => /\sclass(?::list)?=/.test(text);
/** Whether a template renders the component (`<PageToc ...`). */
const renders = (text: string, component: string): boolean => new RegExp(`<${component}[\\s/>]`).test(text);

const components = filesUnder("components", ".astro");
const pages = filesUnder("pages", ".astro");
const pageComponents = Object.keys(PAGE_COMPONENT_STYLESHEETS) as (keyof typeof PAGE_COMPONENT_STYLESHEETS)[];

describe("every component owns its stylesheet", () => {
  test.each(components.map((file) => [path.relative(src, file), file]))("%s", (_name, file) => {
    const name = componentName(file);
    const text = read(file);
    const imported = importedStylesheets(text);
    const served = PAGE_COMPONENT_STYLESHEETS[name as keyof typeof PAGE_COMPONENT_STYLESHEETS];
    if (served) {
      expect(imported, `${name}'s rules travel in its pages' stylesheets, not the site's one`).toEqual([]);
      expect(served).toBe(`${kebab(name)}.css`);
      expect(text, `${name} says where its rules are`).toContain(`src/styles/${served}`);
      expect(fs.existsSync(path.join(src, "styles", served)), `src/styles/${served}`).toBe(true);
      expect(stylesheetsJoining(served).length, `a served stylesheet joins ${served}`).toBeGreaterThan(0);
    } else if (imported.length > 0) {
      // Named after the component, or after its folder when the folder is one feature (timeline/).
      const folder = path.basename(path.dirname(file));
      const owners = [kebab(name), folder].map((stem) => `${stem}.css`);
      expect(imported.filter((sheet) => !owners.includes(sheet))).toEqual([]);
    } else if (hasClasses(text)) {
      expect(
        STYLED_ELSEWHERE[name],
        `${name} has classes but no stylesheet: give it src/styles/${kebab(name)}.css and import it (or list it in PAGE_COMPONENT_STYLESHEETS)`,
      ).toBeDefined();
      const { sheet, selector } = STYLED_ELSEWHERE[name] ?? { sheet: "", selector: "" };
      expect(read(path.join(src, "styles", sheet))).toContain(selector);
    }
  });
});

describe("components whose rules travel in page stylesheets", () => {
  test.each(pageComponents)("%s is rendered only by pages that link a stylesheet joining its own", (name) => {
    const joining = stylesheetsJoining(PAGE_COMPONENT_STYLESHEETS[name]);
    const renderers = [...pages, ...components, ...filesUnder("layouts", ".astro")].filter((file) =>
      renders(read(file), name),
    );
    expect(renderers.length).toBeGreaterThan(0);
    for (const file of renderers) {
      const text = read(file);
      const linked = [...text.matchAll(/siteUrl\("([\w-]+\.css)"\)/g)].map((match) => match[1] ?? "");
      expect(
        linked.filter((sheet) => (joining as string[]).includes(sheet)),
        `${path.relative(root, file)} renders ${name}, so it links one of ${joining.join(", ")}`,
      ).toHaveLength(1);
    }
  });
});

test("every file of src/styles is imported or joins a served stylesheet", () => {
  const modules = [...filesUnder("", ".astro"), ...filesUnder("", ".ts")].map(read).join("\n");
  const parts = new Set<string>(Object.values(SERVED_STYLESHEETS).flatMap((sheet) => sheet.parts));
  const orphans = fs
    .readdirSync(path.join(src, "styles"))
    .filter((file) => file.endsWith(".css"))
    .filter((file) => !parts.has(file) && !modules.includes(`styles/${file}"`));
  expect(orphans).toEqual([]);
});
