// Constants the report's integrations hand to the pages at build time (Vite `define`).

/** True when this build prints the PDF: decided once, by src/integrations/pdf-integration.ts. */
declare const __REPORT_PDF__: boolean;
