import { closeSync, openSync, readSync, statSync } from "node:fs";

/**
 * Where a CSV export can be cut so that several threads read it at once (ADR 020). In
 * RFC 4180 a line break ends a record unless it is inside a quoted field, and it is inside
 * one exactly when an odd number of quote characters come before it (a quote inside a
 * quoted field is written twice, which keeps the parity). One pass over the bytes, counting
 * quotes and line breaks, finds the header, record boundaries near the cut points, and the
 * line number each part starts at.
 */

export type Part = {
  /** First byte of the part (the start of a record). */
  start: number;
  /** One past its last byte. */
  end: number;
  /** The file's line number at `start` (the header is line 1). */
  firstLine: number;
};

export type Layout = {
  /** The header record's text, without the BOM and the line break. */
  header: string;
  /** The line break the header ends with. */
  newline: "\r\n" | "\n";
  /** The records after the header, cut into at most `parts` parts. */
  parts: Part[];
  size: number;
};

export class LayoutError extends Error {}

const QUOTE = 0x22;
const LF = 0x0a;
const CHUNK = 1 << 20;

export function layoutOf(path: string, wanted: number): Layout {
  const size = statSync(path).size;
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(CHUNK);
    let offset = 0;
    let quotes = 0;
    let lines = 1;
    let headerEnd = -1;
    let header = "";
    let newline: "\r\n" | "\n" = "\n";
    const cuts: Array<{ at: number; line: number }> = [];
    // The cut points we look for a record boundary after, in order.
    let nextCut = 0;
    const cutPoints: number[] = [];
    while (offset < size) {
      const read = readSync(fd, buffer, 0, CHUNK, offset);
      if (read === 0) break;
      for (let i = 0; i < read; i++) {
        const byte = buffer[i];
        if (byte === QUOTE) quotes++;
        else if (byte === LF) {
          lines++;
          if ((quotes & 1) === 1) continue;
          const at = offset + i + 1;
          if (headerEnd < 0) {
            headerEnd = at;
            const text = readText(fd, 0, at);
            newline = text.endsWith("\r\n") ? "\r\n" : "\n";
            header = text.slice(0, text.length - newline.length).replace(/^\uFEFF/, "");
            const rest = size - headerEnd;
            for (let p = 1; p < wanted; p++)
              cutPoints.push(headerEnd + Math.floor((rest * p) / wanted));
            continue;
          }
          if (nextCut < cutPoints.length && at >= (cutPoints[nextCut] as number)) {
            cuts.push({ at, line: lines });
            while (nextCut < cutPoints.length && at >= (cutPoints[nextCut] as number)) nextCut++;
          }
        }
      }
      offset += read;
      // Past the last cut point and the header: the rest needs no counting.
      if (headerEnd >= 0 && nextCut >= cutPoints.length) break;
    }
    if (headerEnd < 0) {
      // A file of one line: the header alone (or nothing).
      const text = readText(fd, 0, size).replace(/^\uFEFF/, "");
      if (text.trim() === "") throw new LayoutError("fichier vide : la ligne d'en-tête manque");
      return { header: text.replace(/\r?\n$/, ""), newline: "\n", parts: [], size };
    }
    const starts = [{ at: headerEnd, line: 2 }, ...cuts.filter((c) => c.at < size)];
    const parts = starts.map((s, i) => ({
      start: s.at,
      end: i + 1 < starts.length ? (starts[i + 1] as { at: number }).at : size,
      firstLine: s.line,
    }));
    return { header, newline, parts: parts.filter((p) => p.end > p.start), size };
  } finally {
    closeSync(fd);
  }
}

function readText(fd: number, start: number, end: number): string {
  const buffer = Buffer.alloc(end - start);
  readSync(fd, buffer, 0, buffer.length, start);
  return buffer.toString("utf8");
}
