import CSL from "citeproc";

type Ambiguity = { year_suffix: string | false };
type Listed = [Ambiguity, { id: string | number }[]];
interface Disambiguation {
  clashes: [number, number];
  lists: Listed[];
  listpos: number;
  akey: string;
  state: {
    registry: { registerAmbigToken(akey: string, id: string, config: Ambiguity): void };
    tmp: { taintedItemIDs: Record<string, boolean> };
  };
  disYears(): void;
  [mark: string]: unknown;
}

/**
 * Makes citeproc tell apart, once per process, works that added names already tell apart when other
 * works of their group need a year's letter. citeproc splits "Varoquaux et al., 2010" into the works
 * a second name settles (Baronnet, Sadaghiani, Keller) and two it cannot (Gramfort, twice), then
 * hands the settled ones to the year-letter step, which drops a list without clashes unregistered:
 * they were printed "(Varoquaux et al., 2010)" three times, where APA 7 (8.18) and Pandoc write
 * "(Varoquaux, Baronnet, et al., 2010)". Such a work is registered with the names that settled it.
 */
export function useCompleteDisambiguation(): void {
  const prototype = (CSL as unknown as { Disambiguation: { prototype: Disambiguation } }).Disambiguation.prototype;
  // A mark on citeproc's own object: two module graphs sharing one citeproc patch it once.
  if (prototype["report_settled"]) return;
  prototype["report_settled"] = true;
  const stockYears = prototype.disYears;
  prototype.disYears = function (this: Disambiguation) {
    const listed = this.lists[this.listpos];
    if (this.clashes[1] !== 0 || !listed || listed[1].length === 0) return stockYears.call(this);
    // The first work clashes with none of the list: it is settled by the list's names, and the rest
    // of the list is scanned again (two of them may still need letters).
    const [config, [settled, ...rest]] = listed;
    if (settled) {
      const id = String(settled.id);
      this.state.registry.registerAmbigToken(this.akey, id, { ...config, year_suffix: false });
      this.state.tmp.taintedItemIDs[id] = true;
    }
    this.lists[this.listpos] = [config, rest];
  };
}
