import type { CslItem } from "./citation-js.ts";

// citeproc reads a report number such as 99-02 as the range 99 to 2 ("Nos. 99–02"); APA prints the
// number as the publisher wrote it after "No." (APA 7, 10.4). Only what citeproc is given changes:
// the downloads keep the number as written.
const HYPHENATED_NUMBER = /^\d+(?:\s*[-–]\s*\d+)+$/;

/** The item as citeproc should format it for APA 7; the bibliography data itself is left alone. */
export function forApaDisplay(item: CslItem): CslItem {
  const number = item["number"];
  if (typeof number === "string" && HYPHENATED_NUMBER.test(number.trim()) && item.type !== "patent") {
    return { ...item, number: `No. ${number.trim()}` };
  }
  return item;
}
