import nodeLogDestination from "astro/logger/node";

/** What Astro hands a log destination: its level, the label it files under and the text. */
export interface BuildLogEvent {
  level: string;
  label: string | null;
  message: string;
  newLine: boolean;
}

/**
 * True for what an author needs from a build's log: every warning and error (the content's above
 * all), what the report's own steps wrote (`report-…`: the PDF, the EPUB, the single file, with
 * their paths and sizes) and Astro's count of the pages it wrote. Astro's progress (syncing content,
 * generating types, bundling, each route and image as it goes) is left out.
 */
export function shownInBuildLog(event: Pick<BuildLogEvent, "level" | "label" | "message">): boolean {
  if (event.level === "warn" || event.level === "error") return true;
  if (event.level !== "info") return false;
  if (event.label?.startsWith("report-")) return true;
  return event.label === "build" && /\bpage\(s\) built in\b/.test(event.message);
}

/**
 * The build's log destination (`logger` in astro.config.mjs, for `astro build` only): Astro's own
 * console output, holding only what {@link shownInBuildLog} lets through.
 */
export default function quietBuildLog(): { write: (event: BuildLogEvent) => void } {
  const console = nodeLogDestination();
  return {
    write(event) {
      if (shownInBuildLog(event)) console.write(event as Parameters<typeof console.write>[0]);
    },
  };
}
