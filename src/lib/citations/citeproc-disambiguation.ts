import CSL from "citeproc";

type Ambiguity = { year_suffix: string | false; names: number[] };
type Listed = [Ambiguity, { id: string | number }[]];
interface Registry {
  registerAmbigToken(akey: string, id: string, config: Ambiguity): void;
  ambigcites: Record<string, string[]>;
}
interface Disambiguation {
  clashes: [number, number];
  lists: Listed[];
  listpos: number;
  akey: string;
  gnameset: number;
  state: {
    registry: Registry;
    tmp: { taintedItemIDs: Record<string, boolean> };
    refetchItem(id: string): unknown;
  };
  disYears(): void;
  disNames(ismax: boolean): void;
  [mark: string]: unknown;
}
interface Citeproc {
  Disambiguation: { prototype: Disambiguation };
  getAmbiguousCite: (this: unknown, item: unknown, config: Ambiguity, visualForm: boolean) => string;
  cloneAmbigConfig: (config: Ambiguity) => Ambiguity;
}

/**
 * The fewest names of the work's name list (citeproc's `gnameset`) that tell its citation apart from
 * every other work of its ambiguity group, each shown with as many names: APA 7 (8.18) writes "as many
 * names as needed to distinguish them", for each work on its own. The config is returned unchanged
 * when no fewer names do.
 */
function withFewestNames(run: Disambiguation, id: string, config: Ambiguity): Ambiguity {
  const citeproc = CSL as unknown as Citeproc;
  const group = run.state.registry.ambigcites[run.akey] ?? [];
  const others = group.filter((other) => other !== id).map((other) => run.state.refetchItem(other));
  const item = run.state.refetchItem(id);
  const shown = config.names[run.gnameset];
  if (shown === undefined || others.length === 0) return config;
  for (let names = 1; names < shown; names += 1) {
    const fewer = citeproc.cloneAmbigConfig(config);
    fewer.names[run.gnameset] = names;
    const cite = citeproc.getAmbiguousCite.call(run.state, item, fewer, true);
    if (others.every((other) => citeproc.getAmbiguousCite.call(run.state, other, fewer, true) !== cite)) return fewer;
  }
  return config;
}

/**
 * Two repairs to citeproc's disambiguation, made once per process on its own prototype:
 *
 * - Works that added names already tell apart keep them when other works of their group need a
 *   year's letter. citeproc splits "Varoquaux et al., 2010" into the works a second name settles
 *   (Baronnet, Sadaghiani, Keller) and two it cannot (Gramfort, twice), then hands the settled ones
 *   to the year-letter step, which drops a list without clashes unregistered: they were printed
 *   "(Varoquaux et al., 2010)" three times, where APA 7 (8.18) and Pandoc write "(Varoquaux,
 *   Baronnet, et al., 2010)". Such a work is registered with the names that settled it.
 * - Each work gets the names it needs, not those of the work settled before it. citeproc adds names
 *   to a whole group in step and never takes one back, so once "Kopp, Leymann, & Wu" and "Kopp,
 *   Leymann, & Wutke" needed three, the works after them got three too: "(Kopp, Engler, van Lessen,
 *   et al., 2010)", where two tell it apart, "(Kopp, Engler, et al., 2010)", as APA and Pandoc write.
 */
export function useCompleteDisambiguation(): void {
  const prototype = (CSL as unknown as Citeproc).Disambiguation.prototype;
  // A mark on citeproc's own object: two module graphs sharing one citeproc patch it once.
  if (prototype["report_settled"]) return;
  prototype["report_settled"] = true;
  const stockYears = prototype.disYears;
  const stockNames = prototype.disNames;
  prototype.disNames = function (this: Disambiguation, ismax: boolean) {
    const registry = this.state.registry;
    const stockRegister = registry.registerAmbigToken;
    registry.registerAmbigToken = (akey, id, config) =>
      stockRegister.call(registry, akey, id, withFewestNames(this, id, config));
    try {
      stockNames.call(this, ismax);
    } finally {
      registry.registerAmbigToken = stockRegister;
    }
  };
  prototype.disYears = function (this: Disambiguation) {
    const listed = this.lists[this.listpos];
    if (this.clashes[1] !== 0 || !listed || listed[1].length === 0) return stockYears.call(this);
    // The first work clashes with none of the list: it is settled by the list's names, and the rest
    // of the list is scanned again (two of them may still need letters).
    const [config, [settled, ...rest]] = listed;
    if (settled) {
      const id = String(settled.id);
      this.state.registry.registerAmbigToken(
        this.akey,
        id,
        withFewestNames(this, id, { ...config, year_suffix: false }),
      );
      this.state.tmp.taintedItemIDs[id] = true;
    }
    this.lists[this.listpos] = [config, rest];
  };
}
