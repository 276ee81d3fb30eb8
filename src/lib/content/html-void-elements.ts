/**
 * HTML's void elements (WHATWG HTML, 13.1.2): they have no content and no end tag, so an opening tag
 * of one opens nothing, and XHTML writes an empty one as `<br/>`.
 */
export const HTML_VOID_ELEMENTS: ReadonlySet<string> = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
