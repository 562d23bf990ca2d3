import { hash as digestOf } from "node:crypto";
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import type { KeySet } from "../config";
import { visibleNir } from "../domain/accounts";
import { KeyedHash } from "../domain/keys";
import { type Columns, judgeEspace, judgeIdentity } from "./judge";

/**
 * The first stage of an import (ADR 020), for one part of a file: each record is parsed
 * (papaparse, streaming), judged by the application's rules and, when valid, keyed (the
 * NIR's keyed hash) and fingerprinted, then appended to the bucket its sort key falls in.
 * Rejected records go to the part's list of rejections, in line order. No database here:
 * parts run on several threads at once, and the second stage writes the buckets in key
 * order, so that the unique indexes grow at their end instead of at random places.
 *
 * A staged record is one line: `<sort key>\t<line, 10 digits>\t<fields>`, so that
 * sorting the lines as strings sorts them by key, then line (a tab sorts before any
 * character of a key). The sort key is the NIR's keyed hash (hex) for an Espace, the
 * normalised address for an identity. Nothing
 * here is a NIR in clear; the staging folder is private to the process and removed at the
 * end (SECURITY.md).
 */

export type FileKind = "espaces" | "identities";

export type StageTask = {
  kind: FileKind;
  path: string;
  start: number;
  end: number;
  firstLine: number;
  delimiter: string;
  newline: "\r\n" | "\n";
  columns: Columns;
  width: number;
  /** Where the part's buckets and rejections are written. */
  dir: string;
  part: number;
  buckets: number;
  /** The NIR keyed hash's secrets (current and previous keys): the server's own. */
  nirPepper: KeySet;
  /** Today, for impossible birth dates. */
  today: number;
};

export type StageResult = { rows: number; staged: number; rejected: number };

/**
 * A staged record's fields after its key and line, tab-separated (no field can hold a tab
 * or a line break: names have their white space collapsed, addresses and hashes are
 * checked): an Espace's `keyId, previous digests (comma-separated), visible NIR, birth
 * date, first name, last name, contact email, password hash, failed attempts, fingerprint`
 * (an empty field for none); an identity's `password hash, validated, locked, fingerprint`.
 */

const lineField = (line: number) => String(line).padStart(10, "0");

export const bucketFile = (dir: string, part: number, bucket: number) =>
  join(dir, `${part}.${bucket}.rows`);
export const rejectsFile = (dir: string, part: number) => join(dir, `${part}.rejects`);

/**
 * The bucket of a sort key: buckets are in key order (every key of bucket b sorts before
 * every key of bucket b + 1), so writing them one after the other writes in key order.
 */
export function bucketOf(kind: FileKind, key: string, buckets: number): number {
  if (kind === "espaces")
    return Math.floor((Number.parseInt(key.slice(0, 4), 16) * buckets) / 0x10000);
  // Addresses: their first two characters, printable ASCII from 0x20 (others at the ends).
  const rank = (i: number) => Math.min(Math.max((key.charCodeAt(i) || 0x20) - 0x20, 0), 95);
  return Math.floor(((rank(0) * 96 + rank(1)) * buckets) / (96 * 96));
}

/**
 * A keyed fingerprint of an export row: says whether the row changed, not what it holds.
 * Two digests, `<fields>.<password hash>`: a newer export brings a new password only when
 * the legacy hash itself changed (load.ts). The NIR enters it by its keyed hash, the rest
 * of the row is what the database holds anyway, so a plain SHA-256 suffices.
 */
export function fingerprint(
  fields: Array<string | number | boolean | null>,
  passwordHash: string | null,
): string {
  const text = fields.map((f) => (f === null ? "\u0001" : String(f))).join("\u0000");
  return `${digestOf("sha256", text, "base64url")}.${digestOf("sha256", passwordHash ?? "\u0001", "base64url")}`;
}

/** What a part's bucket buffers hold at most, all together (one part per thread). */
const BUFFER_BUDGET = 4 << 20;

/**
 * Appends lines to a part's bucket files, a buffer per bucket. The buffers share one
 * budget, so that memory stays flat whatever the number of buckets (it grows with the
 * file): 64 KiB each for a few buckets, down to 4 KiB for a thousand.
 */
class BucketWriter {
  private readonly fds = new Map<number, number>();
  private readonly buffers = new Map<number, { lines: string[]; size: number }>();
  private readonly flushAt: number;

  constructor(
    private readonly dir: string,
    private readonly part: number,
    buckets: number,
  ) {
    this.flushAt = Math.min(65_536, Math.max(4_096, Math.floor(BUFFER_BUDGET / buckets)));
  }

