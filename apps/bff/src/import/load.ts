import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Worker } from "node:worker_threads";
import Papa from "papaparse";
import type { KeySet } from "../config";
import type { Engine, Tx } from "../db/engine";
import { countImportedEspaces, trackMember } from "../domain/funnel";
import { MAX_FAILED_ATTEMPTS } from "../domain/locks";
import { anyMember } from "../store/cleanup";
import {
  createSearchIndexes,
  dropSearchIndexes,
  type IdentityMatch,
  type ImportedIdentity,
  type ImportedMember,
  identitiesByEmails,
  insertImportedIdentities,
  insertImportedMembers,
  type MemberMatch,
  membersByNirHashes,
  updateImportedIdentity,
  updateImportedMember,
} from "../store/imports";
import { ESPACE_COLUMNS, IDENTITY_COLUMNS, readHeader } from "./judge";
import { LayoutError, layoutOf } from "./split";
import {
  bucketFile,
  type FileKind,
  rejectsFile,
  type StageResult,
  type StageTask,
  stage,
} from "./stage";

/**
 * Loads one legacy export (OPERATIONS.md §1, ADR 020), in two stages.
 *
 * 1. Reading: the file is cut at record boundaries into as many parts as there are cores
 *    (split.ts); each part is streamed through papaparse on its own thread, every row
 *    judged by the application's rules, keyed and fingerprinted, and appended to the
 *    bucket of its sort key (stage.ts). Nothing touches the database.
 * 2. Writing: bucket after bucket, in key order, rows are sorted (a NIR or an address seen
 *    twice is rejected at its later line) and written by batches, each batch one short
 *    transaction: a live server waits at most one batch, the unique indexes grow at their
 *    end, and memory holds one bucket at a time, whatever the file's size.
 *
 * Re-importing the same or a newer export is idempotent: rows are matched by the NIR's
 * keyed hash (identities by address); the fingerprint tells an unchanged row from a
 * changed one; an Espace that has migrated meanwhile (an identity linked meanwhile) is
 * never touched. Rejections are told in line order at the end, with a reason that never
 * holds a value of the row.
 */

export type { FileKind };

export type Counts = {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Espaces that migrated meanwhile, identities linked to an Espace: never touched. */
  skipped: number;
  rejected: number;
};

export type Rejection = { file: FileKind; line: number; reason: string };

export type Progress = {
  stage: "reading" | "writing";
  /** Bytes read (reading) or rows written (writing)… */
  done: number;
  /** …of this many. */
  total: number;
  /** Rows read so far. */
  rows: number;
};

export type ImportHooks = {
  onRejected?: (rejection: Rejection) => void;
  onProgress?: (progress: Progress) => void;
};

export type ImportDeps = {
  db: Engine;
  /** The NIR keyed hash's secrets: the server's own configuration. */
  nirPepper: KeySet;
  now: () => number;
  /**
   * Rows per transaction: 1,000 on SQLite (a live server waits at most one batch for the
   * write lock), 5,000 on PostgreSQL (rows are not locked against the servers; each commit
   * waits for its WAL to reach the disk, which fewer commits spread over more rows).
   */
  batchSize?: number;
  /** Threads reading the file (by default one per core, two at most, one for a small file). */
  threads?: number;
};

export class ImportFileError extends Error {}

/** A file's counts, and where its time went. */
export type Imported = Counts & {
  rows: number;
  /** Threads that read the file. */
  threads: number;
  readingMs: number;
  writingMs: number;
};

/** Rows of a bucket are about this many bytes of the file: one bucket is in memory at a time. */
const BUCKET_BYTES = 4 << 20;
/**
 * Addresses are bucketed by their first two characters, which are far from uniform
 * (stage.ts): smaller buckets on average keep the largest one (a common first name's
 * initials) small too.
 */
const ADDRESS_BUCKET_BYTES = 1 << 20;
/** Below this size a file is read on the calling thread (a worker takes about half a second to start). */
const SMALL_FILE = 8 << 20;

/** A growable list of line numbers (duplicates found at writing). */
class Lines {
  private values = new Uint32Array(1024);
  length = 0;
  push(line: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = line;
  }
  sorted(): Uint32Array {
    return this.values.subarray(0, this.length).sort();
  }
}

