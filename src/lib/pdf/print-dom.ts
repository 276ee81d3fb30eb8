/**
 * What the PDF step changes on the full report page before printing, in the page only (never in
 * the built HTML, so the text people read and copy on the web stays as it is). Each function runs
 * inside the browser through Playwright and is self-contained.
 */

/** Text that never gets hyphens: links (citations, URLs), code, headings, references, captions of data. */
export const NO_HYPHENS_SELECTOR = [
  "a",
  "code",
  "pre",
  "kbd",
  "samp",
  "var",
  "math",
  "svg",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "time",
  ".citation",
  ".reference-list",
  ".timeline",
  "[translate='no']",
].join(", ");

/** A text node's text, and whether it is the last text of its paragraph (or item, or caption). */
export interface HyphenatableText {
  text: string;
  endsParagraph: boolean;
}

/**
 * Collects the text nodes of the report's running text that may be hyphenated, keeps them on the
 * page (as `window.__hyphenNodes`) and returns their text.
 */
export function collectHyphenatableText(exclude: string): HyphenatableText[] {
  const holder = window as unknown as { __hyphenNodes?: Text[] };
  const nodes: Text[] = [];
  for (const root of document.querySelectorAll("main .prose, main figcaption")) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      if (!text.data.trim() || text.parentElement?.closest(exclude)) continue;
      if (!nodes.includes(text)) nodes.push(text);
    }
  }
  holder.__hyphenNodes = nodes;
  // The last visible words of a block: a hidden paragraph link after them does not count.
  const blocks = "p, li, dd, dt, figcaption, blockquote, td, th";
  const lastOfBlock = new Map<Element, Text>();
  for (const node of nodes) {
    const block = node.parentElement?.closest(blocks);
    const parent = node.parentElement;
    if (block && parent && parent.getClientRects().length > 0) lastOfBlock.set(block, node);
  }
  const lastTexts = new Set(lastOfBlock.values());
  return nodes.map((node) => ({ text: node.data, endsParagraph: lastTexts.has(node) }));
}

/** Puts the hyphenated text back into the nodes {@link collectHyphenatableText} found. */
export function applyHyphenatedText(texts: string[]): number {
  const nodes = (window as unknown as { __hyphenNodes?: Text[] }).__hyphenNodes ?? [];
  let changed = 0;
  nodes.forEach((node, index) => {
    const text = texts[index];
    if (text !== undefined && text !== node.data) {
      node.data = text;
      changed++;
    }
  });
  return changed;
}

/**
 * Gives each contents entry a page number box (empty on the first printing, which keeps the layout
 * of the second) and returns the ids the entries link to.
 */
export function prepareContentsPages(): string[] {
  const ids: string[] = [];
  for (const link of document.querySelectorAll<HTMLAnchorElement>(".report-toc a[href^='#']")) {
    const id = decodeURIComponent(link.hash.slice(1));
    let box = link.querySelector<HTMLElement>(".toc-page");
    if (!box) {
      box = document.createElement("span");
      box.className = "toc-page";
      link.append(box);
    }
    box.textContent = "";
    ids.push(id);
  }
  return ids;
}

/** Writes each contents entry's page number, from `pages` (id to page), into its box. */
export function fillContentsPages(pages: Record<string, number>): number {
  let filled = 0;
  for (const link of document.querySelectorAll<HTMLAnchorElement>(".report-toc a[href^='#']")) {
    const page = pages[decodeURIComponent(link.hash.slice(1))];
    const box = link.querySelector<HTMLElement>(".toc-page");
    if (box && page !== undefined) {
      box.textContent = String(page);
      filled++;
    }
  }
  return filled;
}

/**
 * For each `<figure>` in document order, what it shows: its caption with its image descriptions, or
 * with its items or text. Read as printed (innerText), so hidden citation previews stay out.
 */
