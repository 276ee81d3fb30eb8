/** The ISO date (YYYY-MM-DD) of a date, in UTC so builds agree in every time zone. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A date as readers of the report's language write it, e.g. "November 26, 2026". */
export function readableDate(date: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(date);
}
