import type { Root } from "mdast";
import type { VFile } from "vfile";
import { ContentError, ContentErrors } from "../content/content-error.ts";
import { checkMdxTree } from "../content/policy/check-mdx-tree.ts";

/**
 * Refuses content that breaks the content policy (see allowlist.ts) before any other plugin or the
 * MDX compiler turns it into code. The build checks every file earlier (check-content-folder.ts);
 * this catches a file edited while `astro dev` runs.
 */
export function remarkContentPolicy() {
  return (tree: Root, file: VFile) => {
    const problems = checkMdxTree(tree, file.path);
    if (problems.length === 1 && problems[0]) throw new ContentError(problems[0]);
    if (problems.length > 1) throw new ContentErrors(problems);
  };
}
