/** Normalises a base path to the "/sub/path/" form (or "/"), whatever slashes it was given with. */
export function normalizeBase(base: string | undefined): string {
  const trimmed = (base ?? "").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

/** Joins the site's base path and a path inside the site. */
export function withBase(base: string, target: string): string {
  return `${normalizeBase(base)}${target.replace(/^\/+/, "")}`;
}
