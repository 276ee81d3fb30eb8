import fs from "node:fs";
import path from "node:path";
import type { Root } from "mdast";
import { ContentError, ContentErrors, type ContentProblem } from "../content-error.ts";
import { readContentFile } from "../content-files.ts";
import { parseMdxFile } from "../mdx-tree.ts";
import { loadReportMetadata, REPORT_FILE } from "../report-file.ts";
import { pageSchema } from "../schemas/page.ts";
import { sectionSchema } from "../schemas/section.ts";
import { PAGES_FOLDER, readMdxSource, SECTIONS_FOLDER, sectionSlug } from "../section-sources.ts";
import { parseYamlWithSchema, readYaml, splitFrontmatter } from "../yaml-file.ts";
import { checkMdxTree } from "./check-mdx-tree.ts";

/** Extensions of the content files whose text the site publishes: each must be UTF-8. */
export const TEXT_EXTENSIONS: readonly string[] = [".mdx", ".md", ".yaml", ".yml", ".bib", ".json", ".txt"];

/**
 * URLs the site's own routes take: a page in `pages/` with one of these names would be dropped
 * (or would replace a part of the site), so it is an error.
 */
export const RESERVED_PAGE_SLUGS: readonly string[] = [
  "index",
  "404",
  "sections",
  "report",
  "references",
  "instructors",
  "timeline",
  "cite",
  "print",
  "robots",
  "sitemap",
  "sitemap-index",
  "_astro",
];

interface MdxFile {
  file: string;
  kind: "section" | "page";
}

function parseProblem(file: string, error: unknown): ContentProblem {
  // A Markdown file's Pandoc syntax is read as it is parsed: its errors already name line and fix.
  if (error instanceof ContentError) return error.problem;
  const place = error as { message?: string; reason?: string; line?: number; column?: number };
  const reason = place.reason ?? place.message ?? String(error);
  const brace = /expression|acorn|`\{`/i.test(reason);
  return {
    file,
    line: place.line,
    problem: `the MDX cannot be read${place.column ? ` (column ${place.column})` : ""}: ${reason}`,
    fix: brace
      ? "a { starts code in MDX, and content may not run code: write \\{ and \\} for braces in the text."
      : "close every tag (<Timeline />), and write { and < as \\{ and &lt; where they are plain text.",
  };
}

/** True when the body has something a reader would see (a comment alone is not text). */
function hasText(tree: Root): boolean {
  return tree.children.some(
    (node) =>
      !(
        (node.type === "mdxFlowExpression" && node.data?.estree?.body.length === 0) ||
        node.type === "definition" ||
        node.type === "mdxjsEsm"
      ),
  );
}

/** Checks one section or page file: frontmatter, Markdown or MDX syntax, the content policy, some text. */
export function checkMdxFile({ file, kind }: MdxFile, source: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const split = splitFrontmatter(source);
  const schema = kind === "section" ? sectionSchema : pageSchema;
  if (split.yaml === undefined) {
    problems.push({
      file,
      line: 1,
      problem: "the file has no frontmatter (the block between --- lines with its title).",
      fix: `start the file with:\n---\ntitle: The title${kind === "section" ? "\norder: 1" : ""}\n---`,
    });
  } else {
    const yaml = readYaml(file, split.yaml, { firstLine: split.yamlStartLine });
    // Empty frontmatter is an empty mapping: its problems are the missing keys.
    const data = yaml.data ?? {};
    if (yaml.problems.length === 0 && (typeof data !== "object" || Array.isArray(data))) {
      problems.push({
        file,
        line: split.yamlStartLine,
        problem: "the frontmatter is not a list of `key: value` lines.",
        fix: "write one `key: value` per line, such as `title: Introduction`.",
      });
    } else {
      const wording = { knownKeys: Object.keys(schema.shape) };
      problems.push(...parseYamlWithSchema({ ...yaml, data }, schema, wording).problems);
    }
  }
  let tree: Root;
  try {
    // The body as the analysis reads it (one parse for both) when the frontmatter can be read.
    const body = (split.yaml === undefined ? undefined : readMdxSource(source)?.body) ?? split.body;
    tree = parseMdxFile(file, body);
  } catch (error) {
    return [...problems, parseProblem(file, error)];
  }
  problems.push(...checkMdxTree(tree, file));
  if (!hasText(tree)) {
    problems.push({
      file,
      problem: `the ${kind} has no text.`,
      fix: `write the ${kind}'s paragraphs below its frontmatter, or delete the file.`,
    });
  }
  return problems;
}

function textFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const full = path.join(entry.parentPath, entry.name);
    return entry.isFile() && TEXT_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) ? [full] : [];
  });
}

