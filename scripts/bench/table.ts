/** A cell of a text table: numbers are right-aligned, text left-aligned. */
export type Cell = string | number;

/** Formats rows under a header as a plain-text table with columns padded to their widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => String(row[column] ?? "").length)),
  );
  const line = (cells: readonly Cell[]) =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? "";
        return typeof cell === "number" ? String(cell).padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

/** Milliseconds as seconds with two decimals, e.g. `4.27 s`. */
export function seconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "-";
}

/** Bytes as MiB with no decimals, e.g. `412 MiB`; `-` when unknown. */
export function mebibytes(bytes: number | null): string {
  return bytes === null || !Number.isFinite(bytes) ? "-" : `${Math.round(bytes / 2 ** 20)} MiB`;
}