function emptyCounts(): Counts {
  return { inserted: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0 };
}

/** A changed row brings its password only when the legacy hash changed (the fingerprint's second half). */
const passwordPart = (fingerprint: string | null) => fingerprint?.split(".")[1] ?? null;

/**
 * Whether a changed row brings its password: a new legacy hash, to an account whose
 * password is still the imported one (or that has none); a password set in this
 * application is kept, and an unchanged legacy hash never comes back over the argon2id
 * hash that replaced it at sign-in.
 */
function bringsPassword(
  match: { importFingerprint: string | null; passwordImported: number; hasPassword: number },
  importFingerprint: string,
): boolean {
  const imported = match.passwordImported === 1 || match.hasPassword === 0;
  return imported && passwordPart(match.importFingerprint) !== passwordPart(importFingerprint);
}

/** Runs `task` on a worker thread (`stage-worker.ts`); `workers` keeps it, to be stopped on a failure. */
function runInWorker(
  task: StageTask,
  onProgress: (bytes: number, rows: number) => void,
  workers: Worker[],
): Promise<StageResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./stage-worker.mjs", import.meta.url), {
      workerData: task,
      // A small heap, collected often: the process stays under its memory bound (ADR 020).
      resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
    });
    workers.push(worker);
    let result: StageResult | null = null;
    worker.on(
      "message",
      (
        message:
          | { type: "progress"; bytes: number; rows: number }
          | { type: "done"; result: StageResult },
      ) => {
        if (message.type === "progress") onProgress(message.bytes, message.rows);
        else result = message.result;
      },
    );
    worker.once("error", reject);
    worker.once("exit", (code) =>
      result ? resolve(result) : reject(new Error(`the reading thread stopped (code ${code})`)),
    );
  });
}

type Staged = { key: string; line: number; fields: string[] };

/**
 * The staged lines of one bucket, all parts together, sorted by key then line (stage.ts):
 * kept as the strings they are, and parsed a batch at a time (a bucket of addresses can be
 * much larger than the others: their first letters are not uniform).
 */
function readBucket(dir: string, parts: number, bucket: number): string[] {
  const lines: string[] = [];
  for (let part = 0; part < parts; part++) {
    const path = bucketFile(dir, part, bucket);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    rmSync(path);
    for (
      let at = 0, end = text.indexOf("\n");
      end >= 0;
      at = end + 1, end = text.indexOf("\n", at)
    ) {
      lines.push(text.slice(at, end));
    }
  }
  // `<key>\t<line, 10 digits>\t<fields>`: the strings' order is (key, line).
  lines.sort();
  return lines;
}

/** The key of a staged line. */
const keyOf = (text: string) => text.slice(0, text.indexOf("\t"));

/** The export's line number of a staged line. */
function lineOf(text: string): number {
  const start = text.indexOf("\t") + 1;
  return Number(text.slice(start, text.indexOf("\t", start)));
}

function parseStaged(text: string): Staged {
  const [key, line, ...fields] = text.split("\t");
  return { key: key as string, line: Number(line), fields };
}

