/** Where the links of the built site lead in an edition that is not the site (EPUB, single file). */
export interface LinkTargets {
  /** Astro's base path, e.g. `/` or `/reports/self-help/`. */
  base: string;
  /** The site's public origin, for links the edition cannot hold (they lead back to the site); undefined when the build was given no SITE_URL. */
  siteOrigin: string | undefined;
  /** The document (file name, or "" for "this one") that holds each id. */
  fileOfId: ReadonlyMap<string, string>;
  /** Target for a site path without a fragment, e.g. `sections/introduction/` -> `introduction.xhtml`. */
  targetOfPath: ReadonlyMap<string, string>;
  /** The document the link is in: a link to an id in it becomes `#id`. */
  currentFile: string;
  /** Ids the edition writes under another name (see `readerSafeIds`). */
  renamedIds?: ReadonlyMap<string, string>;
}

const PLACEHOLDER_ORIGIN = "http://edition.invalid";

// A fragment such as "#100%" is no valid escape; it then names the id as written.
function decodedId(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** An id as a URL fragment: characters a URI may not hold (and `?`, which EPUBCheck misreads) percent-encoded. */
export function fragmentOf(id: string): string {
  return id.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (character) => encodeURIComponent(character));
}

function idTarget(id: string, targets: LinkTargets): string | undefined {
  const file = targets.fileOfId.get(id);
  if (file === undefined) return undefined;
  const fragment = fragmentOf(targets.renamedIds?.get(id) ?? id);
  return file === targets.currentFile ? `#${fragment}` : `${file}#${fragment}`;
}

/**
 * Retargets one href of the built report page: an id the edition holds becomes a link inside it,
 * a site page the edition holds becomes that part, any other site page becomes an absolute link
 * to the site (or no link at all when the site's address is unknown), and links to other hosts are kept.
 */
export function retargetHref(href: string, targets: LinkTargets): string | undefined {
  if (href.startsWith("#")) {
    const id = decodedId(href.slice(1));
    return idTarget(id, targets) ?? onSite(`${targets.base}report/${href}`, targets);
  }
  let url: URL;
  try {
    url = new URL(href, `${PLACEHOLDER_ORIGIN}${targets.base}report/`);
  } catch {
    return href;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return href;
  const id = url.hash ? decodedId(url.hash.slice(1)) : "";
  const inEdition = id ? idTarget(id, targets) : undefined;
  if (inEdition) return inEdition;
  const path = url.pathname.startsWith(targets.base) ? url.pathname.slice(targets.base.length) : undefined;
  const page = path === undefined ? undefined : targets.targetOfPath.get(path);
  if (page !== undefined && !id) return page;
  return onSite(`${url.pathname}${url.search}${url.hash}`, targets);
}

// Without the site's address a link back to it would name a guess (localhost): the text stays, unlinked.
function onSite(pathAndFragment: string, targets: LinkTargets): string | undefined {
  return targets.siteOrigin === undefined ? undefined : `${targets.siteOrigin}${pathAndFragment}`;
}

/**
 * Sets a link's target or, when it has none, makes it the text it holds: a `<span>` keeping its id and
 * class, so that nothing is styled or announced as a link that leads nowhere.
 */
export function setHref(
  element: { tagName: string; properties: Record<string, unknown> },
  href: string | undefined,
): void {
  if (href !== undefined) {
    element.properties["href"] = href;
    return;
  }
  element.tagName = "span";
  // Only the id, the class and the language mean something on the text that stays.
  for (const name of Object.keys(element.properties)) {
    if (name !== "id" && name !== "className" && name !== "lang") delete element.properties[name];
  }
}
