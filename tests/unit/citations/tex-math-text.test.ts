import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createCitationEngine } from "../../../src/lib/citations/citation-engine.ts";
import { readBibtex } from "../../../src/lib/citations/read-bibtex.ts";
import { mathSpacedForParser, spacedMath } from "../../../src/lib/citations/tex-math-text.ts";

/** Each title's reference, from one engine: an engine costs seconds on a loaded machine. */
function titles(...texs: string[]): string[] {
  const bib = texs
    .map(
      (tex, index) => `@article{a${index}, author = {A${index}, B.}, title = {${tex}}, journal = {J}, year = {2023}}`,
    )
    .join("\n");
  const reading = readBibtex("refs.bib", bib);
  expect(reading.problems).toEqual([]);
  const entries = createCitationEngine(reading.items).formatBibliography(texs.map((_tex, index) => `a${index}`));
  return entries.map((entry) => entry.text.replace(/[\u00a0\u202f]/g, " "));
}

describe("TeX math in a title, as INSPIRE-HEP exports it (pyhf's bibliography)", () => {
  test("a relation is spaced as a word, a spacing command is a space, \\bar and a prime are kept", () => {
    const [arrows, tie, thin, bar, prime] = titles(
      String.raw`Axion-like particles in $H\rightarrow a a \rightarrow 4\gamma$ decays`,
      String.raw`Collisions at $\sqrt{s} = 13~\text{TeV}$ using ATLAS`,
      String.raw`Collisions in \(\sqrt{s} = 13\,\text{TeV}\) \(pp\) collisions`,
      String.raw`Evidence for $B^{+}\to K^{+}\nu\bar{\nu}$ decays`,
      "Hadronic Mono-$W'$ probes",
    );
    expect(arrows).toContain("in H → aa → 4γ decays");
    expect(tie).toContain("at √s = 13 TeV using");
    expect(thin).toContain("in √s = 13 TeV pp collisions");
    expect(bar).toContain("B+ → K+νν̄ decays");
    expect(prime).toContain("mono-W′ probes");
  });

  test("text outside math, an escaped dollar and a formula's own edges are left alone", () => {
    expect(mathSpacedForParser(String.raw`costs \$5 = \$5 and $\to$ here`)).toBe(
      String.raw`costs \$5 = \$5 and $\to$ here`,
    );
    expect(spacedMath(" \\sqrt{s} ")).toBe("\\sqrt{s}");
  });

  test("every relation between two symbols has a space on each side, whatever spacing TeX wrote", () => {
    const symbol = fc.constantFrom("a", "b", "x", "\\nu", "\\gamma", "4");
    const relation = fc.constantFrom("=", "<", ">", "\\to", "\\rightarrow", "\\leq", "\\approx");
    const space = fc.constantFrom("", " ", "  ");
    fc.assert(
      fc.property(symbol, space, relation, space, symbol, (left, before, rel, after, right) => {
        // TeX reads "\\to" and a letter after it as one command name: a space must part them.
        const parted = after === "" && rel.startsWith("\\") && /^[a-z]/i.test(right) ? " " : after;
        const spaced = spacedMath(`${left}${before}${rel}${parted}${right}`);
        expect(spaced).toBe(`${left}\u00a0${rel}\u00a0${right}`);
      }),
    );
  });
});