/**
 * Symbolic links in the content folder: the build reads only files that are inside the folder, and
 * a link may lead anywhere (a key, another project, /proc/self/environ).
 */
function linkProblems(contentDir: string): ContentProblem[] {
  return fs.readdirSync(contentDir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    if (!entry.isSymbolicLink()) return [];
    const file = path.join(entry.parentPath, entry.name);
    let target = "a missing file";
    try {
      target = fs.realpathSync(file);
    } catch {
      // A dangling link is refused all the same.
    }
    return [
      {
        file,
        problem: `the file is a symbolic link (to ${target}); the build reads only files that are in the content folder itself.`,
        fix: "copy the file into the content folder in place of the link.",
      },
    ];
  });
}

function routeProblems(files: readonly MdxFile[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const kind of ["section", "page"] as const) {
    const seen = new Map<string, string>();
    for (const { file } of files.filter((entry) => entry.kind === kind)) {
      const slug = sectionSlug(file);
      const url = kind === "section" ? `/sections/${slug}/` : `/${slug}/`;
      if (slug === "") {
        problems.push({
          file,
          problem: `the file name "${path.basename(file)}" has no Latin letter or digit, so it makes no URL.`,
          fix: "rename the file with Latin letters, digits and hyphens (such as about-this-edition.mdx).",
        });
        continue;
      }
      const first = seen.get(slug);
      if (first !== undefined) {
        problems.push({
          file,
          problem: `${path.basename(file)} and ${first} both map to the URL ${url}.`,
          fix: "rename one of the two files (URLs are made from file names: lowercase ASCII letters, digits and hyphens).",
        });
      }
      seen.set(slug, file);
      if (kind === "page" && RESERVED_PAGE_SLUGS.includes(slug)) {
        problems.push({
          file,
          problem: `the page's URL ${url} is taken by the site's own ${slug} page.`,
          fix: `rename the file (for example to ${slug}-notes.mdx).`,
        });
      }
    }
  }
  return problems;
}

/**
 * Checks every file of a content folder before anything compiles or renders it: all text files
 * are UTF-8; section and page files (.md or .mdx) have valid frontmatter, follow the content policy
 * (no code, no foreign hosts), have text, and map to distinct URLs that no site route takes.
 * Throws one error listing every problem.
 */
export function checkContentFolder(contentDir: string): void {
  if (!fs.existsSync(contentDir) || !fs.statSync(contentDir).isDirectory()) {
    throw new ContentError({
      file: contentDir,
      problem: fs.existsSync(contentDir)
        ? "the content folder (REPORT_CONTENT_DIR) is a file, not a folder."
        : "the content folder (REPORT_CONTENT_DIR) does not exist.",
      fix: "set REPORT_CONTENT_DIR to the folder holding report.yaml and sections/, or leave it unset to build ./content.",
    });
  }
  const problems: ContentProblem[] = linkProblems(contentDir);
  const sources = new Map<string, string>();
  for (const file of textFiles(contentDir)) {
    try {
      sources.set(file, readContentFile(file));
    } catch (error) {
      if (error instanceof ContentError) problems.push(error.problem);
      else throw error;
    }
  }
  const mdxFiles: MdxFile[] = [];
  for (const [folder, kind] of [
    [SECTIONS_FOLDER, "section"],
    [PAGES_FOLDER, "page"],
  ] as const) {
    const full = path.join(contentDir, folder);
    if (!fs.existsSync(full)) continue;
    for (const name of fs.readdirSync(full).sort()) {
      const file = path.join(full, name);
      if (/\.mdx?$/i.test(name)) mdxFiles.push({ file, kind });
    }
  }
  for (const entry of mdxFiles) {
    const source = sources.get(entry.file);
    if (source !== undefined) problems.push(...checkMdxFile(entry, source));
  }
  if (!mdxFiles.some((entry) => entry.kind === "section")) {
    problems.push({
      file: path.join(contentDir, SECTIONS_FOLDER),
      problem: "the report has no section: the sections folder holds no .mdx or .md file.",
      fix: `write the first section, such as ${path.join(SECTIONS_FOLDER, "introduction.mdx")} with a title and order in its frontmatter.`,
    });
  }
  problems.push(...routeProblems(mdxFiles));
  const reportFile = path.join(contentDir, REPORT_FILE);
  if (!problems.some((problem) => problem.file === reportFile)) {
    try {
      loadReportMetadata(contentDir);
    } catch (error) {
      if (error instanceof ContentErrors) problems.push(...error.problems);
      else if (error instanceof ContentError) problems.push(error.problem);
      else throw error;
    }
  }
  if (problems.length === 1 && problems[0]) throw new ContentError(problems[0]);
  if (problems.length > 1) throw new ContentErrors(problems);
}
