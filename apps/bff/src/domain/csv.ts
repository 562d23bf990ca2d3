import Papa from "papaparse";

/**
 * The staff's CSV exports (OPERATIONS.md §2 and §3), written one way: `;`-separated,
 * CRLF lines, UTF-8 with a byte order mark (a spreadsheet then reads the accents), and
 * cells that a spreadsheet would run as a formula escaped.
 */
export const CSV_BOM = "\uFEFF";

/** `rows` as CSV lines, each ended by CRLF. */
export function csvLines(rows: ReadonlyArray<readonly string[]>): string {
  return `${Papa.unparse(rows as string[][], { delimiter: ";", newline: "\r\n", escapeFormulae: true })}\r\n`;
}
