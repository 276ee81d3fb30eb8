import fc from "fast-check";
import { toString as mdastToString } from "mdast-util-to-string";
import { describe, expect, test } from "vitest";
import { ContentError } from "../../../../src/lib/content/content-error.ts";
import { parseMarkdown } from "../../../../src/lib/content/markdown-tree.ts";
import { readAlgorithm } from "../../../../src/lib/content/pandoc/algorithm.ts";

const EUCLID = String.raw`\begin{algorithm}
\caption{Euclid's algorithm for $\gcd(a, b)$}
\label{alg:euclid}
\begin{algorithmic}[1]
\Require $a \ge 0$ % a comment is dropped
\Procedure{Euclid}{$a, b$}
  \While{$b \neq 0$} \Comment{loop}
    \State $r \gets a \bmod b$
  \EndWhile
  \If{$a > 1$}
    \State \Return \Call{Twice}{$a$}
  \ElsIf{$a = 1$}
    \State \textbf{stop}
  \Else
    \STATE \RETURN 0
  \EndIf
\EndProcedure
\end{algorithmic}
\end{algorithm}`;

function problemOf(markdown: string): { line: number | undefined; problem: string; fix: string } {
  try {
    parseMarkdown(markdown, "s.md");
  } catch (error) {
    if (error instanceof ContentError) return error.problem as never;
    throw error;
  }
  throw new Error("no error");
}

describe("LaTeX algorithms", () => {
  test("an algorithm float is read into its caption, label and nested steps, keywords in bold", () => {
    const algorithm = readAlgorithm(EUCLID);
    expect(algorithm.caption).toBe("Euclid's algorithm for $\\gcd(a, b)$");
    expect(algorithm.label).toBe("alg:euclid");
    expect(algorithm.lines).toEqual([
      { depth: 0, markdown: "**Require:** $a \\ge 0$" },
      { depth: 0, markdown: "**procedure** Euclid($a, b$)" },
      { depth: 1, markdown: "**while** $b \\neq 0$ **do** ▷ loop" },
      { depth: 2, markdown: "$r \\gets a \\bmod b$" },
      { depth: 1, markdown: "**end while**" },
      { depth: 1, markdown: "**if** $a > 1$ **then**" },
      { depth: 2, markdown: "**return** Twice($a$)" },
      { depth: 1, markdown: "**else if** $a = 1$ **then**" },
      { depth: 2, markdown: "**stop**" },
      { depth: 1, markdown: "**else**" },
      { depth: 2, markdown: "**return** 0" },
      { depth: 1, markdown: "**end if**" },
      { depth: 0, markdown: "**end procedure**" },
    ]);
  });

  test("every block's end stands at its opening's depth, however the blocks nest", () => {
    type Block = { kind: "If" | "For" | "While"; body: Block[] };
    const block: fc.Memo<Block> = fc.memo((depth) =>
      fc.record({
        kind: fc.constantFrom("If" as const, "For" as const, "While" as const),
        body: depth > 1 ? fc.array(block(depth - 1), { maxLength: 3 }) : fc.constant([]),
      }),
    );
    const write = (item: Block): string =>
      `\\${item.kind}{$x$}\n\\State $y$\n${item.body.map(write).join("")}\\End${item.kind}\n`;
    fc.assert(
      fc.property(fc.array(block(4), { minLength: 1, maxLength: 3 }), (blocks) => {
        const { lines } = readAlgorithm(`\\begin{algorithmic}\n${blocks.map(write).join("")}\\end{algorithmic}`);
        const open: number[] = [];
        for (const line of lines) {
          if (/^\*\*(?:if|for|while)\*\*/.test(line.markdown)) open.push(line.depth);
          else if (line.markdown.startsWith("**end ")) expect(line.depth).toBe(open.pop());
          else expect(line.depth).toBe((open.at(-1) ?? -1) + 1);
        }
        expect(open).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test("raw in the text, in a {=latex} block or in $$: one numbered <Algorithm>, nothing left as TeX", () => {
    for (const markdown of [
      `Before.\n\n${EUCLID}\n\nAfter.\n`,
      `Before.\n\n\`\`\`{=latex}\n${EUCLID}\n\`\`\`\n\nAfter.\n`,
      `Before.\n\n$$\n${EUCLID}\n$$\n\nAfter.\n`,
    ]) {
      const tree = parseMarkdown(markdown, "s.md");
      const [, algorithm] = tree.children as unknown as Array<{ name?: string; attributes?: unknown[] }>;
      expect(algorithm?.name, markdown).toBe("Algorithm");
      expect(algorithm?.attributes).toEqual([{ type: "mdxJsxAttribute", name: "id", value: "alg:euclid" }]);
      expect(mdastToString(tree)).not.toMatch(/\\(?:begin|State|Procedure|caption)/);
      expect(mdastToString(tree)).toContain("After.");
    }
  });

  test("a command that cannot be shown stops the build at its line; page layout in {=latex} is left out", () => {
    expect(
      problemOf(
        "Text.\n\n\\begin{algorithm}\n\\begin{algorithmic}\n\\State $x$\n\\State \\fancything{y}\n\\end{algorithmic}\n\\end{algorithm}\n",
      ),
    ).toMatchObject({ line: 6, problem: expect.stringMatching(/\\fancything in the algorithm cannot be shown/) });
    expect(parseMarkdown("```{=latex}\n\\newpage\n\\vspace{2em}\n```\n\nText.\n", "s.md").children).toHaveLength(1);
    expect(problemOf("Text.\n\n```{=latex}\n\\begin{tikzpicture}\n\\end{tikzpicture}\n```\n")).toMatchObject({
      line: 3,
      problem: expect.stringMatching(/raw LaTeX block/),
    });
  });
});