/** Imports one file of the legacy export: `espaces.csv` or `identities.csv`. */
export async function importFile(
  kind: FileKind,
  deps: ImportDeps,
  path: string,
  hooks: ImportHooks = {},
): Promise<Imported> {
  const expected = kind === "espaces" ? ESPACE_COLUMNS : IDENTITY_COLUMNS;
  const batchSize = deps.batchSize ?? (deps.db.kind === "postgres" ? 5000 : 1000);
  const probe = layoutOf(path, 1);
  const threads =
    deps.threads ?? (probe.size > SMALL_FILE ? Math.min(2, availableParallelism()) : 1);
  let layout: ReturnType<typeof layoutOf>;
  try {
    layout = threads > 1 ? layoutOf(path, threads) : probe;
  } catch (error) {
    if (error instanceof LayoutError) throw new ImportFileError(error.message);
    throw error;
  }
  const semicolons = layout.header.split(";").length;
  const commas = layout.header.split(",").length;
  if (semicolons === 1 && commas === 1) throw new ImportFileError("ligne d'en-tête illisible");
  const delimiter = semicolons >= commas ? ";" : ",";
  const headerFields = Papa.parse<string[]>(layout.header, { delimiter }).data[0] ?? [];
  const header = readHeader(headerFields, expected);
  if ("problem" in header) throw new ImportFileError(header.problem);

  const bucketBytes = kind === "espaces" ? BUCKET_BYTES : ADDRESS_BUCKET_BYTES;
  const buckets = Math.min(1024, Math.max(1, Math.ceil(layout.size / bucketBytes)));
  const dir = mkdtempSync(join(tmpdir(), "mgen-import-"));
  const counts = emptyCounts();
  const duplicates = new Lines();
  const workers: Worker[] = [];
  let searchIndexesDropped = false;
  try {
    // 1. Reading, one thread per part.
    const readingStarted = performance.now();
    const read = layout.parts.map(() => ({ bytes: 0, rows: 0 }));
    const readBytes = layout.parts.reduce((sum, p) => sum + (p.end - p.start), 0);
    const tellRead = () =>
      hooks.onProgress?.({
        stage: "reading",
        done: read.reduce((s, r) => s + r.bytes, 0),
        total: readBytes,
        rows: read.reduce((s, r) => s + r.rows, 0),
      });
    const results = await Promise.all(
      layout.parts.map((part, i) => {
        const task: StageTask = {
          kind,
          path,
          ...part,
          delimiter,
          newline: layout.newline,
          columns: header.columns,
          width: headerFields.length,
          dir,
          part: i,
          buckets,
          nirPepper: deps.nirPepper,
          today: deps.now(),
        };
        const progress = (bytes: number, rows: number) => {
          read[i] = { bytes, rows };
          tellRead();
        };
        return layout.parts.length > 1
          ? runInWorker(task, progress, workers)
          : stage(task, progress);
      }),
    );
    const rows = results.reduce((s, r) => s + r.rows, 0);
    const staged = results.reduce((s, r) => s + r.staged, 0);

    // 2. Writing, bucket after bucket in key order.
    const writingStarted = performance.now();
    let written = 0;
    const write = kind === "espaces" ? writeEspaces : writeIdentities;
    // A first load into an empty table: the advisers' search indexes, whose keys come in
    // no useful order, are built once at the end from the sorted rows instead of row by
    // row (they doubled the writing time); the finally below puts them back whatever
    // happens (ADR 020).
    if (kind === "espaces") await createSearchIndexes(deps.db); // after a killed import
    if (kind === "espaces" && !(await anyMember(deps.db))) {
      await dropSearchIndexes(deps.db);
      searchIndexesDropped = true;
    }
    for (let bucket = 0; bucket < buckets; bucket++) {
      const sorted = readBucket(dir, layout.parts.length, bucket);
      let batch: string[] = [];
      let previousKey: string | null = null;
      for (let i = 0; i < sorted.length; i++) {
        const text = sorted[i] as string;
        const key = keyOf(text);
        if (key === previousKey) {
          duplicates.push(lineOf(text));
          written++;
        } else batch.push(text);
        previousKey = key;
        if (batch.length >= batchSize || (i === sorted.length - 1 && batch.length > 0)) {
          await write(deps, batch.map(parseStaged), counts);
          written += batch.length;
          batch = [];
          hooks.onProgress?.({ stage: "writing", done: written, total: staged, rows });
        }
      }
    }

    if (searchIndexesDropped) {
      await createSearchIndexes(deps.db);
      searchIndexesDropped = false;
    }

    // Rejections, in line order: those of reading (each part's in order, parts in order)
    // merged with the repeated keys found at writing.
    const repeated = duplicates.sorted();
    const reason =
      kind === "espaces"
        ? "NIR déjà présent plus haut dans le fichier"
        : "adresse déjà présente plus haut dans le fichier";
    let next = 0;
    const tell = (line: number, why: string) => {
      counts.rejected++;
      hooks.onRejected?.({ file: kind, line, reason: why });
    };
    for (let part = 0; part < layout.parts.length; part++) {
      const lines = createInterface({
        input: createReadStream(rejectsFile(dir, part), "utf8"),
        crlfDelay: Infinity,
      });
      for await (const text of lines) {
        const tab = text.indexOf("\t");
        const line = Number(text.slice(0, tab));
        while (next < repeated.length && (repeated[next] as number) < line)
          tell(repeated[next++] as number, reason);
        tell(line, text.slice(tab + 1));
      }
    }
    while (next < repeated.length) tell(repeated[next++] as number, reason);
    return {
      ...counts,
      rows,
      threads: layout.parts.length,
      readingMs: writingStarted - readingStarted,
      writingMs: performance.now() - writingStarted,
    };
  } finally {
    // A failed part stops the others before their files are removed.
    await Promise.all(workers.map((w) => w.terminate()));
    rmSync(dir, { recursive: true, force: true });
    if (searchIndexesDropped) await createSearchIndexes(deps.db);
  }
}

