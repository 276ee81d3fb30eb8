import { fromHtml } from "hast-util-from-html";
import { describe, expect, it } from "vitest";
import { toXhtml } from "../../../../src/lib/editions/epub/xhtml.ts";

const fragment = (html: string) => fromHtml(html, { fragment: true });

describe("toXhtml", () => {
  it("closes void elements, quotes and escapes every attribute and drops comments", () => {
    const xhtml = toXhtml(
      fragment('<p class="a b" title=\'say "hi" & <go>\'>x &amp; y<br><img src="i.png" alt=""><!-- note --></p>'),
    );
    expect(xhtml).toBe(
      '<p class="a b" title="say &quot;hi&quot; &amp; &lt;go&gt;">x &amp; y<br/><img src="i.png" alt=""/></p>',
    );
  });

  it("writes boolean attributes with a value and aria/data names as in HTML", () => {
    expect(toXhtml(fragment('<a href="#x" download aria-hidden="true" data-footnote-ref>1</a>'))).toBe(
      '<a href="#x" download="" aria-hidden="true" data-footnote-ref="">1</a>',
    );
  });

  it("puts SVG and MathML in their namespaces and keeps SVG's camel-case attributes", () => {
    const xhtml = toXhtml(fragment('<svg viewBox="0 0 2 2"><rect width="1"></rect></svg><math><mi>x</mi></math>'));
    expect(xhtml).toBe(
      '<svg viewBox="0 0 2 2" xmlns="http://www.w3.org/2000/svg"><rect width="1"/></svg><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>',
    );
  });

  it("is well-formed XML for a real page's worth of markup", () => {
    const xhtml = toXhtml(fragment("<ul><li>one<li>two</ul><p>a<p>b <input disabled>"));
    expect(xhtml).toBe('<ul><li>one</li><li>two</li></ul><p>a</p><p>b <input disabled=""/></p>');
  });
});
