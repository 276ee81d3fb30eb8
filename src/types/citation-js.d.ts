// citation-js and citeproc ship no type declarations; these cover what the project uses.
declare module "@citation-js/core" {
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    data: unknown[];
    format(format: string, options?: Record<string, unknown>): string;
    static async(data: unknown): Promise<Cite>;
  }
  export const plugins: {
    config: { get(name: string): unknown };
    input: { chain(data: unknown, options?: Record<string, unknown>): unknown };
  };
}
declare module "@citation-js/plugin-bibtex";
declare module "@citation-js/plugin-csl";
declare module "@citation-js/plugin-ris";
declare module "citeproc" {
  interface CiteprocEngine {
    setOutputFormat(format: string): void;
    opt: { development_extensions: Record<string, boolean> };
    makeCitationCluster(items: unknown[]): string;
    updateItems(ids: string[]): void;
    makeBibliography(): unknown;
  }
  const CSL: {
    Engine: new (sys: unknown, style: string, lang: string, forceLang: boolean) => CiteprocEngine;
  };
  export default CSL;
}
