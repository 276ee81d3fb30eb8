/** How many leading words of a paragraph make its anchor: enough to be unique, short enough to read. */
const ANCHOR_WORDS = 6;

/**
 * The anchor of a paragraph, made from its first words so that editing another paragraph never
 * changes it (anchors built from positions would shift).
 */
export function paragraphAnchorBase(text: string, prefix = "p"): string {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const base = words.slice(0, ANCHOR_WORDS).join("-");
  return `${prefix}-${base || "paragraph"}`;
}

/** Hands out paragraph anchors, adding -2, -3 ... when two paragraphs start with the same words. */
export class ParagraphAnchorAllocator {
  private readonly used = new Set<string>();

  /** Returns the anchor for the next paragraph (or, with another prefix, block) with this text. */
  allocate(text: string, prefix = "p"): string {
    const base = paragraphAnchorBase(text, prefix);
    let anchor = base;
    for (let suffix = 2; this.used.has(anchor); suffix++) anchor = `${base}-${suffix}`;
    this.used.add(anchor);
    return anchor;
  }
}