  add(bucket: number, line: string): void {
    let buffer = this.buffers.get(bucket);
    if (!buffer) {
      buffer = { lines: [], size: 0 };
      this.buffers.set(bucket, buffer);
    }
    buffer.lines.push(line);
    buffer.size += line.length;
    if (buffer.size < this.flushAt) return;
    this.write(bucket, buffer.lines.join(""));
    buffer.lines = [];
    buffer.size = 0;
  }

  private write(bucket: number, text: string): void {
    let fd = this.fds.get(bucket);
    if (fd === undefined) {
      fd = openSync(bucketFile(this.dir, this.part, bucket), "a", 0o600);
      this.fds.set(bucket, fd);
    }
    writeSync(fd, text);
  }

  close(): void {
    for (const [bucket, buffer] of this.buffers) {
      if (buffer.size > 0) this.write(bucket, buffer.lines.join(""));
    }
    for (const fd of this.fds.values()) closeSync(fd);
  }
}

export async function stage(
  task: StageTask,
  onProgress: (bytes: number, rows: number) => void,
): Promise<StageResult> {
  const buckets = new BucketWriter(task.dir, task.part, task.buckets);
  const rejects = openSync(rejectsFile(task.dir, task.part), "a", 0o600);
  let rejectText = "";
  const result: StageResult = { rows: 0, staged: 0, rejected: 0 };
  const reject = (line: number, reason: string) => {
    result.rejected++;
    rejectText += `${line}\t${reason}\n`;
    if (rejectText.length > 65_536) {
      writeSync(rejects, rejectText);
      rejectText = "";
    }
  };
  const nir = new KeyedHash(task.nirPepper, "nir-lookup");
  const rotating = nir.rotating;
  const today = new Date(task.today);
  const { columns, width, kind } = task;

  const take = (record: string[], line: number): void => {
    if (record.length !== width) {
      reject(line, `nombre de colonnes incorrect (${record.length} au lieu de ${width})`);
      return;
    }
    if (kind === "espaces") {
      const verdict = judgeEspace(record, columns, today);
      if ("problem" in verdict) {
        reject(line, verdict.problem);
        return;
      }
      const row = verdict.row;
      const current = nir.hash(row.nir);
      const previous = rotating
        ? nir
            .candidates(row.nir)
            .slice(1)
            .map((c) => c.digest)
        : null;
      const print = fingerprint(
        [
          current.digest,
          row.birthDate,
          row.firstName,
          row.lastName,
          row.contactEmail,
          row.failedAttempts,
        ],
        row.passwordHash,
      );
      buckets.add(
        bucketOf(kind, current.digest, task.buckets),
        `${current.digest}\t${lineField(line)}\t${current.keyId}\t${previous ? previous.join(",") : ""}\t` +
          `${visibleNir(row.nir)}\t${row.birthDate}\t${row.firstName}\t${row.lastName}\t${row.contactEmail ?? ""}\t` +
          `${row.passwordHash ?? ""}\t${row.failedAttempts}\t${print}\n`,
      );
    } else {
      const verdict = judgeIdentity(record, columns);
      if ("problem" in verdict) {
        reject(line, verdict.problem);
        return;
      }
      const row = verdict.row;
      const print = fingerprint([row.email, row.validated, row.locked], row.passwordHash);
      buckets.add(
        bucketOf(kind, row.email, task.buckets),
        `${row.email}\t${lineField(line)}\t${row.passwordHash}\t${row.validated ? 1 : 0}\t${row.locked ? 1 : 0}\t${print}\n`,
      );
    }
    result.staged++;
  };

  const input = createReadStream(task.path, {
    start: task.start,
    end: task.end - 1,
    encoding: "utf8",
    highWaterMark: 1 << 20,
  });
  let line = task.firstLine;
  try {
    await new Promise<void>((resolve, fail) => {
      input.on("error", fail);
      Papa.parse<string[]>(input, {
        delimiter: task.delimiter,
        newline: task.newline,
        skipEmptyLines: false,
        step: (results) => {
          const record = results.data;
          const at = line;
          // The next record starts after this one's line break and those inside its fields.
          line++;
          for (const field of record) {
            for (let i = field.indexOf("\n"); i >= 0; i = field.indexOf("\n", i + 1)) line++;
          }
          if (record.length === 1 && record[0] === "") return; // an empty line
          result.rows++;
          if (results.errors.length > 0) reject(at, "ligne illisible (guillemets mal placés)");
          else take(record, at);
          if ((result.rows & 0x3fff) === 0) onProgress(input.bytesRead, result.rows);
        },
        complete: () => resolve(),
        error: (error: Error) => fail(error),
      });
    });
  } finally {
    buckets.close();
    if (rejectText) writeSync(rejects, rejectText);
    closeSync(rejects);
  }
  onProgress(task.end - task.start, result.rows);
  return result;
}
