import { chromiumAvailable } from "../build/browser.ts";

/** What the build says when it cannot print the PDF, with the ways to get a browser. */
export const NO_CHROMIUM_MESSAGE =
  "PDF skipped: no Chromium found; install it with `apt-get install chromium` or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.";

/** Why the PDF is not printed in this build, or undefined when it is. */
export async function pdfSkipReason(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env["REPORT_PDF"] === "off") return "PDF skipped: REPORT_PDF=off.";
  return (await chromiumAvailable(env)) ? undefined : NO_CHROMIUM_MESSAGE;
}
