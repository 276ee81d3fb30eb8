import { chromiumAvailable } from "../build/browser.ts";
import { type Environment, readEnvironment } from "../build/environment.ts";

/** What the build says when it cannot print the PDF, with the ways to get a browser. */
export const NO_CHROMIUM_MESSAGE =
  "PDF skipped: no Chromium found; install it with `apt-get install chromium` or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.";

/** Why the PDF is not printed in this build, or undefined when it is. */
export async function pdfSkipReason(
  environment: Pick<Environment, "pdf" | "chromiumPath"> = readEnvironment(),
): Promise<string | undefined> {
  if (!environment.pdf) return "PDF skipped: REPORT_PDF=off.";
  return (await chromiumAvailable(environment)) ? undefined : NO_CHROMIUM_MESSAGE;
}
