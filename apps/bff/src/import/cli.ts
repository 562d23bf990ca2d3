/**
 * `pnpm import:legacy --espaces espaces.csv [--identities identities.csv] [--report rejects.csv]`
 * (OPERATIONS.md §1): loads the legacy Espace personnel export and the MGEN Connect
 * directory into the configured database (the BFF's own configuration: the same keyed
 * hashes as the server), creating and migrating it if needed, never seeding it.
 * It may run while the server runs. Exit code: 0, or 1 when rows were rejected, 2 when a
 * file cannot be imported at all.
 */
import { createWriteStream, existsSync, type WriteStream } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, prepareDatabase } from "../db/open";
import { loadConfig } from "../env";
import { exitOnConfigError } from "../main-support";
import { type FileKind, type Imported, ImportFileError, importFile, type Rejection } from "./load";
import { createProgress } from "./progress";

const here = process.env.INIT_CWD ?? process.cwd();
const usage =
  "Usage : pnpm import:legacy --espaces espaces.csv [--identities identities.csv] [--report rejets.csv]";

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let args: { espaces?: string; identities?: string; report?: string };
try {
  args = parseArgs({
    options: {
      espaces: { type: "string" },
      identities: { type: "string" },
      report: { type: "string" },
    },
  }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
if (!args.espaces) fail(usage);
const files: Array<{ kind: FileKind; path: string }> = [
  { kind: "espaces", path: resolve(here, args.espaces) },
  ...(args.identities
    ? [{ kind: "identities" as const, path: resolve(here, args.identities) }]
    : []),
];
for (const { path } of files) if (!existsSync(path)) fail(`Fichier introuvable : ${path}`);

const config = exitOnConfigError(loadConfig);
const db = openDatabase(config);
// A page cache of 16 MiB for the import's connection: its batches append to the indexes (ADR 020).
if (db.kind === "sqlite") db.connection.pragma("cache_size = -16384");
await prepareDatabase(db, async () => {});

let report: WriteStream | null = null;
if (args.report) {
  report = createWriteStream(resolve(here, args.report));
  // `;`-separated, UTF-8 with a BOM, for a spreadsheet. Line and reason only: never a NIR,
  // an address or a hash.
  report.write("\ufefffichier;ligne;motif\n");
}
const onRejected = (r: Rejection) => {
  report?.write(`${r.file}.csv;${r.line};${r.reason.replaceAll(";", ",")}\n`);
};

const started = performance.now();
const totals: Record<FileKind, Imported | null> = {
  espaces: null,
  identities: null,
};
try {
  for (const { kind, path } of files) {
    const progress = progressOf(kind);
    const deps = { db, nirPepper: config.nirPepper, now: Date.now };
    totals[kind] = await importFile(kind, deps, path, { onRejected, onProgress: progress.update });
    progress.stop();
  }
} catch (error) {
  if (error instanceof ImportFileError) fail(`Import arrêté : ${error.message}.`);
  throw error;
} finally {
  await new Promise<void>((r) => (report ? report.end(r) : r()));
  await db.close();
}

const seconds = (performance.now() - started) / 1000;
console.log("");
console.log(`Import terminé en ${seconds.toFixed(1)} s.`);
let rejected = 0;
for (const { kind } of files) {
  const t = totals[kind];
  if (!t) continue;
  rejected += t.rejected;
  console.log(
    `${kind}.csv : ${t.rows} lignes — inserted ${t.inserted}, updated ${t.updated}, unchanged ${t.unchanged}, skipped (already migrated) ${t.skipped}, rejected ${t.rejected}`,
  );
  console.log(
    `  lecture ${(t.readingMs / 1000).toFixed(1)} s (${t.threads} fil${t.threads > 1 ? "s" : ""}), écriture ${(t.writingMs / 1000).toFixed(1)} s`,
  );
}
// The process's peak memory (every thread), for the operator sizing the machine.
console.log(`Mémoire maximale : ${Math.round(process.resourceUsage().maxRSS / 1024)} Mo.`);
if (rejected > 0) {
  console.log(
    args.report
      ? `${rejected} ligne(s) rejetée(s) : voir ${resolve(here, args.report)} (numéro de ligne et motif).`
      : `${rejected} ligne(s) rejetée(s) : relancez avec --report rejets.csv pour leur numéro et leur motif.`,
  );
}
process.exit(rejected > 0 ? 1 : 0);

/**
 * A progress bar on a terminal (stage, rows, rows/s, time left); otherwise a line every
 * 10 s (progress.ts).
 */
function progressOf(kind: FileKind) {
  return createProgress(kind, {
    tty: process.stderr.isTTY === true,
    write: (text) => process.stderr.write(text),
  });
}
