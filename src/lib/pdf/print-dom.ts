/**
 * What the PDF step changes on the full report page before printing, in the page only (never in
 * the built HTML, so the text people read and copy on the web stays as it is). Each function runs
 * inside the browser through Playwright and is self-contained.
 */

/**
 * Text that never gets hyphens: links (citations, URLs), code, headings, references, captions of
 * data, and table cells (a table is data; and text extraction reads a table's columns side by side,
 * so half a word in a cell would be joined to its neighbour's text: "them-" + "Book").
 */
export const NO_HYPHENS_SELECTOR = [
  "td",
  "th",
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

/** What {@link limitHyphenation} enforces. */
export interface HyphenationLimits {
  /** Hyphenated lines allowed in a row. */
  maxInARow: number;
  /** A break is kept only if without it the line would end more than this share of its block short. */
  zone: number;
  /** From a printing: the text of each page's last line that ended in a hyphen, up to the hyphen. */
  pageFinal?: readonly string[];
}

/**
 * Keeps only the hyphens a ragged-right page needs, towards LaTeX's density: where a soft hyphen
 * breaks a line, its word goes back whole (all its soft hyphens removed, the text laid out again)
 * when the line would end within `zone` of the right edge without it (the rag is fine as it is),
 * when it follows `maxInARow` lines already ending in a hyphen (as TeX's \doublehyphendemerits), or
 * when a printing found it ending a page (`pageFinal`): a word is never split across two pages. Measured at the printed column's width on the nodes {@link collectHyphenatableText}
 * kept. Returns the words it kept whole.
 */
export function limitHyphenation({ maxInARow, zone, pageFinal }: HyphenationLimits): number {
  const nodes = (window as unknown as { __hyphenNodes?: Text[] }).__hyphenNodes ?? [];
  const soft = "\u00AD";
  const rectOf = (node: Text, start: number, end: number) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return range.getClientRects()[0];
  };
  const wordStart = (node: Text, index: number) => {
    let start = index;
    while (start > 0 && /[\p{L}\p{M}\u00AD]/u.test(node.data[start - 1] ?? "")) start--;
    return start;
  };
  const keepWhole = (node: Text, index: number) => {
    const start = wordStart(node, index);
    let end = index;
    while (end < node.data.length && /[\p{L}\p{M}\u00AD]/u.test(node.data[end] ?? "")) end++;
    node.data = node.data.slice(0, start) + node.data.slice(start, end).replaceAll(soft, "") + node.data.slice(end);
  };
  /** The soft hyphens that break a line now, in document order, with their line's top and height. */
  const breaks = () => {
    const found: Array<{ node: Text; index: number; top: number; height: number; needless: boolean }> = [];
    for (const node of nodes) {
      if (!node.parentElement || node.parentElement.getClientRects().length === 0) continue;
      for (let index = node.data.indexOf(soft); index > 0; index = node.data.indexOf(soft, index + 1)) {
        // A soft hyphen that breaks the line is drawn (a box with a width); elsewhere it has none.
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const before = [...range.getClientRects()].find((rect) => rect.width > 0);
        if (!before) continue;
        // Without the break the whole word would go down a line: how far short would this line end?
        const start = wordStart(node, index);
        const first = rectOf(node, start, start + 1);
        const block = node.parentElement.closest("p, li, dd, dt, td, th, figcaption, blockquote, div");
        const right = block?.getBoundingClientRect();
        const needless =
          !!first && !!right && Math.abs(first.top - before.top) < 1 && right.right - first.left < zone * right.width;
        found.push({ node, index, top: before.top, height: before.height, needless });
      }
    }
    return found;
  };
  let kept = 0;
  // A page's last line, read back from the PDF, names the word split across the pages: the soft
  // hyphen whose text before it ends as that line does (as much of it as the text node holds).
  for (const lineEnd of pageFinal ?? []) {
    const fragment = lineEnd.split(" ").at(-1) ?? "";
    for (const node of nodes) {
      for (let index = node.data.lastIndexOf(soft); index > 0; index = node.data.lastIndexOf(soft, index - 1)) {
        const before = node.data.slice(0, index).replaceAll(soft, "").replace(/\s+/g, " ");
        const length = Math.min(24, lineEnd.length, before.length);
        if (fragment === "" || length < fragment.length || !before.endsWith(lineEnd.slice(-length))) continue;
        keepWhole(node, index);
        kept++;
      }
    }
  }
  for (let round = 0; round < 500; round++) {
    const found = breaks();
    let run = 0;
    let fix: (typeof found)[number] | undefined;
    for (const [position, current] of found.entries()) {
      const previous = found[position - 1];
      // One line pitch is about 1.3 glyph heights at a line height of 1.5; two lines are twice that.
      const gap = previous ? current.top - previous.top : 0;
      run = gap > 0 && gap < current.height * 1.9 ? run + 1 : 1;
      if (run > maxInARow || current.needless) {
        fix = current;
        break;
      }
    }
    if (!fix) break;
    keepWhole(fix.node, fix.index);
    kept++;
  }
  return kept;
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
 * Shrinks each equation (display or inline) wider than the printed column until it fits (down to `smallest`
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
  // An inline formula is its own box (rich-text.css): one wider than its line is set smaller too.
  for (const math of document.querySelectorAll<HTMLElement>("math:not(.equation-body > math)")) {
    if (math.scrollWidth <= math.clientWidth + 1) continue;
    const size = Number.parseFloat(getComputedStyle(math).fontSize);
    const scale = Math.max(smallest, (math.clientWidth / math.scrollWidth) * 0.97);
    math.style.fontSize = `${(size * scale).toFixed(2)}px`;
    shrunk++;
  }
  return shrunk;
}

/**
 * Sets each table wider than the printed column in smaller type until its words fit whole, down to
 * `smallest` of its size; only that table changes, never the page's scale. A table that still does
 * not fit keeps the print stylesheet's last resort (cells break long words anywhere), so every cell
 * prints inside the margins. Returns how many tables it set smaller. Measured in the browser with the
 * print layout at the column's width, like {@link fitWideEquations}.
 */
export function fitWideTables(smallest: number): number {
  let shrunk = 0;
  for (const box of document.querySelectorAll<HTMLElement>(".table-scroll")) {
    const table = box.querySelector<HTMLElement>("table");
    if (!table) continue;
    const cells = [...table.querySelectorAll<HTMLElement>("th, td")];
    // Measure with words kept whole, as a reader wants them.
    for (const cell of cells) cell.style.overflowWrap = "normal";
    const fits = () => table.scrollWidth <= box.clientWidth + 1;
    if (fits()) continue;
    const size = Number.parseFloat(getComputedStyle(table).fontSize);
    let scale = 1;
    while (!fits() && scale * 0.92 >= smallest) {
      scale *= 0.92;
      table.style.fontSize = `${(size * scale).toFixed(2)}px`;
    }
    if (!fits()) for (const cell of cells) cell.style.removeProperty("overflow-wrap");
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

/**
 * Gives every `<math>` of the report a text alternative for the tagged PDF: its TeX source (Temml's
 * `application/x-tex` annotation) or, without one, its text, as `role="img"` with an `aria-label`.
 * Chromium tags such an element as a Figure with that /Alt; the PDF step re-tags the Figures with
 * these texts, in document order, as Formula ({@link tagFormulas} in pdf-ua.ts). Returns the texts.
 */
export function labelFormulas(): string[] {
  const alts: string[] = [];
  for (const math of document.querySelectorAll("main math")) {
    if (math.getClientRects().length === 0) continue;
    const tex = math.querySelector("annotation[encoding='application/x-tex']")?.textContent;
    const alt = (tex || math.textContent || "").replace(/\s+/g, " ").trim();
    if (!alt) continue;
    math.setAttribute("role", "img");
    math.setAttribute("aria-label", alt);
    alts.push(alt);
  }
  return alts;
}

/**
 * Sets each embedded (compact) timeline as the table it is on paper: a header row (Date, Event) and
 * one row per event, in place of its list. The tagged PDF then holds a Table with TH cells, which a
 * reader navigates by row and column, not a Figure with links inside. An event's link, if it has
 * one, stays in its cell. Its look is set here (the page never shows the table, so its stylesheet
 * carries no rules for it): 10pt rows of 18pt, as the list printed, a rule under the header row.
 * Returns how many timelines it set as tables.
 */
export function timelinesAsTables(): number {
  let changed = 0;
  for (const timeline of document.querySelectorAll<HTMLElement>("main .timeline--compact")) {
    const list = timeline.querySelector(".timeline-events");
    if (!list) continue;
    const table = document.createElement("table");
    table.className = "timeline-table";
    Object.assign(table.style, { width: "100%", borderCollapse: "collapse", fontSize: "10pt", lineHeight: "18pt" });
    const head = table.createTHead().insertRow();
    for (const label of ["Date", "Event"]) {
      const cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = label;
      Object.assign(cell.style, { fontWeight: "600", borderBottom: "0.5pt solid #000" });
      if (label === "Date") cell.style.width = "4.5em";
      head.append(cell);
    }
    const body = table.createTBody();
    for (const event of list.querySelectorAll(".timeline-event")) {
      const row = body.insertRow();
      const date = event.querySelector(".timeline-date");
      const title = event.querySelector(".timeline-title-text");
      const link = event.querySelector<HTMLAnchorElement>("a[href]");
      const dateCell = row.insertCell();
      if (date) dateCell.append(date.cloneNode(true));
      const titleCell = row.insertCell();
      const text = title?.textContent ?? "";
      if (link) {
        const copy = document.createElement("a");
        copy.href = link.getAttribute("href") ?? "";
        copy.textContent = text;
        titleCell.append(copy);
      } else titleCell.textContent = text;
    }
    for (const cell of table.querySelectorAll<HTMLElement>("th, td"))
      Object.assign(cell.style, { padding: "0 0.6em 0 0", textAlign: "left", verticalAlign: "baseline" });
    for (const link of table.querySelectorAll<HTMLElement>("a"))
      Object.assign(link.style, { color: "#000", textDecoration: "none" });
    list.replaceWith(table);
    changed++;
  }
  return changed;
}

/**
 * Without the site's address (no `SITE_URL`) a link to another page of the site would be dead in a
 * downloaded PDF: each becomes the text it holds (a `<span>` with its id and class), so that the PDF
 * has no link annotation, and no link styling, where no URL exists. Links inside the page and to
 * other hosts stay. Returns how many links it unlinked.
 */
export function unlinkSiteLinks(): number {
  let unlinked = 0;
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    const target = new URL(link.href);
    if (target.origin !== location.origin) continue;
    if (target.pathname === location.pathname && target.search === location.search) continue;
    const text = document.createElement("span");
    if (link.id) text.id = link.id;
    if (link.className) text.className = link.className;
    text.append(...link.childNodes);
    link.replaceWith(text);
    unlinked++;
  }
  return unlinked;
}

/**
 * Gives the contents list its second level on paper: under each section's entry, its own top
 * headings (h3 on the full report page, or h2 where a .md section keeps its levels), each linking to
 * its heading, indented. Only the PDF gets them: the page's own contents stay one level, which keeps
 * the largest page within its weight budget. Returns how many entries it added.
 */
export function addSubsectionsToContents(): number {
  let added = 0;
  for (const entry of document.querySelectorAll<HTMLAnchorElement>(".report-toc > ol > li > a[href^='#']")) {
    const heading = document.getElementById(decodeURIComponent(entry.hash.slice(1)));
    const section = heading?.closest("section.report-section");
    if (!heading || !section || section.classList.contains("report-references")) continue;
    const candidates = [...section.querySelectorAll<HTMLElement>(".prose h2[id], .prose h3[id]")].filter(
      (candidate) => candidate.className === "" && !candidate.closest("figure, .footnotes"),
    );
    const top = candidates.some((candidate) => candidate.tagName === "H2") ? "H2" : "H3";
    const list = document.createElement("ol");
    list.style.paddingLeft = "1.5em";
    for (const subsection of candidates.filter((candidate) => candidate.tagName === top)) {
      const link = document.createElement("a");
      link.href = `#${encodeURIComponent(subsection.id)}`;
      link.textContent = (subsection.textContent ?? "").replace(/\s+/g, " ").trim();
      list.append(document.createElement("li"));
      list.lastElementChild?.append(link);
      added++;
    }
    if (list.childElementCount > 0) entry.parentElement?.append(list);
  }
  return added;
}
