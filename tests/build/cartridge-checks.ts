import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { parse } from "yaml";
import { projectRoot } from "./build-helpers.ts";

/** The IMS CC 1.1 schemas (sources and licence in their README). */
export const CARTRIDGE_SCHEMAS = path.join(projectRoot, "tests/fixtures/common-cartridge-schemas");

/** What a built course package holds, and every problem found in it. */
export interface CartridgeReport {
  problems: string[];
  /** Every entry of the zip, with its size. */
  entries: { name: string; bytes: number }[];
  /** The titles of the discussion topics, in the outline's order. */
  topics: string[];
  /** The web-content pages (HTML files the manifest names). */
  pages: string[];
  /** Where the package was unzipped, for further checks. */
  folder: string;
}

/** xmllint's messages on a file against a schema of the fixture folder; [] when it is valid. */
function schemaProblems(file: string, schema: string, label: string): string[] {
  const result = spawnSync("xmllint", ["--noout", "--schema", path.join(CARTRIDGE_SCHEMAS, schema), file], {
    encoding: "utf8",
  });
  return result.status === 0 ? [] : [`${label} against ${schema}: ${result.stderr.trim()}`];
}

/** The values an XPath expression selects in a file, as xmllint prints them (attributes as name="value"). */
function xpathValues(file: string, expression: string): string[] {
  const result = spawnSync("xmllint", ["--xpath", expression, file], { encoding: "utf8" });
  // xmllint exits 10 when nothing matches.
  if (result.status !== 0) return [];
  return [...result.stdout.matchAll(/\w+="([^"]*)"/g)].map((match) => (match[1] ?? "").replace(/&amp;/g, "&"));
}

function xpathString(file: string, expression: string): string {
  return execFileSync("xmllint", ["--xpath", expression, file], { encoding: "utf8" }).replace(/\n$/, "");
}

/** Attributes through which a page loads something (a link that is followed is not a load). */
const LOADING = ["src", "srcSet", "poster", "data"] as const;

/** The ids of an HTML file of the package, as a browser parses them. */
function idsOf(file: string): Set<string> {
  const ids = new Set<string>();
  visit(fromHtml(fs.readFileSync(file, "utf8")), "element", (element: Element) => {
    if (typeof element.properties["id"] === "string") ids.add(element.properties["id"]);
  });
  return ids;
}

