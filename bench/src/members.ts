import { normalizeNir } from "@mgen/contracts";
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import { createKeys } from "../../apps/bff/src/domain/keys";

/** A structurally valid NIR from a counter: key = 97 − (first 13 digits mod 97). */
export function generatedNir(i: number): string {
  const sex = 1 + (i % 2);
  const order = 1 + (Math.floor(i / 2) % 999);
  const commune = 1 + (Math.floor(i / 1998) % 990);
  const month = 1 + (Math.floor(i / 1_978_020) % 12);
  // Year 00 and department 01: no demo member has them, so no collision with the demo data.
  const body = `${sex}00${String(month).padStart(2, "0")}01${String(commune).padStart(3, "0")}${String(order).padStart(3, "0")}`;
  const key = 97 - (Number(body) % 97);
  return `${body}${String(key).padStart(2, "0")}`;
}

/**
 * Adds members `from`..`to`-1 straight into the app's SQLite file (app stopped, migrations
 * run), with the app's own NIR look-up hash under its pepper and one shared argon2id hash.
 */
export async function insertMembers(
  dbPath: string,
  pepper: string,
  from: number,
  to: number,
): Promise<number> {
  const started = performance.now();
  const shared = await hash("Generated-Member-2026", {
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  const set = { current: { id: 1, secret: pepper }, previous: [] };
  const nirKey = createKeys({ nirPepper: set, sessionSecret: set }).nir;
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const insert = db.prepare(
    `INSERT INTO members (nir_hash, birth_date, first_name, last_name, contact_email, password_hash, failed_attempts, created_at)
     VALUES (?, '2000-01-01', 'Bench', 'Membre', NULL, ?, 0, ?)`,
  );
  const now = Date.now();
  const batch = db.transaction((a: number, b: number) => {
    for (let i = a; i < b; i++)
      insert.run(nirKey.hash(normalizeNir(generatedNir(i))).digest, shared, now);
  });
  for (let a = from; a < to; a += 100_000) batch(a, Math.min(to, a + 100_000));
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return (performance.now() - started) / 1000;
}

export function countMembers(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const row = db.prepare("SELECT count(*) AS n FROM members").get() as { n: number };
  db.close();
  return row.n;
}
