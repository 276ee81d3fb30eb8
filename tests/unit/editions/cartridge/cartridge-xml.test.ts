import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  authorVcard,
  type CartridgeManifest,
  characterXmlCannotCarry,
  discussionTopicXml,
  manifestXml,
  webLinkXml,
  XmlCharacterError,
} from "../../../../src/lib/editions/cartridge/cartridge-xml.ts";

// The IMS CC 1.1 schemas as Moodle's importer validates with them (tests/fixtures/common-cartridge-schemas/README.md).
const SCHEMAS = path.resolve(import.meta.dirname, "../../../fixtures/common-cartridge-schemas");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cartridge-xml-"));

/** xmllint's verdict on a document against a schema: "" when valid, its messages otherwise. */
function schemaErrors(xml: string, schema: string): string {
  const file = path.join(scratch, "document.xml");
  fs.writeFileSync(file, xml);
  const result = spawnSync("xmllint", ["--noout", "--schema", path.join(SCHEMAS, schema), file], { encoding: "utf8" });
  return result.status === 0 ? "" : result.stderr;
}

/** What xmllint reads back from a document with an XPath expression (the oracle for escaping). */
function xpath(xml: string, expression: string): string {
  const file = path.join(scratch, "read.xml");
  fs.writeFileSync(file, xml);
  // xmllint ends what it prints with one line break of its own.
  return execFileSync("xmllint", ["--xpath", expression, file], { encoding: "utf8" }).replace(/\n$/, "");
}

// Any text XML can carry: every Unicode scalar value but the control characters XML 1.0 refuses.
const xmlText = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 40 })
  .filter((text) => characterXmlCannotCarry(text) === undefined);
const identifier = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);

const manifest = (overrides: Partial<CartridgeManifest> = {}): CartridgeManifest => ({
  identifier: "cartridge-1",
  metadata: {
    title: "Report",
    language: "en",
    description: "Summary.",
    keywords: [],
    authors: [],
    date: "2026-11-26",
    rights: "CC BY 4.0",
    restricted: true,
  },
  items: [
    { identifier: "report", title: "Report", items: [{ identifier: "item-1", title: "One", resource: "page-1" }] },
  ],
  resources: [{ identifier: "page-1", type: "webcontent", href: "pages/one.html", files: ["pages/one.html"] }],
  ...overrides,
});

describe("the manifest", () => {
  it("is valid IMS CC 1.1 for any title, summary, keywords, authors and outline", () => {
    fc.assert(
      fc.property(
        xmlText,
        xmlText,
        fc.array(xmlText, { maxLength: 3 }),
        fc.array(fc.record({ family: xmlText, given: fc.option(xmlText, { nil: undefined }) }), { maxLength: 3 }),
        fc.uniqueArray(identifier, { minLength: 1, maxLength: 5 }),
        (title, description, keywords, authors, ids) => {
          const xml = manifestXml(
            manifest({
              metadata: { ...manifest().metadata, title, description, keywords, authors },
              items: [
                {
                  identifier: "report",
                  title,
                  items: ids.map((id) => ({ identifier: `item-${id}`, title, resource: `res-${id}` })),
                },
              ],
              resources: ids.map((id) => ({
                identifier: `res-${id}`,
                type: "webcontent" as const,
                href: `pages/${id}.html`,
                files: [`pages/${id}.html`],
              })),
            }),
          );
          expect(schemaErrors(xml, "ccv1p1_imscp_v1p2_v1p0.xsd")).toBe("");
          expect(xpath(xml, "string(//*[local-name()='general']/*[local-name()='title']/*)")).toBe(title);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("names an author only when the report names one, each as a vCard with the name escaped", () => {
    const none = manifestXml(manifest());
    expect(schemaErrors(none, "ccv1p1_imscp_v1p2_v1p0.xsd")).toBe("");
    expect(xpath(none, "count(//*[local-name()='entity'])")).toBe("0");
    expect(xpath(none, "string(//*[local-name()='contribute']/*[local-name()='date'])")).toBe("2026-11-26");
    const author = { given: "Ada; A.", family: "Lovelace, Countess", affiliation: "Analytical Engines" };
    const named = manifestXml(manifest({ metadata: { ...manifest().metadata, authors: [author] } }));
    expect(schemaErrors(named, "ccv1p1_imscp_v1p2_v1p0.xsd")).toBe("");
    const vcard = xpath(named, "string(//*[local-name()='entity'])");
    // RFC 2426: ',' and ';' in a value are escaped with a backslash.
    expect(vcard.split("\n")).toEqual(
      expect.arrayContaining(["FN:Ada\\; A. Lovelace\\, Countess", "N:Lovelace\\, Countess;Ada\\; A.;;;"]),
    );
    expect(vcard).toBe(authorVcard(author));
  });

  it("refuses a text XML cannot carry, naming it, rather than write a file no LMS can read", () => {
    expect(characterXmlCannotCarry("bell\u0007")).toBe("U+0007");
    expect(characterXmlCannotCarry("tab\tand\nlines, “quotes” and 😀")).toBeUndefined();
    expect(() => manifestXml(manifest({ metadata: { ...manifest().metadata, title: "A\u0001B" } }))).toThrow(
      XmlCharacterError,
    );
  });
});

describe("discussion topics and web links", () => {
  it("a topic is valid imsdt 1.1 and carries its HTML back exactly, whatever it holds", () => {
    fc.assert(
      fc.property(xmlText, xmlText, (title, text) => {
        const html = `<p>${text}</p>`;
        const xml = discussionTopicXml(title, html);
        expect(schemaErrors(xml, "ccv1p1_imsdt_v1p1.xsd")).toBe("");
        expect(xpath(xml, "string(//*[local-name()='text'])")).toBe(html);
        expect(xpath(xml, "string(//*[local-name()='title'])")).toBe(title);
      }),
      { numRuns: 20 },
    );
  });

  it("a web link is valid imswl 1.1 and keeps its address as written", () => {
    const url = 'https://example.edu/report/?a=1&b="2"';
    const xml = webLinkXml("The report online", url);
    expect(schemaErrors(xml, "ccv1p1_imswl_v1p1.xsd")).toBe("");
    expect(xpath(xml, "string(//*[local-name()='url']/@href)")).toBe(url);
  });
});