function pageProblems(folder: string, page: string, entries: Set<string>): string[] {
  const problems: string[] = [];
  const html = fs.readFileSync(path.join(folder, page), "utf8");
  const tree = fromHtml(html);
  const ids = idsOf(path.join(folder, page));
  visit(tree, "element", (element: Element) => {
    for (const attribute of [...LOADING, "href"] as const) {
      const value = element.properties[attribute];
      if (typeof value !== "string" && !Array.isArray(value)) continue;
      const url = Array.isArray(value) ? value.join(" ") : value;
      const external = /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//");
      const loads = attribute !== "href" || element.tagName === "link";
      if (external) {
        if (loads && !url.startsWith("data:"))
          problems.push(`${page}: <${element.tagName}> loads ${url} from another host`);
        continue;
      }
      if (url.startsWith("#")) {
        if (!ids.has(decodeURIComponent(url.slice(1)))) problems.push(`${page}: ${url} names no element of the page`);
        continue;
      }
      const [target = "", fragment] = url.split("#");
      const entry = path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURIComponent(target)));
      if (!entries.has(entry)) {
        problems.push(`${page}: ${url} is not in the package`);
      } else if (fragment && entry.endsWith(".html")) {
        if (!idsOf(path.join(folder, entry)).has(decodeURIComponent(fragment)))
          problems.push(`${page}: ${url} names no element of ${entry}`);
      }
    }
  });
  for (const style of html.matchAll(/url\(\s*["']?(?!data:)([a-z][a-z0-9+.-]*:[^"')]*)/gi))
    problems.push(`${page}: a stylesheet loads ${style[1]}`);
  if (/<script\b/i.test(html)) problems.push(`${page}: holds a script`);
  return problems;
}

/**
 * Opens the course package a build wrote (`<outDir>/*.imscc`) and checks it as an LMS would read it:
 * the manifest and every discussion topic and web link against the IMS CC 1.1 schemas (xmllint),
 * every file the manifest names present and every file present named, every page's links and
 * images inside the package (or links to other sites), nothing loaded from another host.
 */
export function checkCartridge(outDir: string): CartridgeReport {
  const packages = fs.readdirSync(outDir).filter((name) => name.endsWith(".imscc"));
  if (packages.length !== 1) {
    return {
      problems: [`${outDir} holds ${packages.length} .imscc files`],
      entries: [],
      topics: [],
      pages: [],
      folder: "",
    };
  }
  const zip = unzipSync(fs.readFileSync(path.join(outDir, packages[0] ?? "")));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cartridge-"));
  const entries = Object.entries(zip)
    .filter(([name]) => !name.endsWith("/"))
    .map(([name, bytes]) => {
      fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      fs.writeFileSync(path.join(folder, name), bytes);
      return { name, bytes: bytes.length };
    });
  const names = new Set(entries.map((entry) => entry.name));
  const manifest = path.join(folder, "imsmanifest.xml");
  if (!names.has("imsmanifest.xml"))
    return { problems: ["no imsmanifest.xml"], entries, topics: [], pages: [], folder };

  const problems = schemaProblems(manifest, "ccv1p1_imscp_v1p2_v1p0.xsd", "imsmanifest.xml");
  // Moodle tells a CC 1.1 package by its manifest's first 500 bytes, lowercased, without white
  // space and quotes (backup/converter/imscc11/lib.php, detect_format).
  const opening = fs
    .readFileSync(manifest)
    .subarray(0, 500)
    .toString("latin1")
    .toLowerCase()
    .replace(/\s|["']/g, "");
  if (!opening.includes("xmlns=http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"))
    problems.push("Moodle would not recognise the package: no CC 1.1 namespace in the manifest's first 500 bytes");
  const resourceFiles = (type: string) =>
    xpathValues(manifest, `//*[local-name()='resource'][@type='${type}']/*[local-name()='file']/@href`);
  const named = new Set(xpathValues(manifest, "//*[local-name()='file']/@href"));
  for (const file of named) if (!names.has(file)) problems.push(`the manifest names ${file}, which the package lacks`);
  for (const name of names)
    if (name !== "imsmanifest.xml" && !named.has(name))
      problems.push(`${name} is in the package but no resource names it`);
  const strays = xpathString(
    manifest,
    "count(//*[local-name()='resource'][@href][not(*[local-name()='file']/@href = @href)])",
  );
  if (strays !== "0") problems.push(`${strays} resources open a file they do not list`);
  for (const file of resourceFiles("imsdt_xmlv1p1"))
    problems.push(...schemaProblems(path.join(folder, file), "ccv1p1_imsdt_v1p1.xsd", file));
  for (const file of resourceFiles("imswl_xmlv1p1"))
    problems.push(...schemaProblems(path.join(folder, file), "ccv1p1_imswl_v1p1.xsd", file));
  const pages = resourceFiles("webcontent").filter((file) => file.endsWith(".html") && file.startsWith("pages/"));
  // A page the package lacks is reported above, as a file the manifest names.
  for (const page of pages.filter((file) => names.has(file))) problems.push(...pageProblems(folder, page, names));
  const topics = resourceFiles("imsdt_xmlv1p1").map((file) =>
    xpathString(path.join(folder, file), "string(//*[local-name()='title'])"),
  );
  return { problems, entries, topics, pages, folder };
}

/** The discussion questions of a content folder's sections, read from their frontmatter as written. */
export function questionsOf(contentDir: string): string[] {
  const sections = path.join(contentDir, "sections");
  return fs
    .readdirSync(sections)
    .filter((name) => name.endsWith(".mdx"))
    .flatMap((name) => {
      const text = fs.readFileSync(path.join(sections, name), "utf8");
      const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
      const questions = (parse(frontmatter) as { questions?: string[] } | null)?.questions;
      return questions ?? [];
    });
}
