import fs from "node:fs";
import path from "node:path";
import type { FootnoteDefinition, Heading, Image, Link, Root, Text } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { normalizeBase } from "../build/site-url.ts";
import { ContentError } from "../content/content-error.ts";
import { isReservedId } from "../content/heading-ids.ts";
import { nearestMatch } from "../content/nearest-match.ts";
import { sectionSlug } from "../content/section-sources.ts";
/** Options of {@link remarkContentChecks}. */
export interface ContentCheckOptions {
  /** The report's section slugs, which `/sections/<slug>/` links must name. */
  sectionSlugs: () => readonly string[];
  /** The site's base path; root-relative links in content get it prefixed. */
  base: string;
  /** The ids a link's `#fragment` may name, by section slug (headings, figures, tables, listings, equations). */
  anchors?: () => ReadonlyMap<string, ReadonlySet<string>>;
  /** The section slug of a file, or undefined for a page. */
  slugOf?: (file: VFile) => string | undefined;
}

function fail(file: VFile, line: number | undefined, problem: string, fix: string): never {
  throw new ContentError({ file: file.path, line, problem, fix });
}

function checkHeadings(tree: Root, file: VFile): void {
  // The page title is the h1, so content starts at h2 and never skips a level going down.
  let previous = 1;
  visit(tree, "heading", (heading: Heading) => {
    const line = heading.position?.start.line;
    if (heading.depth === 1) {
      fail(
        file,
        line,
        "a level-1 heading (#) in the text: the page title is already the page's only h1.",
        "use ## for the section's headings.",
      );
    }
    if (heading.depth > previous + 1) {
      fail(
        file,
        line,
        `the heading levels skip from h${previous} to h${heading.depth}.`,
        `use ${"#".repeat(previous + 1)} for this heading, so readers and screen readers see the outline correctly.`,
      );
    }
    previous = heading.depth;
  });
}

function checkImages(tree: Root, file: VFile): void {
  visit(tree, "image", (image: Image) => {
    if ((image.alt ?? "").trim() !== "") return;
    fail(
      file,
      image.position?.start.line,
      `the image ${image.url} has no alternative text.`,
      `describe the image between the brackets: ![what the image shows](${image.url}).`,
    );
  });
}

/**
 * A relative link to a file, as a paper split into sections writes it (`methods.md#sec-x`,
 * `data/table.csv`): a section file becomes its page's URL; any other file stops the build, since
 * the site publishes only its pages and images (naming the nearest files when it does not exist).
 */
function relativeFileLink(link: Link, file: VFile, slugs: readonly string[]): void {
  const url = link.url;
  if (url === "" || url.startsWith("#") || url.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(url)) return;
  const [target = "", fragment] = url.split("#", 2);
  const line = link.position?.start.line;
  const from = path.dirname(file.path ?? ".");
  const resolved = path.resolve(from, decodeURI(target.split("?")[0] ?? ""));
  if (/\.mdx?$/i.test(resolved)) {
    const slug = sectionSlug(resolved);
    if (slugs.includes(slug) && path.dirname(resolved) === from) {
      link.url = `/sections/${slug}/${fragment ? `#${fragment}` : ""}`;
      return;
    }
  }
  if (fs.existsSync(resolved)) {
    fail(
      file,
      line,
      `the link ${url} points to a file of the content folder, which the site does not publish (only its pages and images).`,
      "link to a section by its file name (methods.md), put the file in public/ and link to /its-name, or link to where it is published online.",
    );
  }
  const folder = path.dirname(resolved);
  const siblings = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
  const suggestion = nearestMatch(path.basename(resolved), siblings);
  fail(
    file,
    line,
    `the link ${url} points to a file that does not exist (looked for ${path.relative(process.cwd(), resolved)}).`,
    suggestion
      ? `did you mean ${path.posix.join(path.posix.dirname(target), suggestion)}? Paths are relative to the section file.`
      : `link to a section by its file name: one of ${slugs.map((slug) => `${slug}.md`).join(", ")}.`,
  );
}

/** Where a link's fragment may lead: the report's ids by section, and the section of the file linking. */
interface AnchorScope {
  anchors: ReadonlyMap<string, ReadonlySet<string>>;
  slug: string | undefined;
}

/**
 * A link to an id (`#sec-x`, `methods.md#sec-x`, `/sections/methods/#sec-x`) is checked against the
 * ids the report's sections have. A bare `#id` that names an id of another section (a paper split
 * into sections links as it did when it was one file) leads to that section's page; an id that is
 * nowhere stops the build, naming the nearest ids. The site's own ids (notes, references) pass.
 */