async function writeEspaces(deps: ImportDeps, batch: Staged[], counts: Counts): Promise<void> {
  const now = deps.now();
  const rows = batch.map(({ key, fields }) => {
    const [
      keyId,
      previous,
      nirVisible,
      birthDate,
      firstName,
      lastName,
      contactEmail,
      passwordHash,
      attempts,
      print,
    ] = fields as [string, string, string, string, string, string, string, string, string, string];
    const failedAttempts = Number(attempts);
    const member: ImportedMember = {
      nirHash: key,
      nirKeyId: Number(keyId),
      nirVisible,
      birthDate,
      firstName,
      lastName,
      contactEmail: contactEmail || null,
      passwordHash: passwordHash || null,
      failedAttempts,
      lockedAt: failedAttempts >= MAX_FAILED_ATTEMPTS ? now : null,
      importFingerprint: print,
    };
    return { member, digests: previous ? [key, ...previous.split(",")] : [key] };
  });
  await deps.db.transaction(async (tx) => {
    const matches = new Map<string, MemberMatch>();
    for (const m of await membersByNirHashes(
      tx,
      rows.flatMap((r) => r.digests),
    ))
      matches.set(m.nirHash, m);
    const fresh: ImportedMember[] = [];
    for (const { member, digests } of rows) {
      const match = digests.map((d) => matches.get(d)).find(Boolean);
      if (!match) fresh.push(member);
      else if (match.identityId !== null) counts.skipped++;
      else if (match.importFingerprint === member.importFingerprint) counts.unchanged++;
      else if (
        await trackMember(tx, match.id, () =>
          updateImportedMember(
            tx,
            match.id,
            member,
            bringsPassword(match, member.importFingerprint),
          ),
        )
      ) {
        counts.updated++;
      } else {
        // Migrated between the read and the write (on another instance): left alone.
        counts.skipped++;
      }
    }
    await insertImportedMembers(tx, fresh, now);
    countImportedEspaces(tx, fresh);
    counts.inserted += fresh.length;
  });
}

async function writeIdentities(deps: ImportDeps, batch: Staged[], counts: Counts): Promise<void> {
  const now = deps.now();
  const rows: ImportedIdentity[] = batch.map(({ key, fields }) => {
    const [passwordHash, validated, locked, print] = fields as [string, string, string, string];
    return {
      email: key,
      passwordHash,
      validatedAt: validated === "1" ? now : null,
      failedAttempts: locked === "1" ? MAX_FAILED_ATTEMPTS : 0,
      lockedAt: locked === "1" ? now : null,
      importFingerprint: print,
    };
  });
  await deps.db.transaction(async (tx: Tx) => {
    const matches = new Map<string, IdentityMatch>();
    for (const m of await identitiesByEmails(
      tx,
      rows.map((r) => r.email),
    ))
      matches.set(m.email, m);
    const fresh: ImportedIdentity[] = [];
    for (const identity of rows) {
      const match = matches.get(identity.email);
      if (!match) fresh.push(identity);
      else if (match.memberId !== null) counts.skipped++;
      else if (match.importFingerprint === identity.importFingerprint) counts.unchanged++;
      else if (
        await updateImportedIdentity(
          tx,
          match.id,
          identity,
          bringsPassword(match, identity.importFingerprint),
        )
      ) {
        counts.updated++;
      } else counts.skipped++;
    }
    await insertImportedIdentities(tx, fresh, now);
    counts.inserted += fresh.length;
  });
}
