import { describe, expect, it } from "vitest";
import {
  hyphenateText,
  hyphenationPatternName,
  keepHyphenMins,
  loadHyphenator,
  SOFT_HYPHEN,
} from "../../../src/lib/pdf/hyphenation.ts";

const english = loadHyphenator("en");
const shown = (text: string) => text.replaceAll(SOFT_HYPHEN, "-");

// Plain TeX's \showhyphens with the US English patterns (TeX Live 2022) printed:
//   as-so-ci-a-tions psy-chother-a-peu-tic clear-ing-houses or-ga-ni-za-tions char-ac-ter-ized
//   in-dus-tri-al-ized Myas-the-nia in-ter-na-tional
// The same break points with at least 3 letters on each side are what the PDF may use.
const TEX = [
  ["associations", "asso-ci-a-tions"],
  ["psychotherapeutic", "psy-chother-a-peu-tic"],
  ["clearinghouses", "clear-ing-houses"],
  ["organizations", "orga-ni-za-tions"],
  ["characterized", "char-ac-ter-ized"],
  ["industrialized", "indus-tri-al-ized"],
  ["Myasthenia", "Myas-the-nia"],
  ["international", "inter-na-tional"],
] as const;

describe("hyphenation from TeX's patterns", () => {
  it("finds patterns for a language tag, its primary language, or none", () => {
    expect(hyphenationPatternName("en")).toBe("en-us");
    expect(hyphenationPatternName("en-GB")).toBe("en-gb");
    expect(hyphenationPatternName("de-AT")).toBe("de-1996");
    expect(hyphenationPatternName("fr-CA")).toBe("fr");
    expect(hyphenationPatternName("tlh")).toBeUndefined();
    expect(loadHyphenator("tlh")).toBeUndefined();
  });

  it("breaks words where TeX does, keeping 3 letters either side", () => {
    expect(english).toBeDefined();
    for (const [word, expected] of TEX) expect(shown(english?.(word) ?? "")).toBe(expected);
  });

  it("drops breaks too near a word's edge, counting from hard hyphens too", () => {
    expect(shown(keepHyphenMins(`a${SOFT_HYPHEN}mong${SOFT_HYPHEN}st`))).toBe("amongst");
    expect(shown(keepHyphenMins(`self-sup${SOFT_HYPHEN}port`))).toBe("self-sup-port");
    expect(shown(keepHyphenMins(`self-re${SOFT_HYPHEN}liant`))).toBe("self-reliant");
  });

  it("never touches URLs, DOIs, e-mail addresses, citation keys, numbers or short words", () => {
    if (!english) throw new Error("no English patterns");
    const text =
      "See https://doi.org/10.1080/07357907.2020.1863422, write to helpdesk@example.org, cite @borkman2020 or li_2020 in 1980s.";
    expect(hyphenateText(text, english)).toBe(text);
    expect(hyphenateText("the group", english)).toBe("the group");
  });

  it("hyphenates words inside punctuation and keeps a paragraph's last word whole", () => {
    if (!english) throw new Error("no English patterns");
    expect(shown(hyphenateText("“hopeless organizations”", english))).toBe("“hope-less orga-ni-za-tions”");
    expect(shown(hyphenateText("international organizations", english, true))).toBe("inter-na-tional organizations");
  });

  it("never breaks a capitalised word (a name, or a sentence's first word), as LaTeX's \\uchyph=0", () => {
    if (!english) throw new Error("no English patterns");
    expect(shown(hyphenateText("Myasthenia Gravis Foundation supports organizations", english))).toBe(
      "Myasthenia Gravis Foundation sup-ports orga-ni-za-tions",
    );
    expect(shown(hyphenateText("Organizations of Alcoholics", english))).toBe("Organizations of Alcoholics");
  });
});
