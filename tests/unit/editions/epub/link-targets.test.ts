import { describe, expect, it } from "vitest";
import { retargetHref, setHref } from "../../../../src/lib/editions/epub/link-targets.ts";

describe("retargetHref", () => {
  const targets = {
    base: "/r/",
    siteOrigin: "https://example.edu",
    fileOfId: new Map([
      ["p-one", "intro.xhtml"],
      ["ref-a", "references.xhtml"],
    ]),
    targetOfPath: new Map([
      ["sections/intro/", "intro.xhtml"],
      ["references/", "references.xhtml"],
    ]),
    currentFile: "intro.xhtml",
  };

  it("turns a fragment of the report page into a link to the document that holds it", () => {
    expect(retargetHref("#ref-a", targets)).toBe("references.xhtml#ref-a");
    expect(retargetHref("#p-one", targets)).toBe("#p-one");
  });

  it("maps site pages the edition holds to their document, with or without a fragment", () => {
    expect(retargetHref("/r/sections/intro/", targets)).toBe("intro.xhtml");
    expect(retargetHref("/r/references/#ref-a", targets)).toBe("references.xhtml#ref-a");
  });

  it("without the site's address, a page the edition does not hold is left unlinked, never guessed", () => {
    const siteless = { ...targets, siteOrigin: undefined };
    expect(retargetHref("/r/instructors/", siteless)).toBeUndefined();
    expect(retargetHref("/r/sections/intro/", siteless)).toBe("intro.xhtml");
    expect(retargetHref("https://doi.org/10.1/x", siteless)).toBe("https://doi.org/10.1/x");
  });

  it("percent-encodes ids that hold characters a URI may not, as citation keys can", () => {
    const odd = {
      ...targets,
      fileOfId: new Map([
        ["ref-mur%ray", "references.xhtml"],
        ["ref-glas#how", "references.xhtml"],
        ["ref-spring?er", "references.xhtml"],
        ["ref-a<b", "references.xhtml"],
      ]),
    };
    expect(retargetHref("#ref-mur%25ray", odd)).toBe("references.xhtml#ref-mur%25ray");
    expect(retargetHref("#ref-glas%23how", odd)).toBe("references.xhtml#ref-glas%23how");
    expect(retargetHref("/r/references/#ref-spring%3Fer", odd)).toBe("references.xhtml#ref-spring%3Fer");
    expect(retargetHref("#ref-a%3Cb", odd)).toBe("references.xhtml#ref-a%3Cb");
    expect(retargetHref("#100%", odd)).toBe("https://example.edu/r/report/#100%");
  });

  it("sends other site pages to the site and keeps links to other hosts", () => {
    expect(retargetHref("/r/instructors/", targets)).toBe("https://example.edu/r/instructors/");
    expect(retargetHref("/r/timeline/#event-1935", targets)).toBe("https://example.edu/r/timeline/#event-1935");
    expect(retargetHref("https://doi.org/10.1/x", targets)).toBe("https://doi.org/10.1/x");
    expect(retargetHref("mailto:a@b.c", targets)).toBe("mailto:a@b.c");
  });
});

describe("setHref", () => {
  it("sets the target of a link that has one", () => {
    const link = {
      tagName: "a",
      properties: { href: "/r/x/", className: ["timeline-link"] } as Record<string, unknown>,
    };
    setHref(link, "https://example.edu/r/x/");
    expect(link).toEqual({
      tagName: "a",
      properties: { href: "https://example.edu/r/x/", className: ["timeline-link"] },
    });
  });

  it("makes a link without a target the text it holds: a span keeping only its id, class and language", () => {
    const link = {
      tagName: "a",
      properties: { href: "/r/x/", id: "m", className: ["c"], lang: "fr", rel: "x", ariaLabel: "y", download: true },
    };
    setHref(link, undefined);
    expect(link).toEqual({ tagName: "span", properties: { id: "m", className: ["c"], lang: "fr" } });
  });
});