export function figureDescriptions(): string[] {
  const visible = (node: Element | null) =>
    // biome-ignore lint/performance/useDomNodeTextContent: innerText is what prints; it leaves out hidden citation previews.
    ((node as HTMLElement | null)?.innerText ?? "").replace(/\s+/g, " ").trim();
  return [...document.querySelectorAll("main figure")].map((figure) => {
    const images = [...figure.querySelectorAll("img[alt], svg[aria-label]")]
      .map((image) => image.getAttribute("alt") ?? image.getAttribute("aria-label") ?? "")
      .filter((text) => text.trim() !== "");
    const caption = visible(figure.querySelector("figcaption"));
    if (images.length > 0) return [caption, ...images].filter(Boolean).join(" ");
    const items = [...figure.querySelectorAll("li")].map((item) => visible(item)).filter(Boolean);
    const whole = visible(figure);
    const body = items.length > 0 ? items.join("; ") : whole.replace(caption, "").trim();
    return [caption, body].filter(Boolean).join(" ");
  });
}

/** What each link says, by where it leads: `#id` for links inside the page, else the absolute URL. */
export function linkDescriptions(): Array<[string, string]> {
  return [...document.querySelectorAll<HTMLAnchorElement>("a[href]")].map((link) => {
    const href = link.getAttribute("href") ?? "";
    const target = href.startsWith("#") ? href : link.href;
    const name = (link.getAttribute("aria-label") ?? link.textContent ?? "").replace(/[\s\u00AD]+/g, " ").trim();
    return [target, name];
  });
}

/**
 * Shrinks each display equation wider than the printed column until it fits (down to `smallest`
 * of its size), and returns how many it shrank. A page cannot scroll: a wide equation would
 * otherwise print cut off at the column's edge. Measured in the browser with the print layout,
 * because only the browser knows how wide the typeset math is.
 */
export function fitWideEquations(smallest: number): number {
  let shrunk = 0;
  for (const body of document.querySelectorAll<HTMLElement>(".equation-body")) {
    const math = body.querySelector<HTMLElement>("math");
    if (!math || body.scrollWidth <= body.clientWidth + 1) continue;
    const size = Number.parseFloat(getComputedStyle(math).fontSize);
    const scale = Math.max(smallest, body.clientWidth / body.scrollWidth);
    math.style.fontSize = `${(size * scale).toFixed(2)}px`;
    // Rounding can leave a hair too wide; one step more settles it.
    if (body.scrollWidth > body.clientWidth + 1 && scale > smallest) {
      math.style.fontSize = `${(size * Math.max(smallest, scale * 0.97)).toFixed(2)}px`;
    }
    shrunk++;
  }
  return shrunk;
}

/**
 * The width of the printed text column in CSS pixels: the `@page` size less its left and right
 * margins, read from the page's own stylesheets. Emulating print media keeps the window's width, so
 * layout that depends on the column (how wide an equation may be) is measured at this width.
 */
export function printedColumnWidth(): number {
  const pageRules: CSSPageRule[] = [];
  const collect = (rules: CSSRuleList) => {
    for (const rule of rules) {
      if (rule instanceof CSSPageRule && !rule.selectorText.includes(":")) pageRules.push(rule);
      else if (rule instanceof CSSMediaRule && /print|all/.test(rule.media.mediaText || "all")) collect(rule.cssRules);
    }
  };
  for (const sheet of document.styleSheets) collect(sheet.cssRules);
  const value = (property: string, fallback: string) =>
    pageRules
      .map((rule) => rule.style.getPropertyValue(property).trim())
      .filter(Boolean)
      .at(-1) ?? fallback;
  const sizes: Record<string, string> = { a4: "210mm", letter: "8.5in", a5: "148mm", legal: "8.5in" };
  const size = value("size", "letter").split(/\s+/)[0]?.toLowerCase() ?? "letter";
  const probe = document.createElement("div");
  probe.style.position = "absolute";
  probe.style.width = `calc(${sizes[size] ?? size} - ${value("margin-left", "0px")} - ${value("margin-right", "0px")})`;
  document.body.append(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return width;
}