function checkAnchor(link: Link, file: VFile, scope: AnchorScope): void {
  const match = /^(?:\/sections\/([^/#?]+)\/?)?#(.+)$/.exec(link.url);
  if (!match) return;
  const id = decodeURIComponent(match[2] ?? "");
  if (isReservedId(id)) return;
  const target = match[1] ?? scope.slug;
  // A page's own headings are not in the report's analysis: a bare #id on a page is left to the page checks.
  if (target === undefined) return;
  if (scope.anchors.get(target)?.has(id)) return;
  const line = link.position?.start.line;
  if (match[1] === undefined) {
    const holders = [...scope.anchors].filter(([, ids]) => ids.has(id)).map(([slug]) => slug);
    if (holders.length === 1) {
      link.url = `/sections/${holders[0]}/#${match[2]}`;
      return;
    }
    if (holders.length > 1) {
      fail(
        file,
        line,
        `the link #${id} names an id that several sections have (${holders.join(", ")}).`,
        `say which one: ${holders.map((slug) => `${slug}.md#${id}`).join(" or ")}.`,
      );
    }
  }
  const near = [...(scope.anchors.get(target) ?? [])];
  const everywhere = [...scope.anchors.values()].flatMap((ids) => [...ids]);
  const suggestion = nearestMatch(id, near) ?? nearestMatch(id, everywhere);
  const known = near.slice(0, 8).map((name) => `#${name}`);
  fail(
    file,
    line,
    `the link ${link.url} points to no id of ${target === scope.slug ? "this section" : `the section ${target}`}${match[1] === undefined ? " or any other" : ""}.`,
    suggestion
      ? `did you mean #${suggestion}? ${known.length > 0 ? `Ids in ${target}: ${known.join(", ")}${near.length > known.length ? ", …" : ""}.` : ""}`.trim()
      : known.length > 0
        ? `link to one of ${known.join(", ")}, or give the heading the id: ## Title {#${id}}.`
        : `give the heading the id: ## Title {#${id}}.`,
  );
}

function checkAndRebaseLinks(
  tree: Root,
  file: VFile,
  slugs: readonly string[],
  base: string,
  scope: AnchorScope | undefined,
): void {
  visit(tree, "link", (link: Link) => {
    relativeFileLink(link, file, slugs);
    if (scope) checkAnchor(link, file, scope);
    if (!link.url.startsWith("/") || link.url.startsWith("//")) return;
    const section = /^\/sections\/([^/#?]+)/.exec(link.url)?.[1];
    if (section !== undefined && !slugs.includes(section)) {
      const suggestion = nearestMatch(section, slugs);
      fail(
        file,
        link.position?.start.line,
        `the link ${link.url} points to a section that does not exist.`,
        suggestion
          ? `did you mean /sections/${suggestion}/? Section URLs are their file names.`
          : `link to one of: ${slugs.map((slug) => `/sections/${slug}/`).join(", ")}.`,
      );
    }
    // Authors write site-root links; the site may live under a sub-path.
    link.url = `${normalizeBase(base)}${link.url.slice(1)}`;
  });
}

/**
 * A footnote reference with no note (`[^source]` and no `[^source]: ...`) is left as text by the
 * Markdown parser, so readers would see "[^source]": it stops the build, naming the notes there are.
 */
function checkFootnotes(tree: Root, file: VFile): void {
  const labels = new Set<string>();
  visit(tree, "footnoteDefinition", (definition: FootnoteDefinition) => {
    labels.add(definition.label ?? definition.identifier);
  });
  visit(tree, "text", (text: Text) => {
    const label = /\[\^([^\]\s]+)\]/.exec(text.value)?.[1];
    if (label === undefined) return;
    const suggestion = nearestMatch(label, labels);
    fail(
      file,
      text.position?.start.line,
      `the footnote [^${label}] has no note: no line "[^${label}]: ..." in this file.`,
      suggestion
        ? `did you mean [^${suggestion}]? Or write the note as "[^${label}]: The note." on a line of its own.`
        : `write the note as "[^${label}]: The note." on a line of its own, in the same file, after a blank line.`,
    );
  });
}

/** Checks the outline, images and internal links of content pages, and fixes root links for the base path. */
export function remarkContentChecks({ sectionSlugs, base, anchors, slugOf }: ContentCheckOptions) {
  return (tree: Root, file: VFile) => {
    checkHeadings(tree, file);
    checkImages(tree, file);
    checkFootnotes(tree, file);
    const scope = anchors ? { anchors: anchors(), slug: slugOf?.(file) } : undefined;
    checkAndRebaseLinks(tree, file, sectionSlugs(), base, scope);
  };
}
