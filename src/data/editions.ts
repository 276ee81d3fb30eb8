import { siteUrl } from "../lib/build/site-url.ts";
import {
  cartridgeFileName,
  epubFileName,
  epubSkipReason,
  singleFileName,
} from "../lib/editions/edition-availability.ts";
import { report } from "./report.ts";

/**
 * The EPUB of the report, when this build makes one. Only builds make it
 * (src/integrations/editions-integration.ts, with the same test), so `astro dev` links none.
 */
export const epub = {
  enabled: import.meta.env.PROD && epubSkipReason() === undefined,
  fileName: epubFileName(report),
  url: siteUrl(epubFileName(report)),
};

/** The whole report as one HTML file, made by every build. */
export const singleFile = {
  enabled: import.meta.env.PROD,
  fileName: singleFileName(report),
  url: siteUrl(singleFileName(report)),
};

/** The course package for learning management systems (IMS Common Cartridge), made by every build. */
export const cartridge = {
  enabled: import.meta.env.PROD,
  fileName: cartridgeFileName(report),
  url: siteUrl(cartridgeFileName(report)),
};
