import fc from "fast-check";
import { trickyUrl } from "./tricky-urls.ts";

/**
 * Text that tries to become markup: HTML that runs or loads (script, handlers, javascript: links,
 * styles), the mini-markup citeproc reads inside fields (<i>, <b>, <sc>, <sup>, <span style> ...),
 * entities that decode to markup, quotes that would end an attribute, and TeX commands that read
 * as formatting. For every place where data (a bibliography field, a citation's prefix) reaches HTML.
 */
const hostilePiece = fc.oneof(
  fc.constantFrom(
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<a href=javascript:alert(1)>x</a>",
    '<span style="background:url(https://evil.example/x)">s</span>',
    '<span style="font-variant:small-caps;">sc</span>',
    '<span class="nocase">nc</span>',
    '<span class="nodecor">nd</span>',
    "<i>it</i>",
    "<b>bold</b>",
    "<sc>small</sc>",
    "<sup>up</sup>",
    "<sub>down</sub>",
    "<i>unclosed",
    "</span></a></i>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "&quot; onmouseover=&quot;alert(1)",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "<!-- c -->",
    "<![CDATA[x]]>",
    "\\textit{it}",
    "\\href{javascript:alert(1)}{x}",
    "\\url{javascript:alert(1)}",
    "$x^2$",
    "&amp;",
    "&",
    "<",
    ">",
    "\u0000",
    "\u202e",
  ),
  trickyUrl,
  fc.string({ maxLength: 8 }),
);

/** A field's text: plain words around hostile pieces. */
export const hostileText = fc
  .array(fc.oneof(hostilePiece, fc.constantFrom("A", "word", " ", "Title: sub")), { minLength: 1, maxLength: 5 })
  .map((pieces) => pieces.join(""));
