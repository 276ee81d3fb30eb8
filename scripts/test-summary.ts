/** Where `npm test` keeps each suite's machine-readable results (Playwright owns test-results/). */
export const SUMMARY_DIR = ".test-summary";
